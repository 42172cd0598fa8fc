"""Fit between people and pieces of work (an initiative): who suits what, by the same
teach and shared scores that pair people.

A piece of work is a `Person` record too: what it is about is its `working_on`
(and `curious_about`: why it matters), the skills it needs are its `learning`
(what it wants from a helper) and also its `can_help_with` (working on it
exercises them). For a person p and a piece of work w:

- `helps`   teach(p -> w): how much of what w needs p can help with.
- `learns`  teach(w -> p): how much of what p is learning w exercises.
- `shared`  how alike p's interests (what they work on, post about, are curious
            about) and w's problem are.
- `fit`     0 unless one of the three reaches `Weights.min_interest`; otherwise
            `helps + shared + learns / 2`: helping with what it needs and caring
            about the same problem count fully, learning on the job half
            (the lead needs the work done, and a learner still brings interest).

Everything is encoded together, so word weights come from the people and the
work at hand.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from trellis.matching.engine.encoders import Encoder, VocabularyEncoder
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import Weights, attributes, score_pairs

_lock = threading.Lock()


@dataclass(frozen=True)
class FitScores:
    """(people x work) arrays of float32."""

    helps: np.ndarray
    learns: np.ndarray
    shared: np.ndarray
    fit: np.ndarray


@lru_cache(maxsize=1)
def _base_encoder() -> VocabularyEncoder:
    """Reading the vocabulary takes most of a second: done once per process."""
    return VocabularyEncoder()


def fresh_encoder() -> VocabularyEncoder:
    """An unfitted copy of the shared encoder (fitting sets its own weights)."""
    with _lock:
        encoder = copy.copy(_base_encoder())
    encoder._text_memory = {}  # remembered vectors depend on the fit
    encoder._fitted = False
    return encoder


def fit_scores(
    people: Sequence[Person],
    work: Sequence[Person],
    *,
    weights: Weights | None = None,
    encoder: Encoder | None = None,
) -> FitScores:
    """How well each of `people` fits each piece of `work`."""
    weights = weights or Weights()
    n, m = len(people), len(work)
    if n == 0 or m == 0:
        empty = np.zeros((n, m), np.float32)
        return FitScores(empty, empty, empty, empty)
    everyone = [*people, *work]
    encoder = encoder or fresh_encoder()
    profiles = encoder.fit(everyone).encode(everyone)
    a = np.repeat(np.arange(n, dtype=np.int64), m)
    b = np.tile(np.arange(n, n + m, dtype=np.int64), n)
    scores = score_pairs(profiles, attributes(everyone), a, b, weights, threads=1)
    helps, learns, shared = (
        getattr(scores, name).reshape(n, m) for name in ("teach_ab", "teach_ba", "shared")
    )
    strongest = np.maximum(np.maximum(helps, learns), shared)
    fit = np.where(strongest >= weights.min_interest, helps + shared + learns / 2, 0)
    return FitScores(helps, learns, shared, fit.astype(np.float32))
