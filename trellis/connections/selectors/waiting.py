"""What is waiting on a member, for the top of their home page: intros waiting for their
answer, their own intros waiting for someone else's, and their relationships with the
last exchange in each. Each read costs a fixed number of queries whatever its rows."""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from trellis.connections.models import Exchange, Intro, Relationship
from trellis.connections.selectors.intros import open_q
from trellis.people.models import Member

INTROS_SHOWN = 5
RELATIONSHIPS_SHOWN = 6


def intros_to_answer(*, member: Member, now: datetime | None = None, limit: int = INTROS_SHOWN):
    """Intros sent to `member` still waiting for their answer, the soonest to expire first.

    One query, with each sender.
    """
    return list(
        Intro.objects.filter(open_q(now), recipient=member)
        .select_related("sender")
        .order_by("expires_at", "id")[:limit]
    )


def waiting_as_sender_sees(now: datetime | None = None) -> Q:
    """Intros their sender sees waiting: sent, or declined, and not past their expiry.

    A sender never learns of a decline: until the intro would have expired it reads to
    them exactly as one still waiting for an answer.
    """
    now = now or timezone.now()
    return Q(state__in=[Intro.State.SENT, Intro.State.DECLINED], expires_at__gt=now) & Q(
        sender_withdrew_at__isnull=True
    )


def waiting_intro_between(*, sender: Member, recipient: Member, now: datetime | None = None):
    """Whether `sender` has an intro to `recipient` waiting, as the sender sees it."""
    return Intro.objects.filter(
        waiting_as_sender_sees(now), sender=sender, recipient=recipient
    ).exists()


def waiting_intro_count(*, member: Member, now: datetime | None = None) -> int:
    """How many of `member`'s intros are waiting for an answer, as they see them."""
    return Intro.objects.filter(waiting_as_sender_sees(now), sender=member).count()


def intros_awaiting_answer(
    *, member: Member, now: datetime | None = None, limit: int = INTROS_SHOWN
) -> list[Intro]:
    """`member`'s intros waiting for someone else's answer, as they may know them (a
    declined one among them until it would have expired), newest first. One query."""
    return list(
        Intro.objects.filter(waiting_as_sender_sees(now), sender=member)
        .select_related("recipient")
        .order_by("-sent_at", "-id")[:limit]
    )


def relationships_in_progress(
    *, member: Member, limit: int = RELATIONSHIPS_SHOWN
) -> list[Relationship]:
    """`member`'s relationships that are not closed, the most recently active first.

    Each carries `other_member` and `last_exchange` (the newest exchange, with its
    author, or None). Two queries whatever the number of relationships or exchanges.
    """
    newest = Exchange.objects.filter(relationship=OuterRef("pk")).order_by("-date", "-id")
    relationships = list(
        Relationship.objects.filter(Q(member_a=member) | Q(member_b=member))
        .exclude(state=Relationship.State.CLOSED)
        .select_related("member_a", "member_b")
        .annotate(last_exchange_id=Subquery(newest.values("id")[:1]))
        .order_by("state", "-last_exchange_at", "-started_at", "-id")[:limit]
    )
    wanted = [r.last_exchange_id for r in relationships if r.last_exchange_id]
    exchanges = Exchange.objects.select_related("author").in_bulk(wanted) if wanted else {}
    for relationship in relationships:
        relationship.other_member = relationship.other(member.pk)
        relationship.last_exchange = exchanges.get(relationship.last_exchange_id)
    return relationships


def latest_intro_between(*, a: Member, b: Member) -> Intro | None:
    """The newest intro either of two members sent the other (never a draft), if any."""
    pair = Q(sender=a, recipient=b) | Q(sender=b, recipient=a)
    return (
        Intro.objects.filter(pair)
        .exclude(state=Intro.State.DRAFT)
        .select_related("sender", "recipient")
        .order_by("-sent_at", "-id")
        .first()
    )
