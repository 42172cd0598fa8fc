"""Rounds for their organisers: the list, a round, its pairs, who is unpaired and why,
and whether two people may be paired by hand."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from trellis.matching.engine.constraints import Constraints
from trellis.matching.engine.people import Person
from trellis.matching.models import (
    Round,
    Suggestion,
    UnpairedMember,
)
from trellis.people import hooks
from trellis.people.hooks import pair_key
from trellis.people.models import Member

from .people import chains_through_outsiders, engine_people, kept_apart_pairs

# A running round that has not reported progress for this long is taken for dead and an
# organiser may start it again. The last resort only: a worker killed mid-round is noticed
# by its heartbeat within seconds and the round queued again (trellis/db/worker.py); this
# covers a run no worker's heartbeat watches (`trellis round run` in a terminal closed).
STALE_AFTER = timedelta(minutes=10)


def round_list() -> QuerySet[Round]:
    """Every round, newest first, with who started it."""
    return Round.objects.select_related("organiser", "published_by").defer("config", "metrics")


def round_detail(*, round_id: int) -> Round:
    return Round.objects.select_related("organiser", "published_by").get(pk=round_id)


def round_pairs(*, round_obj: Round) -> QuerySet[Suggestion]:
    """A round's pairs, best first, with both members (two rows joined, one query)."""
    return (
        Suggestion.objects.filter(round=round_obj)
        .select_related("member_a", "member_b")
        .order_by("-score", "id")
    )


def round_is_stale(round_obj: Round, *, now=None) -> bool:
    """A running round that stopped reporting progress: its worker died."""
    if round_obj.state != Round.State.RUNNING:
        return False
    last = round_obj.heartbeat_at or round_obj.started_at or round_obj.created_at
    return last < (now or timezone.now()) - STALE_AFTER


def hand_pair_problems(*, round_obj: Round, member_a_id: int, member_b_id: int) -> list[str]:
    """What stops an organiser pairing two members by hand in `round_obj`, in words; empty
    when nothing does. The round's own hard rules (`engine.constraints.Constraints`, as the
    engine applies them): two different people, both active and open to peer learning,
    neither in the other's reporting line, not kept apart (a relationship already, a
    dismissal, an intro declined recently), and both with free capacity left after the
    pairs this round already gives them; and not a pair of this round already."""
    ids = {member_a_id, member_b_id}
    members = Member.objects.filter(pk__in=ids).order_by("id")
    load = hooks.relationship_load(member_ids=list(ids))
    in_round = Counter()
    for a, b in Suggestion.objects.filter(
        Q(member_a_id__in=ids) | Q(member_b_id__in=ids), round=round_obj
    ).values_list("member_a_id", "member_b_id"):
        in_round.update(x for x in (a, b) if x in ids)
    people = [
        replace(person, capacity=max(0, person.capacity - in_round[int(person.id)]))
        for person in engine_people(members, load)
    ]
    by_id = {person.id: person for person in people}
    a, b = str(member_a_id), str(member_b_id)
    if a not in by_id or b not in by_id:
        return ["Choose two members of this network."]
    # A reporting line through someone else (a manager's manager) is the same rule as a
    # direct one; the engine sees it as a blocked pair only because that person is absent.
    through_others = chains_through_outsiders(ids)
    siblings = bool((round_obj.config or {}).get("exclude_siblings"))
    rules = Constraints(people, kept_apart_pairs(member_ids=ids), siblings=siblings)
    found = rules.violations([(a, b)])
    found["reporting_chain"] += int(pair_key(a, b) in through_others)
    problems = _hand_pair_words(found, [by_id[a], by_id[b]])
    low, high = sorted((member_a_id, member_b_id))
    if Suggestion.objects.filter(round=round_obj, member_a_id=low, member_b_id=high).exists():
        problems.append("They are already a pair in this round.")
    position = rules.position
    if not problems and not rules.allowed(position[a], position[b])[0]:  # siblings
        problems.append("They share a manager, and this round keeps such people apart.")
    return problems


def _hand_pair_words(found: dict[str, int], pair: list[Person]) -> list[str]:
    """The engine's violation counts for one pair, said with the people's names."""
    if found["same_person"]:
        return ["Choose two different people."]
    problems = []
    one, other = pair
    if found["reporting_chain"]:
        problems.append(
            f"{one.name} and {other.name} are in one reporting line; "
            "a round never pairs a manager with someone who reports to them."
        )
    if found["opted_out"]:
        out = [p.name for p in pair if not p.opted_in]
        problems.append(
            f"{' and '.join(out)} {'is' if len(out) == 1 else 'are'} paused, "
            "gone or not open to peer learning."
        )
    if found["over_capacity"]:
        full = [p.name for p in pair if p.capacity <= 0]
        problems.append(
            f"{' and '.join(full)} {'has' if len(full) == 1 else 'have'} no free capacity "
            "left: every relationship slot is in use or taken by this round's pairs."
        )
    if found["blocked"]:
        problems.append(
            f"{one.name} and {other.name} are kept apart: they already have a relationship, "
            "one of them dismissed the other, or an intro between them was declined recently."
        )
    return problems


def round_unpaired(*, round_obj: Round) -> QuerySet[UnpairedMember]:
    """Who of a round's cohort is in no pair and why, stored when it ran: by reason, then
    member, with each member's name (one query a page)."""
    return (
        UnpairedMember.objects.filter(round=round_obj)
        .select_related("member")
        .order_by("reason", "member_id")
    )


def unpaired_counts(*, round_obj: Round) -> list[tuple[str, int]]:
    """How many of the cohort are in no pair, for each reason (in words), most first."""
    rows = (
        UnpairedMember.objects.filter(round=round_obj)
        .values("reason")
        .annotate(people=Count("id"))
        .order_by("-people", "reason")
    )
    labels = dict(UnpairedMember.Reason.choices)
    return [(labels.get(row["reason"], row["reason"]), row["people"]) for row in rows]
