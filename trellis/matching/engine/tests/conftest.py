"""Small organisations shared by the engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from trellis.matching.engine.people import Person
from trellis.matching.engine.synthetic import synthetic_organisation

TOPICS = Path(__file__).resolve().parents[4] / "data" / "topics.csv"


def person(id, manager=None, *, capacity=1, opted_in=True, level=3, discipline="Eng", team="A"):
    return Person(
        id=id,
        name=id,
        discipline=discipline,
        team=team,
        level=level,
        manager=manager,
        background=(),
        capacity=capacity,
        working_on="",
        curious_about="",
        can_help_with="",
        learning="",
        opted_in=opted_in,
    )


@pytest.fixture
def small_org():
    return [
        person("boss", capacity=2, level=6),
        person("ann", "boss", capacity=2, level=4),
        person("bob", "ann", capacity=1, level=2),
        person("cat", capacity=1, level=3, discipline="Data", team="B"),
        person("dan", capacity=0),
        person("eve", capacity=2, opted_in=False),
    ]


@pytest.fixture(scope="module")
def organisation() -> list[Person]:
    """300 people of a synthetic organisation (seed 3)."""
    return synthetic_organisation(300, topics_path=TOPICS, seed=3)
