"""Notifications: one `notify` for every kind, in the app and by e-mail, as each member chose."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from trellis.notifications import selectors
from trellis.notifications.models import DigestPreference, Notification, NotificationPreference
from trellis.people.models import Member
from trellis.text.characters import flattened

logger = logging.getLogger(__name__)
SUBJECT_LENGTH = 120
_in_app_only: ContextVar[bool] = ContextVar("trellis_notify_in_app_only", default=False)


@contextmanager
def notifications_in_app_only() -> Iterator[None]:
    """While this block runs, `notify` writes in-app notifications and sends no e-mail.

    For seeding a demo, which tells invented people about invented events: never
    for what a member does.
    """
    token = _in_app_only.set(True)
    try:
        yield
    finally:
        _in_app_only.reset(token)


def _deliver(message: EmailMessage) -> None:
    """Send one e-mail; a failure is logged, never raised after the commit."""
    try:
        message.send()
    except Exception:
        logger.exception("Could not send a notification e-mail")


def _send_email(
    *, to: str, name: str, text: str, url: str, reply_to: str = "", details: str = ""
) -> None:
    context = {
        "name": name,
        "text": text,
        "details": details,
        "url": f"{settings.SITE_URL}{url}",
        "preferences_url": f"{settings.SITE_URL}{reverse('notifications:preferences')}",
    }
    message = EmailMessage(
        # One line, whatever a stored name holds: a line break in a header is refused.
        subject=flattened(text)[:SUBJECT_LENGTH],
        body=render_to_string("notifications/email/notification.txt", context),
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    )
    _deliver(message)


def email_send_on_commit(*, message: EmailMessage) -> bool:
    """Send an e-mail an area wrote itself (with an attachment, say) once the transaction commits.

    Like `notify`'s e-mails: nothing leaves if the change rolls back, nor inside
    `notifications_in_app_only()`. Returns whether it will be sent.
    """
    if _in_app_only.get():
        return False
    transaction.on_commit(lambda: _deliver(message))
    return True


@transaction.atomic
def notify(
    *, member: Member, kind: str, text: str, url: str, reply_to: str = "", details: str = ""
) -> Notification | None:
    """Tell `member` something, in the app and by e-mail, unless they turned that kind off.

    The e-mail may carry more than the app shows: `details` (how to reach the person
    it is about, say) and `reply_to`, so that answering it writes to them.
    Returns the in-app notification, or None when they only get (or get no) e-mail.
    The e-mail leaves once the transaction commits, so a change that rolls back
    tells nobody. Members who left are not told anything; inside
    `notifications_in_app_only()` nobody is e-mailed.
    """
    if kind not in Notification.Kind.values:
        raise ValidationError({"kind": f"Unknown notification kind {kind!r}."})
    if member.status == Member.Status.LEFT:
        return None
    preference = selectors.preferences_of(member=member)[kind]
    notification = None
    if preference.in_app:
        notification = Notification(recipient=member, kind=kind, text=text, url=url)
        notification.full_clean()
        notification.save()
    user = member.user
    if preference.email and user.is_active and user.email and not _in_app_only.get():
        fields = {"to": user.email, "name": member.display_name, "text": text, "url": url}
        fields |= {"reply_to": reply_to, "details": details}
        transaction.on_commit(lambda: _send_email(**fields))
    return notification


@transaction.atomic
def notification_mark_read(
    *, notification_id: int, member: Member, now: datetime | None = None
) -> Notification:
    """Mark one of `member`'s notifications read; Notification.DoesNotExist for others'."""
    notification = selectors.notification_for(notification_id=notification_id, member=member)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, member: Member, now: datetime | None = None) -> int:
    """Mark every unread notification of `member` read; returns how many."""
    return Notification.objects.filter(recipient=member, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


def notifications_mark_read_about(
    *, member: Member, url: str, kinds: list[str] | None = None, now: datetime | None = None
) -> int:
    """Mark `member`'s unread notifications about `url` read (of `kinds`, if given): they
    acted on what they were told (answered the intro, opened the relationship), so it
    is no longer "New". Returns how many. One UPDATE, atomic by itself."""
    unread = Notification.objects.filter(recipient=member, url=url, read_at__isnull=True)
    if kinds is not None:
        unread = unread.filter(kind__in=kinds)
    return unread.update(read_at=now or timezone.now())


@transaction.atomic
def notification_preferences_set(
    *,
    member: Member,
    choices: Mapping[str, tuple[bool, bool]],
    weekly_digest: bool | None = None,
) -> None:
    """Store `member`'s choice for each kind given: (in the app, by e-mail), and whether
    they get the weekly digest (None: leave it as it is)."""
    unknown = set(choices) - set(Notification.Kind.values)
    if unknown:
        raise ValidationError(f"Unknown notification kinds: {', '.join(sorted(unknown))}.")
    for kind, (in_app, email) in choices.items():
        NotificationPreference.objects.update_or_create(
            member=member, kind=kind, defaults={"in_app": bool(in_app), "email": bool(email)}
        )
    if weekly_digest is not None:
        digest_preference_set(member=member, weekly_digest=weekly_digest)


@transaction.atomic
def digest_preference_set(*, member: Member, weekly_digest: bool) -> bool:
    """Turn `member`'s weekly digest on or off; returns whether that changed anything."""
    current = selectors.wants_weekly_digest(member=member)
    if current == weekly_digest:
        return False
    DigestPreference.objects.update_or_create(
        member=member, defaults={"weekly_digest": weekly_digest}
    )
    return True


TAKE_BACK_BATCH = 500


@transaction.atomic
def notifications_take_back(*, kind: str, urls: list[str]) -> int:
    """Delete the unread notifications of `kind` linking to any of `urls` (something
    offered was withdrawn before they saw it: telling them so would only embarrass);
    read ones stay, and their links explain themselves. Returns how many went."""
    if kind not in Notification.Kind.values:
        raise ValidationError({"kind": f"Unknown notification kind {kind!r}."})
    gone = 0
    for start in range(0, len(urls), TAKE_BACK_BATCH):
        chunk = urls[start : start + TAKE_BACK_BATCH]
        unread = Notification.objects.filter(kind=kind, url__in=chunk, read_at__isnull=True)
        gone += unread.delete()[0]
    return gone
