"""Reads for intros: who may see which, and what is still open."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from trellis.connections.models import NO_LONGER_OPEN, Intro
from trellis.people.models import Member
from trellis.people.selectors import management_chain


def open_q(now: datetime | None = None) -> Q:
    """Intros waiting for an answer: sent and not past their expiry (swept or not)."""
    return Q(state=Intro.State.SENT, expires_at__gt=now or timezone.now())


def open_intro_count(*, member: Member, now: datetime | None = None) -> int:
    """How many of `member`'s intros are waiting for an answer."""
    return Intro.objects.filter(open_q(now), sender=member).count()


def open_intro_between(
    *, sender: Member, recipient: Member, now: datetime | None = None
) -> Intro | None:
    """The intro from `sender` to `recipient` waiting for an answer, if there is one."""
    return Intro.objects.filter(open_q(now), sender=sender, recipient=recipient).first()


def draft_between(*, sender: Member, recipient: Member) -> Intro | None:
    """`sender`'s unsent draft to `recipient`, if they saved one."""
    return Intro.objects.filter(sender=sender, recipient=recipient, state=Intro.State.DRAFT).first()


def intro_for_member(*, intro_id: int, member: Member) -> Intro:
    """One intro `member` may see: any they sent, any sent to them (never a draft).

    Intro.DoesNotExist for everyone else, the same as for an intro that does not exist.
    """
    visible = Q(sender=member) | (Q(recipient=member) & ~Q(state=Intro.State.DRAFT))
    return (
        Intro.objects.filter(visible)
        .select_related("sender", "recipient", "relationship")
        .get(pk=intro_id)
    )


def intro_for_recipient(*, intro_id: int, member: Member) -> Intro:
    """One intro sent to `member`, theirs to answer; Intro.DoesNotExist for anyone else
    (its sender included), as for one that does not exist."""
    return (
        Intro.objects.filter(recipient=member)
        .exclude(state=Intro.State.DRAFT)
        .select_related("sender", "recipient", "relationship")
        .get(pk=intro_id)
    )


def intros_sent(*, member: Member) -> QuerySet[Intro]:
    """Every intro `member` wrote, drafts included, newest first, with its recipient."""
    return (
        Intro.objects.filter(sender=member)
        .select_related("recipient", "relationship")
        .order_by("-created_at", "-id")
    )


def intros_received(*, member: Member) -> QuerySet[Intro]:
    """Every intro sent to `member` (drafts are their writer's alone), with its sender."""
    return (
        Intro.objects.filter(recipient=member)
        .exclude(state=Intro.State.DRAFT)
        .select_related("sender", "relationship")
        .order_by("-sent_at", "-id")
    )


def _known_to_sender(state: str, now: datetime) -> Q:
    """Intros their sender knows in `state` (`Intro.known_state_for`): a declined one
    among the waiting, then among those no longer open, never as declined."""
    waiting = Q(state__in=[Intro.State.SENT, Intro.State.DECLINED], expires_at__gt=now)
    declined_unseen = Q(state=Intro.State.DECLINED, sender_withdrew_at__isnull=True)
    if state == Intro.State.SENT:
        return waiting & Q(sender_withdrew_at__isnull=True)
    if state == Intro.State.WITHDRAWN:
        return Q(state=Intro.State.WITHDRAWN) | Q(
            state=Intro.State.DECLINED, sender_withdrew_at__isnull=False
        )
    if state == NO_LONGER_OPEN:
        return (
            Q(state=Intro.State.EXPIRED)
            | Q(state=Intro.State.SENT, expires_at__lte=now)
            | (declined_unseen & Q(expires_at__lte=now))
        )
    if state in (Intro.State.DRAFT, Intro.State.ACCEPTED):
        return Q(state=state)
    return Q(pk__in=[])  # "declined": a sender never knows one


def _known_to_recipient(state: str, now: datetime) -> Q:
    """Intros their recipient knows in `state` (`Intro.known_state_for`)."""
    if state == Intro.State.SENT:
        return open_q(now)
    if state == NO_LONGER_OPEN:
        return Q(state__in=[Intro.State.EXPIRED, Intro.State.WITHDRAWN]) | Q(
            state=Intro.State.SENT, expires_at__lte=now
        )
    if state in (Intro.State.ACCEPTED, Intro.State.DECLINED):
        return Q(state=state)
    return Q(pk__in=[])  # a draft or a withdrawal: never known to the recipient as such


def intros_of(
    *, member: Member, box: str | None = None, state: str | None = None, now=None
) -> QuerySet[Intro]:
    """`member`'s intros: those they sent (drafts included, `box="sent"`), those sent to
    them (`box="received"`), or both; with `state`, one of `KNOWN_STATES`, only those they
    know in that state, exactly as `Intro.known_state_for` says of each: filtering never
    tells a sender of a decline. Newest first, with both members and the relationship."""
    now = now or timezone.now()
    sent = Q(sender=member)
    received = Q(recipient=member) & ~Q(state=Intro.State.DRAFT)
    if state is not None:
        sent &= _known_to_sender(state, now)
        received &= _known_to_recipient(state, now)
    wanted = {"sent": sent, "received": received}.get(box or "", sent | received)
    return (
        Intro.objects.filter(wanted)
        .select_related("sender", "recipient", "relationship")
        .order_by("-id")
    )


def draft_of(*, intro_id: int, sender: Member) -> Intro:
    """One of `sender`'s unsent drafts; Intro.DoesNotExist for anything else (a sent
    intro, someone else's draft), as for one that does not exist."""
    return Intro.objects.select_related("sender", "recipient").get(
        pk=intro_id, sender=sender, state=Intro.State.DRAFT
    )


def reporting_line(a: Member, b: Member) -> str | None:
    """ "manages" when `b` is above `a` in the reporting line, "reports" when below, else None."""
    if any(m.pk == b.pk for m in management_chain(a)):
        return "manages"
    if any(m.pk == a.pk for m in management_chain(b)):
        return "reports"
    return None
