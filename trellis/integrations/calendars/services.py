"""Writes for calendar feeds: making a member's secret address (replacing the old one) and
revoking it. Each is one transaction that also writes the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from trellis.accounts.secrets import digest_of, new_secret
from trellis.audit.log import record
from trellis.integrations.calendars.models import CalendarFeed
from trellis.people.models import Member


@dataclass(frozen=True)
class MadeFeed:
    """A feed just made: the row, and its secret (never stored, shown once)."""

    feed: CalendarFeed
    secret: str


@transaction.atomic
def feed_make(*, member: Member) -> MadeFeed:
    """Make `member`'s feed address; an address made before stops working at once."""
    secret = new_secret()
    feed, created = CalendarFeed.objects.update_or_create(
        member=member, defaults={"digest": digest_of(secret), "created_at": timezone.now()}
    )
    record(
        "calendar_feed.created",
        actor=member.user,
        target=f"member {member.pk}",
        replaced=not created,
    )
    return MadeFeed(feed=feed, secret=secret)


@transaction.atomic
def feed_revoke(*, member: Member) -> bool:
    """Revoke `member`'s feed address: it answers 404 from now on. False if there was none."""
    deleted, _ = CalendarFeed.objects.filter(member=member).delete()
    if deleted:
        record("calendar_feed.revoked", actor=member.user, target=f"member {member.pk}")
    return bool(deleted)
