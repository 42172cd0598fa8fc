"""How good a round is: the figures a round stores, and the yardsticks any list of pairs meets.

- `round_metrics`: who a list of pairs reaches and how it mixes people (coverage
  of the members opted in with capacity, cross-discipline and cross-team shares);
  the review measures the round and every baseline with it.
- `assigned_metrics`: what a round stores for an organiser to review: its
  `round_metrics`, its pairs' mean scores and the assignment's proven bounds.
- `pair_quality`: the engine's own scores over any pairs, one yardstick for
  every method; `truth_quality`: the same judged without any encoder, from the
  topics a synthetic profile was written from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from trellis.matching.engine.assignment import Assignment
from trellis.matching.engine.constraints import Pair
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import attributes, score_pairs
from trellis.matching.engine.synthetic import Truth

if TYPE_CHECKING:  # the pipeline builds its metrics here: only its type is needed
    from trellis.matching.engine.pipeline import PairResult


def _mean(values) -> float:
    return float(np.mean(values)) if len(values) else 0.0


def round_metrics(people: Sequence[Person], pairs: Sequence[Pair]) -> dict[str, int | float]:
    """Members, eligible (opted in with capacity), pairs, covered and coverage (eligible
    members in a pair), and the shares of cross-discipline and cross-team pairs."""
    by_id = {p.id: p for p in people}
    eligible = {p.id for p in people if p.opted_in and p.capacity > 0}
    covered = {x for pair in pairs for x in pair} & eligible
    return {
        "members": len(people),
        "eligible": len(eligible),
        "pairs": len(pairs),
        "covered": len(covered),
        "coverage": len(covered) / len(eligible) if eligible else 0.0,
        "cross_discipline": _mean([by_id[a].discipline != by_id[b].discipline for a, b in pairs]),
        "cross_team": _mean([by_id[a].team != by_id[b].team for a, b in pairs]),
    }


def assigned_metrics(
    people: Sequence[Person], pairs: Sequence[PairResult], chosen: Assignment, *, candidates: int
) -> dict[str, int | float | dict]:
    """What an organiser reviews before publishing a round: `round_metrics` of its
    pairs, their mean scores, and the assignment's load and proven bounds."""
    shape = round_metrics(people, [(p.a, p.b) for p in pairs])
    load = np.bincount(chosen.load, minlength=1) if len(chosen.load) else np.zeros(1, int)
    return {
        "members": shape["members"],
        "eligible": shape["eligible"],
        "candidates": candidates,
        "pairs": shape["pairs"],
        "covered": shape["covered"],
        "coverage": shape["coverage"],
        "coverage_bound": int(chosen.coverage_bound),
        "mean_score": _mean([p.score for p in pairs]),
        "mean_shared": _mean([p.shared for p in pairs]),
        "mean_mutual": _mean([max(p.shared, (p.teach_ab * p.teach_ba) ** 0.5) for p in pairs]),
        "cross_discipline": shape["cross_discipline"],
        "cross_team": shape["cross_team"],
        "load": {str(k): int(v) for k, v in enumerate(load)},
        "total": float(chosen.total),
        "upper_bound": float(chosen.upper_bound),
        "objective": float(chosen.objective),
        "objective_bound": float(chosen.objective_bound),
        "gap": float(chosen.gap),
        "weight_gap": float(chosen.weight_gap),
    }


def pair_quality(
    people: Sequence[Person], pairs: Sequence[Pair], profiles, weights=None
) -> dict[str, float]:
    """Means of the engine's scores over `pairs`, with one yardstick for every method.

    `profiles` are the engine's encoding of `people` (same order). Besides the
    means of `shared`, `mutual`, `teach` (both directions) and `score`, gives
    `useful_coverage`: the share of members opted in with capacity who are in a
    pair that scores above 0 (one with some shared interest).
    """
    keys = ("shared", "mutual", "teach", "score", "zero_score", "useful_coverage")
    if not pairs:
        return dict.fromkeys(keys, 0.0)
    position = {p.id: i for i, p in enumerate(people)}
    a = np.array([position[x] for x, _ in pairs], dtype=np.int64)
    b = np.array([position[y] for _, y in pairs], dtype=np.int64)
    scored = score_pairs(profiles, attributes(people), a, b, weights)
    eligible = np.array([p.opted_in and p.capacity > 0 for p in people])
    useful = np.zeros(len(people), dtype=bool)
    good = scored.score > 0
    useful[a[good]] = True
    useful[b[good]] = True
    return {
        "shared": float(scored.shared.mean()),
        "mutual": float(scored.mutual.mean()),
        "teach": float(((scored.teach_ab + scored.teach_ba) / 2).mean()),
        "score": float(scored.score.mean()),
        "zero_score": float((~good).mean()),
        "useful_coverage": float((useful & eligible).sum() / max(1, eligible.sum())),
    }


def truth_quality(pairs: Sequence[Pair], truth: Truth) -> dict[str, float]:
    """Encoder-free quality of pairs from the topics their statements were written from.

    - `true_shared`: share of pairs who work on a common topic (however each wrote it);
    - `true_teach`: share where one can help with a topic the other is learning;
    - `true_mutual`: share with a common working topic or teaching both ways.
    """
    if not pairs:
        return {"true_shared": 0.0, "true_teach": 0.0, "true_mutual": 0.0}

    def teaches(x: str, y: str) -> bool:
        return bool(truth[x]["can_help_with"] & truth[y]["learning"])

    shared = [bool(truth[a]["working_on"] & truth[b]["working_on"]) for a, b in pairs]
    ab = [teaches(a, b) for a, b in pairs]
    ba = [teaches(b, a) for a, b in pairs]
    n = len(pairs)
    return {
        "true_shared": sum(shared) / n,
        "true_teach": sum(x or y for x, y in zip(ab, ba, strict=True)) / n,
        "true_mutual": sum(s or (x and y) for s, x, y in zip(shared, ab, ba, strict=True)) / n,
    }
