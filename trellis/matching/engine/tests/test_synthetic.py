"""The synthetic organisation: a valid, deterministic reporting tree, and the truth behind it."""

from __future__ import annotations

from trellis.matching.engine.people import chain_index
from trellis.matching.engine.synthetic import (
    DISCIPLINES,
    synthetic_organisation,
    synthetic_organisation_with_truth,
)
from trellis.matching.engine.tests.conftest import TOPICS


def test_synthetic_organisation_is_a_valid_deterministic_tree(organisation):
    assert len(organisation) == 300
    assert len({p.id for p in organisation}) == 300
    assert synthetic_organisation(300, topics_path=TOPICS, seed=3) == organisation
    chain_index(organisation)  # no cycles, every manager known
    by_id = {p.id: p for p in organisation}
    assert sum(p.manager is None for p in organisation) == 1
    assert all(p.level <= by_id[p.manager].level for p in organisation if p.manager)
    assert len({p.discipline for p in organisation}) == len(DISCIPLINES)
    assert all(p.working_on for p in organisation)
    assert any(not p.opted_in for p in organisation)
    assert any(p.capacity == 0 for p in organisation)
    assert [len(synthetic_organisation(n, topics_path=TOPICS)) for n in (1, 2, 13)] == [1, 2, 13]


def test_synthetic_truth_covers_every_statement(organisation):
    people, truth = synthetic_organisation_with_truth(300, topics_path=TOPICS, seed=3)
    assert people == organisation
    assert set(truth) == {p.id for p in people}
    for p in people:
        assert truth[p.id]["working_on"]  # everyone works on something
        for statement, used in truth[p.id].items():
            assert bool(used) == bool(getattr(p, statement))
