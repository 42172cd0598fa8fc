"""Reads for notifications and their preferences."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from trellis.notifications.models import DigestPreference, Notification, NotificationPreference
from trellis.people.models import Member


@dataclass(frozen=True)
class Preference:
    """How a member wants one kind of notification: in the app, by e-mail."""

    kind: str
    label: str
    in_app: bool = True
    email: bool = True


def unread_count(*, member: Member) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def notifications_of(*, member: Member) -> QuerySet[Notification]:
    """`member`'s notifications, newest first (no joins: each carries its own words)."""
    return Notification.objects.filter(recipient=member).order_by("-created_at", "-id")


def notification_for(*, notification_id: int, member: Member) -> Notification:
    """One of `member`'s notifications; Notification.DoesNotExist for anyone else's."""
    return Notification.objects.get(pk=notification_id, recipient=member)


def preferences_of(*, member: Member) -> dict[str, Preference]:
    """Every kind with `member`'s choice; a kind they never changed is on both ways."""
    stored = {p.kind: p for p in NotificationPreference.objects.filter(member=member)}
    prefs = {}
    for kind, label in Notification.Kind.choices:
        row = stored.get(kind)
        prefs[kind] = Preference(
            kind, label, in_app=row.in_app if row else True, email=row.email if row else True
        )
    return prefs


def wants_weekly_digest(*, member: Member) -> bool:
    """Whether `member` gets the weekly digest: yes unless they turned it off."""
    return not DigestPreference.objects.filter(member=member, weekly_digest=False).exists()
