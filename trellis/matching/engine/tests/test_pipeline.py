"""The pipeline's large-organisation path: what it lets go of changes nothing it returns."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np

from trellis.matching.engine import pipeline
from trellis.matching.engine.pipeline import RoundConfig, run_round
from trellis.matching.engine.scores import PairScores
from trellis.matching.engine.synthetic import synthetic_organisation

TOPICS = Path(__file__).resolve().parents[4] / "data" / "topics.csv"


def test_scores_parked_on_disk_for_a_large_round_give_the_same_round(monkeypatch):
    people = synthetic_organisation(200, topics_path=TOPICS, seed=4)
    monkeypatch.setattr(pipeline, "LARGE_ORGANISATION", 100)  # take the large path
    parked = run_round(people, config=RoundConfig(seed=4))
    monkeypatch.setattr(pipeline, "_parked", lambda scores: scores)
    in_memory = run_round(people, config=RoundConfig(seed=4))

    assert isinstance(parked.candidates.scores.score, np.memmap)
    assert not isinstance(in_memory.candidates.scores.score, np.memmap)
    assert parked.pairs == in_memory.pairs
    assert list(parked.candidates) == list(in_memory.candidates)


def test_parking_no_scores_is_a_no_op():
    empty = PairScores(**{f.name: np.zeros(0, np.float32) for f in fields(PairScores)})
    assert pipeline._parked(empty) is empty
