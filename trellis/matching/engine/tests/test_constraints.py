"""The hard constraints: which pairs are allowed, and what a list of pairs breaks."""

from __future__ import annotations

from collections import Counter

import numpy as np

from trellis.matching.engine.constraints import Constraints, violations
from trellis.matching.engine.synthetic import synthetic_organisation
from trellis.matching.engine.tests.conftest import TOPICS, person


def test_violations_count_every_kind(small_org):
    pairs = [
        ("cat", "cat"),  # same person
        ("boss", "bob"),  # reporting chain (two levels down)
        ("ann", "cat"),
        ("ann", "cat"),  # duplicate, and cat is now over capacity
        ("dan", "bob"),  # dan has capacity 0; bob is over capacity now
        ("eve", "ann"),  # eve has not opted in; ann over capacity
    ]
    found = violations(small_org, pairs, blocked=[("cat", "ann")])
    load = Counter(x for pair in pairs for x in pair)
    over = sum(max(0, load[p.id] - p.capacity) for p in small_org)
    assert over == 6  # ann 1, bob 1, cat 3, dan 1
    assert found == {
        "same_person": 1,
        "reporting_chain": 1,
        "over_capacity": over,
        "opted_out": 1,
        "blocked": 2,
        "duplicate": 1,
    }
    assert violations(small_org, [("ann", "cat")]) == dict.fromkeys(found, 0)


def test_constraints_allow_only_open_unrelated_unblocked_pairs(small_org):
    constraints = Constraints(small_org, blocked=[("cat", "bob")])
    at = {p.id: i for i, p in enumerate(small_org)}

    def ok(a, b):
        return bool(constraints.allowed(at[a], at[b])[0])

    assert ok("ann", "cat")
    assert not ok("cat", "cat")
    assert not ok("boss", "bob") and not ok("bob", "boss")
    assert not ok("bob", "cat")  # blocked
    assert not ok("dan", "cat")  # no capacity
    assert not ok("eve", "cat")  # not opted in


def test_without_capacity_a_member_with_none_left_may_still_be_paired(small_org):
    constraints = Constraints(small_org)
    at = {p.id: i for i, p in enumerate(small_org)}
    dan, cat, eve = at["dan"], at["cat"], at["eve"]
    assert not constraints.allowed(dan, cat)[0]
    assert constraints.allowed(dan, cat, capacity=False)[0]
    assert not constraints.allowed(eve, cat, capacity=False)[0]  # opting in still counts


def test_siblings_are_in_each_other_s_chain_only_when_asked(small_org):
    people = [*small_org, person("ann2", "boss")]
    at = {p.id: i for i, p in enumerate(people)}
    assert Constraints(people).allowed(at["ann"], at["ann2"])[0]
    assert not Constraints(people, siblings=True).allowed(at["ann"], at["ann2"])[0]


def test_a_pair_key_is_the_same_in_either_order(small_org):
    constraints = Constraints(small_org)
    assert constraints.pair_keys(np.array([1, 4]), np.array([4, 1])).tolist() == [10, 10]


def test_one_pair_at_a_time_gives_what_the_arrays_give():
    people = synthetic_organisation(300, topics_path=TOPICS, seed=3)
    ids = [p.id for p in people]
    blocked = [(ids[i], ids[(i * 7 + 3) % len(ids)]) for i in range(0, len(ids), 5)]
    for siblings in (False, True):
        constraints = Constraints(people, blocked, siblings=siblings)
        a, b = np.meshgrid(np.arange(len(people)), np.arange(len(people)), indexing="ij")
        a, b = a.ravel(), b.ravel()
        expected = constraints.allowed(a, b)
        one_by_one = np.array([constraints.allows(i, j) for i, j in zip(a, b, strict=True)])
        assert expected.any() and not expected.all()
        assert (one_by_one == expected).all()
