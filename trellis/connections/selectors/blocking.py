"""The pairs matching must never suggest because of what already happened between them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from trellis.connections.models import Intro, Relationship
from trellis.people.hooks import Pair, pair_key

# Up to this many members, pairs with one of them are filtered by the database, not here.
FEW_MEMBERS = 100


# An intro that ended without being accepted: declined, expired or withdrawn. To its
# sender a declined intro reads as one still waiting and then as an expired one, so all
# three keep the pair apart alike, or the pause itself would tell of the decline.
ENDED_UNACCEPTED = (Intro.State.DECLINED, Intro.State.EXPIRED, Intro.State.WITHDRAWN)


def pause_start(now: datetime) -> datetime:
    """Intros that would have expired after this keep their pair apart now."""
    return now - timedelta(days=settings.DECLINE_BLOCK_DAYS)


def resend_pause_until(
    *, sender_id: int, recipient_id: int, now: datetime | None = None
) -> datetime | None:
    """Until when `sender` may not send `recipient` another intro, if a pause runs now.

    The pause is TRELLIS_DECLINE_BLOCK_DAYS after the last intro between them that ended
    without being accepted would have expired: the same for a decline, an expiry and a
    withdrawal, so the sender cannot tell them apart.
    """
    now = now or timezone.now()
    if settings.DECLINE_BLOCK_DAYS <= 0:
        return None
    last_expiry = (
        Intro.objects.filter(
            sender_id=sender_id,
            recipient_id=recipient_id,
            # A sent intro past its expiry has ended too, swept or not.
            state__in=(*ENDED_UNACCEPTED, Intro.State.SENT),
            expires_at__gt=pause_start(now),
        )
        .order_by("-expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return (
        None if last_expiry is None else last_expiry + timedelta(days=settings.DECLINE_BLOCK_DAYS)
    )


def blocked_pairs(
    *, member_ids: Iterable[int] | None = None, now: datetime | None = None
) -> set[Pair]:
    """Pairs with a relationship that is not closed, an intro waiting for an answer,
    or an intro that ended without being accepted recently (`resend_pause_until`).

    "Recently" is TRELLIS_DECLINE_BLOCK_DAYS after it would have expired. With
    `member_ids`, only pairs with at least one of them. Like dismissals, these rows are
    few next to a cohort, so for a cohort they are read whole and filtered here rather
    than with a huge IN list; for a page's few members the database filters them.
    """
    now = now or timezone.now()
    wanted = None if member_ids is None else set(member_ids)
    # A page asks about one member or a few: then the database filters the rows.
    few = wanted is not None and len(wanted) <= FEW_MEMBERS
    pairs_of = Q(member_a_id__in=wanted) | Q(member_b_id__in=wanted) if few else Q()
    related = (
        Relationship.objects.filter(pairs_of)
        .exclude(state=Relationship.State.CLOSED)
        .order_by()
        .values_list("member_a_id", "member_b_id")
    )
    pairs = list(related)

    def intros(condition: Q):
        rows = Intro.objects.filter(condition).order_by().values_list("sender_id", "recipient_id")
        if not few:
            return rows
        # One query, each side an index search on its member: with "sender or recipient"
        # SQLite reads every intro in that state in the organisation instead.
        return rows.filter(sender_id__in=wanted).union(rows.filter(recipient_id__in=wanted))

    # An intro waiting for an answer: suggesting the pair again is only noise.
    pairs += intros(Q(state=Intro.State.SENT))
    if settings.DECLINE_BLOCK_DAYS > 0:
        pairs += intros(Q(state__in=ENDED_UNACCEPTED, expires_at__gt=pause_start(now)))
    return {pair_key(a, b) for a, b in pairs if wanted is None or a in wanted or b in wanted}
