"""Bulk writes for notifications: many in-app notifications at once, as `notify` writes one
inside `notifications_in_app_only()`, dated when they were sent and read.

For seeding (the demo organisation). The areas say what each event tells whom
(`connections.bulk`, `initiatives.bulk`); this writes it. Nobody is e-mailed.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from trellis.db import bulk
from trellis.notifications.models import Notification, NotificationPreference
from trellis.people.models import Member

MAX_TEXT = Notification._meta.get_field("text").max_length
MAX_URL = Notification._meta.get_field("url").max_length
KINDS = frozenset(Notification.Kind.values)


@dataclass(frozen=True)
class NewNotification:
    """What `recipient_id` is told, where it links to, when, and when they read it."""

    recipient_id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None = None


def _problem(notification: NewNotification) -> str | None:
    if notification.kind not in KINDS:
        return f"{notification.kind!r} is not a kind of notification."
    if not notification.url.startswith("/") or len(notification.url) > MAX_URL:
        return f"{notification.url!r} is not a path on this site of at most {MAX_URL} characters."
    if not notification.text or len(notification.text) > MAX_TEXT:
        return f"needs a text of 1 to {MAX_TEXT} characters."
    if notification.read_at is not None and notification.read_at < notification.created_at:
        return "read before it was sent."
    return None


def _not_told(notifications: Sequence[NewNotification]) -> set[tuple[int, str]]:
    """(recipient, kind) that `notify` would not write: members who left, kinds turned off."""
    recipients = list({n.recipient_id for n in notifications})
    members = bulk.values_by_pk(Member.objects, recipients, "status")
    left = {pk for pk, (status,) in members.items() if status == Member.Status.LEFT}
    off: set[tuple[int, str]] = set()
    for chunk in bulk.chunks(recipients, bulk.LOOKUP_BATCH):
        turned_off = NotificationPreference.objects.filter(member_id__in=chunk, in_app=False)
        off.update(turned_off.values_list("member_id", "kind"))
    return off | {(n.recipient_id, n.kind) for n in notifications if n.recipient_id in left}


def notifications_create(notifications: Sequence[NewNotification]) -> int:
    """Write these notifications in the app; how many were written.

    As `notify` would: nothing for a member who left, nor for a kind they turned
    off in the app. Refused, before anything is written, with a ValidationError
    naming each row: an unknown kind, a link off this site, an empty or overlong
    text (the areas shorten theirs, as their services do), read before it was sent.
    """
    bulk.refuse_problems(notifications, _problem, noun="notification")
    skipped = _not_told(notifications)
    rows = [
        (n.recipient_id, n.kind, n.text, n.url, n.created_at, n.read_at)
        for n in notifications
        if (n.recipient_id, n.kind) not in skipped
    ]
    names = ("recipient", "kind", "text", "url", "created_at", "read_at")
    bulk.insert_rows(Notification, names, rows)
    return len(rows)


def backdated(when: datetime) -> AbstractContextManager[None]:
    """Notifications `notify` writes inside the block were sent at `when`."""
    return bulk.backdated({Notification: ("created_at",)}, when)
