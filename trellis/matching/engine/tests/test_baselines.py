"""The baselines a round is measured against: random, the hierarchy, TF-IDF + greedy."""

from __future__ import annotations

import numpy as np
import pytest

from trellis.matching.engine import baselines
from trellis.matching.engine.constraints import Constraints, violations
from trellis.matching.engine.metrics import round_metrics


def test_greedy_pairs_take_the_heaviest_within_capacity():
    i = np.array([0, 0, 1, 2, 3])
    j = np.array([1, 2, 2, 3, 3])
    w = np.array([0.9, 0.8, 0.7, 0.6, 1.0])
    # (3, 3) is no pair; 0 is full after (0, 1), so 1 (capacity 2) takes 2 before 2 meets 3.
    assert baselines.greedy_pairs(i, j, w, capacity=[1, 2, 1, 1]) == [(0, 1), (1, 2)]


BASELINES = [
    ("random", lambda people, given: baselines.random_pairs(people, seed=1, constraints=given)),
    ("hierarchy", lambda people, given: baselines.hierarchy_pairs(people, constraints=given)),
    ("tfidf", lambda people, given: baselines.tfidf_greedy_pairs(people, constraints=given)),
]


@pytest.mark.parametrize(("name", "baseline"), BASELINES, ids=[b[0] for b in BASELINES])
@pytest.mark.parametrize("constrained", [False, True])
def test_baselines_respect_capacity_and_never_pair_anyone_with_themselves(
    organisation, name, baseline, constrained
):
    constraints = Constraints(organisation) if constrained else None
    pairs = baseline(organisation, constraints)
    assert pairs
    assert pairs == baseline(organisation, constraints)  # deterministic
    found = violations(organisation, pairs)
    assert found["same_person"] == 0
    assert found["over_capacity"] == 0
    assert found["duplicate"] == 0
    if constrained:
        assert found == dict.fromkeys(found, 0)
        assert round_metrics(organisation, pairs)["coverage"] > 0.5


def test_hierarchy_pairs_senior_with_junior_in_one_discipline(organisation):
    by_id = {p.id: p for p in organisation}
    pairs = baselines.hierarchy_pairs(organisation)
    assert all(by_id[a].discipline == by_id[b].discipline for a, b in pairs)
    assert all(by_id[a].level >= by_id[b].level for a, b in pairs)
    assert np.mean([by_id[a].level - by_id[b].level for a, b in pairs]) > 1


def test_random_pairs_depend_on_the_seed(organisation):
    one, two = (baselines.random_pairs(organisation, seed=seed) for seed in (1, 2))
    assert one != two
