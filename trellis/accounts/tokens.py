"""Signed, expiring links for claiming an imported account."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token, but with its own salt so the two never mix.

    The token hashes the password, so it stops working once the account is claimed.
    """

    key_salt = "trellis.accounts.tokens.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()
