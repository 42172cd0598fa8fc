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


def blocked_pairs(
    *, member_ids: Iterable[int] | None = None, now: datetime | None = None
) -> set[Pair]:
    """Pairs with a relationship that is not closed, an intro waiting for an answer,
    or an intro declined recently.

    "Recently" is TRELLIS_DECLINE_BLOCK_DAYS. With `member_ids`, only pairs with
    at least one of them. Like dismissals, these rows are few next to a cohort,
    so for a cohort they are read whole and filtered here rather than with a huge
    IN list; for a page's few members the database filters them.
    """
    now = now or timezone.now()
    wanted = None if member_ids is None else set(member_ids)
    # A page asks about one member or a few: then the database filters the rows.
    few = wanted is not None and len(wanted) <= FEW_MEMBERS
    pairs_of = Q(member_a_id__in=wanted) | Q(member_b_id__in=wanted) if few else Q()
    intros_of = Q(sender_id__in=wanted) | Q(recipient_id__in=wanted) if few else Q()
    related = (
        Relationship.objects.filter(pairs_of)
        .exclude(state=Relationship.State.CLOSED)
        .values_list("member_a_id", "member_b_id")
    )
    pairs = list(related)
    # An intro waiting for an answer: suggesting the pair again is only noise.
    intros = Intro.objects.filter(intros_of)
    pairs += intros.filter(state=Intro.State.SENT).values_list("sender_id", "recipient_id")
    if settings.DECLINE_BLOCK_DAYS > 0:
        since = now - timedelta(days=settings.DECLINE_BLOCK_DAYS)
        pairs += intros.filter(state=Intro.State.DECLINED, answered_at__gte=since).values_list(
            "sender_id", "recipient_id"
        )
    return {pair_key(a, b) for a, b in pairs if wanted is None or a in wanted or b in wanted}
