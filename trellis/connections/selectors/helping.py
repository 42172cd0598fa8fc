"""What connections tells matching about helping: the help members logged giving, and
how many relationships count against each member's capacity (`people.hooks`).

An exchange is private to the two people in it (what was shared, what was learned,
the note), so the help it stands for is told only by its topics from the vocabulary:
"Kubernetes, Terraform", never in the members' own words.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from trellis.connections.models import Exchange, Relationship
from trellis.people.hooks import HelpGiven, MemberIds


def help_given_in_exchanges(*, member_ids: MemberIds) -> dict[int, list[HelpGiven]]:
    """Each exchange in which one of `member_ids` logged sharing something, as the names of
    its topics, dated; exchanges without a topic say nothing about what was helped with.

    One query over the exchanges' topics, newest first.
    """
    rows = (
        Exchange.topics.through.objects.filter(
            exchange__author_id__in=member_ids, exchange__what_i_shared__gt=""
        )
        .order_by("-exchange__date", "-exchange_id", "topic__name")
        .values_list("exchange_id", "exchange__author_id", "exchange__date", "topic__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    first_seen: dict[int, tuple[int, object]] = {}
    for exchange_id, author_id, on, name in rows:
        names[exchange_id].append(name)
        first_seen.setdefault(exchange_id, (author_id, on))
    given: dict[int, list[HelpGiven]] = defaultdict(list)
    for exchange_id, (author_id, on) in first_seen.items():
        given[author_id].append(HelpGiven(on, ", ".join(names[exchange_id])))
    return dict(given)


def relationship_loads(*, member_ids: MemberIds) -> dict[int, int]:
    """How many relationships count against each member's capacity: active and resting.

    Two grouped queries (one for each side of the pair); members with none are absent.
    """
    open_ones = Relationship.objects.exclude(state=Relationship.State.CLOSED)
    load: Counter[int] = Counter()
    for side in ("member_a_id", "member_b_id"):
        rows = open_ones.filter(**{f"{side}__in": member_ids}).values_list(side, flat=True)
        load.update(rows)
    return dict(load)
