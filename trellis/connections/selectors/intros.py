"""Reads for intros: who may see which, and what is still open."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from trellis.connections.models import Intro
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


def reporting_line(a: Member, b: Member) -> str | None:
    """ "manages" when `b` is above `a` in the reporting line, "reports" when below, else None."""
    if any(m.pk == b.pk for m in management_chain(a)):
        return "manages"
    if any(m.pk == a.pk for m in management_chain(b)):
        return "reports"
    return None
