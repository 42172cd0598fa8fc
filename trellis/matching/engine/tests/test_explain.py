"""Explanations: the shared problem in their words, what each gives, what differs."""

from __future__ import annotations

import re

import numpy as np
import pytest

from trellis.matching.engine.encoders import VocabularyEncoder
from trellis.matching.engine.explain import explain
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import attributes, score_pairs
from trellis.matching.engine.tests.test_paraphrase import organisation, pair_people


def person(id, name, discipline="Engineering", team="Core", background=(), **statements):
    fields = dict(working_on="", curious_about="", can_help_with="", learning="")
    fields.update(statements)
    return Person(
        id=id,
        name=name,
        discipline=discipline,
        team=team,
        level=3,
        manager=None,
        background=tuple(background),
        capacity=2,
        **fields,
    )


ANA = person(
    "ana",
    "Ana Lima",
    "Design",
    working_on="Kubernetes upgrades",
    can_help_with="Terraform",
    learning="Go",
)
BEN = person(
    "ben",
    "Ben Okafor",
    working_on="Kubernetes upgrades",
    can_help_with="Go",
    learning="Terraform",
)
GUS = person("gus", "Gus Silva", "Data", learning="Terraform", working_on="churn forecasting")
DIA = person("dia", "Dia Khan", "Engineering", "Payments", working_on="Kubernetes upgrades")
EDU = person(
    "edu",
    "Edu Costa",
    "Engineering",
    "Search",
    ("physics", "music"),
    curious_about="Kubernetes upgrades",
)
FEN = person(
    "fen",
    "Fen Wu",
    "Engineering",
    "Search",
    ("law",),
    working_on="our k8s setup keeps breaking after every upgrade",
)
ANA_TOO = person("ana2", "Ana Souza", "Data", working_on="Kubernetes upgrades")
NAMED = [ANA, BEN, GUS, DIA, EDU, FEN, ANA_TOO]


@pytest.fixture(scope="module")
def world():
    people = NAMED + organisation(100, seed=9)
    profiles = VocabularyEncoder(dim=64, concept_dim=48).fit(people).encode(people)
    return people, profiles, attributes(people)


def explained(world, a: Person, b: Person, viewer=None) -> str:
    people, profiles, attrs = world
    at = {p.id: i for i, p in enumerate(people)}
    scores = score_pairs(profiles, attrs, np.array([at[a.id]]), np.array([at[b.id]]))
    return explain(a, b, profiles, scores.pair(0), viewer=viewer)


def test_it_names_the_shared_problem_both_gifts_and_the_difference(world):
    assert explained(world, ANA, BEN, viewer="b") == (
        "You both work on Kubernetes upgrades. Ana can help you with Terraform; "
        "you can help Ana with Go. Ana comes from Design, you from Engineering."
    )


def test_the_other_side_reads_the_same_pair_from_its_own_view(world):
    assert explained(world, ANA, BEN, viewer="a") == (
        "You both work on Kubernetes upgrades. Ben can help you with Go; "
        "you can help Ben with Terraform. Ben comes from Engineering, you from Design."
    )


def test_without_a_viewer_it_names_both(world):
    assert explained(world, ANA, BEN) == (
        "Ana and Ben both work on Kubernetes upgrades. Ana can help Ben with Terraform; "
        "Ben can help Ana with Go. Ana comes from Design, Ben from Engineering."
    )


def test_teaching_one_way_only(world):
    assert explained(world, ANA, GUS, viewer="b") == (
        "Ana can help you with Terraform. Ana comes from Design, you from Data."
    )


def test_a_shared_problem_only_and_a_different_team(world):
    assert explained(world, BEN, DIA, viewer="a") == (
        "You both work on Kubernetes upgrades. Dia is in Payments, you in Core."
    )


def test_work_meets_curiosity_and_backgrounds_differ(world):
    assert explained(world, FEN, EDU, viewer="a") == (
        "You work on Kubernetes upgrades, which Edu is curious about. "
        "Edu's background is physics and music; yours is law."
    )


def test_a_long_phrase_is_quoted_beside_its_topic(world):
    text = explained(world, BEN, FEN, viewer="a")
    assert text.startswith(
        'You both work on Kubernetes (Fen: "our k8s setup keeps breaking after every upgrade").'
    )


def test_people_with_the_same_first_name_are_named_in_full(world):
    text = explained(world, ANA, ANA_TOO)
    assert text.startswith("Ana Lima and Ana Souza both work on Kubernetes upgrades.")


def test_it_is_deterministic(world):
    assert explained(world, ANA, BEN, viewer="a") == explained(world, ANA, BEN, viewer="a")


def test_it_rejects_an_unknown_viewer(world):
    with pytest.raises(ValueError, match="viewer"):
        explained(world, ANA, BEN, viewer="c")


GENDERED_OR_SENIOR = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|level|senior|junior|seniority)\b", re.I
)


def test_explanations_never_use_pronouns_or_seniority(world):
    suite, shared, generic = pair_people()
    people = suite + organisation(120, seed=2)
    profiles = VocabularyEncoder(dim=64, concept_dim=48).fit(people).encode(people)
    pairs = np.array(shared + generic)
    scores = score_pairs(profiles, attributes(people), pairs[:, 0], pairs[:, 1])
    for k, (a, b) in enumerate(pairs):
        for viewer in ("a", "b", None):
            text = explain(people[a], people[b], profiles, scores.pair(k), viewer=viewer)
            assert text and not GENDERED_OR_SENIOR.search(text), text
