"""The synthetic organisation: a valid, deterministic reporting tree, and the truth behind it."""

from __future__ import annotations

import random

from trellis.matching.engine.people import STATEMENTS, chain_index
from trellis.matching.engine.synthetic import (
    DISCIPLINES,
    Vocabulary,
    plan_organisation,
    synthetic_organisation,
    synthetic_organisation_with_truth,
)
from trellis.matching.engine.tests.conftest import TOPICS
from trellis.text.vocabulary import load_vocabulary


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


def test_the_vocabulary_does_not_depend_on_the_order_its_entries_come_in():
    entries = load_vocabulary(TOPICS)
    shuffled = list(reversed(entries))

    first = Vocabulary.from_entries(entries, random.Random(5))
    second = Vocabulary.from_entries(shuffled, random.Random(5))

    assert (first.forms, first.by_area) == (second.forms, second.by_area)


def test_the_truth_names_topics_of_the_vocabulary():
    _, truth = synthetic_organisation_with_truth(200, topics_path=TOPICS, seed=1)
    slugs = {entry.slug for entry in load_vocabulary(TOPICS)}

    assert {slug for each in truth.values() for used in each.values() for slug in used} <= slugs


def test_a_planned_organisation_has_names_e_mails_and_profiles_for_everyone():
    rng = random.Random(2)
    vocabulary = Vocabulary.from_entries(load_vocabulary(TOPICS), rng)

    people = plan_organisation(rng, 60, vocabulary, domain="example.test")

    assert len({p.email for p in people}) == 60
    assert all(p.email.endswith("@example.test") and p.name for p in people)
    assert {p.profile["status"] for p in people} <= {"active", "paused", "left"}
    assert all(set(p.written_from) == set(STATEMENTS) for p in people)
