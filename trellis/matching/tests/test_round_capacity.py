"""A round never pairs a member beyond their free capacity: their capacity less the
relationships in use (active and resting). Database tests: CI runs them on SQLite and on
PostgreSQL. Open intros and unanswered suggestions do not count (see `free_capacity`)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.connections.models import Relationship
from trellis.matching import runs, selectors, services
from trellis.matching.engine.assignment import assign
from trellis.matching.models import Cohort, Round, Suggestion, UnpairedMember


def relate(one, other, *, state=Relationship.State.ACTIVE) -> Relationship:
    low, high = sorted((one, other), key=lambda m: m.pk)
    closing = {"closed_at": timezone.now()} if state == Relationship.State.CLOSED else {}
    return Relationship.objects.create(member_a=low, member_b=high, state=state, **closing)


def set_capacity(member, capacity: int) -> None:
    type(member).objects.filter(pk=member.pk).update(capacity=capacity)


def pairs_of(round_obj: Round) -> Counter:
    load: Counter = Counter()
    for a, b in Suggestion.objects.filter(round=round_obj).values_list(
        "member_a_id", "member_b_id"
    ):
        load.update((a, b))
    return load


@pytest.fixture
def kubernetes_people(make_member):
    """Six people who all work on Kubernetes: anyone could pair with anyone."""
    return [
        make_member(
            f"Kube {n}",
            team=f"Team {n}",
            discipline="Engineering" if n % 2 else "Data",
            working_on="Kubernetes upgrades and on-call load",
            can_help_with="Kubernetes, Terraform",
            learning="Kubernetes operators",
        )
        for n in range(6)
    ]


def test_a_member_with_every_relationship_in_use_is_in_no_pair_of_a_new_round(
    kubernetes_people, organiser
):
    full, partner, *_ = kubernetes_people
    set_capacity(full, 1)
    relate(full, partner)

    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    round_obj = runs.round_run(round_id=round_obj.pk)

    assert round_obj.state == Round.State.DONE, round_obj.failure_reason
    assert pairs_of(round_obj)[full.pk] == 0
    assert pairs_of(round_obj)  # the others were paired
    unpaired = UnpairedMember.objects.get(round=round_obj, member=full)
    assert unpaired.reason == UnpairedMember.Reason.NO_CAPACITY
    assert unpaired.why == "No free capacity: 1 of 1 relationship in use"


def test_nobody_gets_more_pairs_than_their_capacity_less_relationships_in_use(
    kubernetes_people, organiser
):
    busy, other, third, *_ = kubernetes_people
    for member in kubernetes_people:
        set_capacity(member, 3)
    relate(busy, other)
    relate(busy, third, state=Relationship.State.DORMANT)  # resting counts too

    round_obj = runs.round_run(
        round_id=services.round_create(organiser=organiser.user, cohort="all", enqueue=False).pk
    )

    load = pairs_of(round_obj)
    assert load[busy.pk] <= 1
    assert load[other.pk] <= 2 and load[third.pk] <= 2
    assert all(count <= 3 for count in load.values())


def test_the_engine_is_given_free_capacity_and_a_closed_relationship_frees_its_slot(
    ana, ben, carla
):
    set_capacity(ana, 2)
    relate(ana, ben)
    relate(ana, carla, state=Relationship.State.CLOSED)

    people = {p.id: p for p in selectors.cohort_people(cohort=Cohort("all")).people}

    assert people[str(ana.pk)].capacity == 1
    assert people[str(ben.pk)].capacity == 1  # capacity 2 by default, one in use
    assert people[str(carla.pk)].capacity == 2


def test_the_reasons_say_paused_and_not_open_apart(fake_engine, cohort, organiser, make_member):
    paused = make_member("Pia Paused", status="paused", working_on="Kubernetes")
    closed = make_member("Noor Notopen", open_to_peer_learning=False, working_on="Kubernetes")

    round_obj = runs.round_run(
        round_id=services.round_create(organiser=organiser.user, cohort="all", enqueue=False).pk
    )

    reasons = dict(
        UnpairedMember.objects.filter(round=round_obj).values_list("member_id", "reason")
    )
    assert reasons[paused.pk] == UnpairedMember.Reason.PAUSED
    assert reasons[closed.pk] == UnpairedMember.Reason.NOT_OPEN


@settings(max_examples=60, deadline=None)
@given(
    members=st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 6)), min_size=2, max_size=12
    ),  # (capacity, relationships in use)
    seed=st.integers(0, 2**16),
)
def test_property_no_member_appears_in_more_pairs_than_their_free_capacity(members, seed):
    """The engine's input (free capacity) and its assignment together: whatever the scores,
    nobody is paired more often than their capacity less their relationships in use."""
    n = len(members)
    free = [selectors.free_capacity(capacity=c, in_use=used) for c, used in members]
    a, b = np.triu_indices(n, k=1)
    weights = np.random.default_rng(seed).random(len(a)) + 0.01

    chosen = assign(n=n, a=a, b=b, w=weights, capacity=np.array(free, dtype=np.int64))

    load = np.bincount(np.concatenate([a[chosen.selected], b[chosen.selected]]), minlength=n)
    assert all(load[i] <= free[i] for i in range(n))
    assert all(free[i] == max(0, c - used) for i, (c, used) in enumerate(members))
