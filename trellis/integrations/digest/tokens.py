"""The signed token of a one-click unsubscribe address: one member's id, signed with the
site's secret key and a salt of its own, so it can be neither forged nor turned into
another member's (nor used where another signed value is expected)."""

from __future__ import annotations

from django.core import signing

SALT = "trellis.digest.unsubscribe"


class BadToken(Exception):
    """The token was not made by this site for an unsubscribe address."""


def unsubscribe_token(*, member_id: int) -> str:
    """The token for `member_id`'s unsubscribe address (no expiry: old e-mails keep working)."""
    return signing.Signer(salt=SALT).sign(str(member_id))


def member_id_of(token: str) -> int:
    """The member id a token was signed for; BadToken when it was tampered with."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise BadToken("This unsubscribe link is not one Trellis made.") from None
    if not value.isdigit():
        raise BadToken("This unsubscribe link is not one Trellis made.")
    return int(value)
