"""A synthetic organisation, planned once for the demo, the benches and the tests.

`plan_organisation` plans `n` people: the reporting tree (`tree`), their names, offices
and statements (`profiles`), from the vocabulary's words and the organisation's
(`words`). The demo writes the plan to the database; `synthetic_organisation` hands it
to the engine as `Person` records, and `synthetic_organisation_with_truth` also says
which topics each statement was written from, so `metrics.truth_quality` can judge
pairs without any encoder. The same seed always gives the same organisation.
"""

from __future__ import annotations

import random
from pathlib import Path

from trellis.matching.engine.people import STATEMENTS, Person
from trellis.matching.engine.synthetic.profiles import (
    ACTIVE,
    Vocabulary,
    assign_names,
    assign_profiles,
)
from trellis.matching.engine.synthetic.tree import PlannedPerson, reporting_tree
from trellis.text.vocabulary import load_vocabulary

# id -> statement -> the topics (slugs) it was written from
Truth = dict[str, dict[str, frozenset[str]]]


def plan_organisation(
    rng: random.Random, total: int, vocabulary: Vocabulary, *, domain: str = "example.org"
) -> list[PlannedPerson]:
    """`total` people: a reporting tree with teams and levels, names and e-mails at
    `domain`, offices, languages, switches and statements."""
    people = reporting_tree(rng, total)
    assign_names(rng, people, domain=domain)
    assign_profiles(rng, people, vocabulary)
    return people


def person_id(index: int) -> str:
    """The engine's id of the planned person at `index`."""
    return f"p{index:06d}"


def _engine_person(index: int, planned: PlannedPerson) -> Person:
    profile = planned.profile
    return Person(
        id=person_id(index),
        name=planned.name,
        discipline=planned.discipline,
        team=planned.team,
        level=planned.level,
        manager=None if planned.parent is None else person_id(planned.parent),
        background=tuple(profile["background"]),
        capacity=profile["capacity"],
        opted_in=profile["status"] == ACTIVE and profile["open_to_peer_learning"],
        **{statement: profile[statement] for statement in STATEMENTS},
    )


def _planned(n: int, topics_path: Path, seed: int) -> list[PlannedPerson]:
    rng = random.Random(seed)
    vocabulary = Vocabulary.from_entries(load_vocabulary(topics_path), rng)
    return plan_organisation(rng, n, vocabulary)


def synthetic_organisation(n: int, *, topics_path: Path, seed: int = 0) -> list[Person]:
    """`n` people as the engine reads them; same seed, same people."""
    return [_engine_person(i, p) for i, p in enumerate(_planned(n, topics_path, seed))]


def synthetic_organisation_with_truth(
    n: int, *, topics_path: Path, seed: int = 0
) -> tuple[list[Person], Truth]:
    """`n` people as the engine reads them, and the topics behind each of their statements."""
    planned = _planned(n, topics_path, seed)
    people = [_engine_person(i, p) for i, p in enumerate(planned)]
    truth = {person.id: p.written_from for person, p in zip(people, planned, strict=True)}
    return people, truth
