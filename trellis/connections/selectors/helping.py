"""What connections tells matching about helping: the help members logged giving, and
how many relationships count against each member's capacity (`people.hooks`).

An exchange is private to the two people in it (what was shared, what was learned,
the note), so the help it stands for is told only by its topics from the vocabulary:
"Kubernetes, Terraform", never in the members' own words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from trellis.connections.models import Exchange, Relationship
from trellis.people.hooks import HelpGiven, MemberIds


def help_given_in_exchanges(*, member_ids: MemberIds) -> dict[int, list[HelpGiven]]:
    """For each of `member_ids`, one entry per person they logged sharing something with:
    the topics of those exchanges, dated by the first. Exchanges without a topic say
    nothing about what was helped with and are left out. One query.
    """
    rows = (
        Exchange.topics.through.objects.filter(
            exchange__author_id__in=member_ids, exchange__what_i_shared__gt=""
        )
        .order_by("exchange__date", "exchange_id", "topic__name")
        .values_list(
            "exchange__author_id", "exchange__relationship_id", "exchange__date", "topic__name"
        )
    )
    topics: dict[tuple[int, int], dict[str, None]] = defaultdict(dict)
    first: dict[tuple[int, int], date] = {}
    for author_id, relationship_id, on, name in rows:
        topics[author_id, relationship_id][name] = None
        first.setdefault((author_id, relationship_id), on)
    given: dict[int, list[HelpGiven]] = defaultdict(list)
    for (author_id, relationship_id), names in topics.items():
        given[author_id].append(HelpGiven(first[author_id, relationship_id], ", ".join(names)))
    return dict(given)


def relationship_loads(*, member_ids: MemberIds) -> dict[int, int]:
    """How many relationships count against each member's capacity: active and resting.

    Two queries (one for each side of the pair); members with none are absent.
    """
    open_ones = Relationship.objects.exclude(state=Relationship.State.CLOSED).order_by()
    load: Counter[int] = Counter()
    for side in ("member_a_id", "member_b_id"):
        rows = open_ones.filter(**{f"{side}__in": member_ids}).values_list(side, flat=True)
        load.update(rows)
    return dict(load)
