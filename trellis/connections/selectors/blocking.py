"""The pairs matching must never suggest because of what already happened between them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from trellis.connections.models import Intro, Relationship
from trellis.people.hooks import Pair, pair_key


def blocked_pairs(
    *, member_ids: Iterable[int] | None = None, now: datetime | None = None
) -> set[Pair]:
    """Pairs with a relationship that is not closed, an intro waiting for an answer,
    or an intro declined recently.

    "Recently" is TRELLIS_DECLINE_BLOCK_DAYS. With `member_ids`, only pairs with
    at least one of them. Like dismissals, these rows are few next to a cohort,
    so they are read whole and filtered here rather than with a huge IN list.
    """
    now = now or timezone.now()
    related = Relationship.objects.exclude(state=Relationship.State.CLOSED).values_list(
        "member_a_id", "member_b_id"
    )
    pairs = list(related)
    # An intro waiting for an answer: suggesting the pair again is only noise.
    pairs += Intro.objects.filter(state=Intro.State.SENT).values_list("sender_id", "recipient_id")
    if settings.DECLINE_BLOCK_DAYS > 0:
        since = now - timedelta(days=settings.DECLINE_BLOCK_DAYS)
        pairs += Intro.objects.filter(
            state=Intro.State.DECLINED, answered_at__gte=since
        ).values_list("sender_id", "recipient_id")
    wanted = None if member_ids is None else set(member_ids)
    return {pair_key(a, b) for a, b in pairs if wanted is None or a in wanted or b in wanted}
