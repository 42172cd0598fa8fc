"""Bulk writes for accounts: many logins at once, as `User.objects.create_user` makes one.

For seeding (the demo organisation), where thousands of logins are created in
one transaction and one at a time would take minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.accounts.models import User
from trellis.db.bulk import chunks, refuse_problems

BATCH = 4000
MAX_EMAIL = User._meta.get_field("email").max_length


@dataclass(frozen=True)
class NewUser:
    """A login to create: its e-mail, its password (None: none usable yet) and its roles."""

    email: str
    password: str | None = None
    is_organiser: bool = False
    is_staff: bool = False
    is_superuser: bool = False


def _problem(user: NewUser) -> str | None:
    local, _, domain = user.email.rpartition("@")
    if not local or not domain or len(user.email) > MAX_EMAIL:
        return f"{user.email!r} is not an e-mail address."
    if user.is_superuser and not user.is_staff:
        return "a superuser who is not an operator (is_staff)."
    return None


def users_create(users: Sequence[NewUser], *, joined: datetime | None = None) -> list[int]:
    """Create these logins, joined at `joined` (now by default); their ids, in order.

    As `create_user` and `create_superuser` make them: addresses stored
    normalised and lower-cased, passwords hashed (None gives an unusable one, as
    for an imported member who has not claimed their account). Refused, before
    anything is written, with a ValidationError naming each row: an address with
    no name or no domain, or too long; the same address twice; a superuser who is
    not an operator. Not checked: each part of an address in full (Django's
    validator would cost more than the insert; the demo writes its own), and
    addresses already taken: the unique constraint refuses them when written (an
    IntegrityError that rolls back the caller's transaction).
    """
    emails = [User.objects.normalize_email(user.email).lower() for user in users]
    refuse_problems(users, _problem, noun="user")
    if len(set(emails)) != len(emails):
        raise ValidationError("The same e-mail address is given twice.")
    joined = joined or timezone.now()
    rows = [
        User(
            email=email,
            password=make_password(user.password),
            is_organiser=user.is_organiser,
            is_staff=user.is_staff,
            is_superuser=user.is_superuser,
            date_joined=joined,
        )
        for user, email in zip(users, emails, strict=True)
    ]
    for chunk in chunks(rows, BATCH):
        User.objects.bulk_create(chunk, batch_size=BATCH)
    return [row.pk for row in rows]
