"""Writes for accounts: invitations and claiming an imported account."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from trellis.accounts.models import User
from trellis.accounts.tokens import invitation_token


def invitation_url(*, user: User) -> str:
    """The absolute link with which `user` sets a password and signs in."""
    path = reverse(
        "accounts:claim",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def _invitation_message(user: User) -> EmailMessage:
    name = getattr(getattr(user, "member", None), "display_name", "") or user.email
    context = {"name": name, "url": invitation_url(user=user), "site_url": settings.SITE_URL}
    return EmailMessage(
        subject="You're invited to Trellis",
        body=render_to_string("accounts/email/invitation.txt", context),
        to=[user.email],
    )


def invitations_send(*, users: Iterable[User]) -> int:
    """E-mail an invitation link to each user who has not claimed an account yet.

    Returns how many were sent. One SMTP connection serves the whole batch.
    """
    messages = [
        _invitation_message(u) for u in users if u.is_active and not u.has_usable_password()
    ]
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


@transaction.atomic
def account_claim(*, user: User, password: str) -> User:
    """Set the first password of an imported user; the invitation link then expires.

    A deactivated account stays deactivated: an old invitation is no way back in.
    """
    if not user.is_active:
        raise ValidationError("This account has been deactivated.")
    validate_password(password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
