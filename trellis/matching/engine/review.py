"""What a finished round needs before an organiser reviews it and members read it.

- `addressed_explanations`: each pair's explanation as either member reads it
  ("You both work on Kubernetes upgrades."), beside the one naming both that
  the round itself carries (and `trellis match` writes).
- `compare_with_baselines`: the round beside random pairing ("the
  spreadsheet"), senior with junior inside a discipline ("the hierarchy") and
  plain TF-IDF cosine with greedy assignment (`baselines`). Each baseline
  pairs the same people under the same hard constraints (capacity, opt-in,
  reporting chains, blocked pairs), and every method's pairs are scored with
  the round's own encoding and weights, so the figures compare like with like.
  Plain TF-IDF compares every profile with every other, so above
  `TFIDF_UP_TO` members it is skipped, with the reason in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from trellis.matching.engine import baselines
from trellis.matching.engine.constraints import Constraints, Pair, violations
from trellis.matching.engine.encoders import Profiles
from trellis.matching.engine.encoders.registry import DEFAULT_ENCODER, make_encoder
from trellis.matching.engine.metrics import pair_quality, round_metrics
from trellis.matching.engine.people import Person
from trellis.matching.engine.pipeline import (
    SMALL_ORGANISATION,
    PairResult,
    RoundConfig,
    RoundResult,
    ScoredPairs,
)
from trellis.matching.engine.scores import Weights

Progress = Callable[[str, float], None]

TFIDF_UP_TO = 20_000
# The baselines, in the order the review lists them.
BASELINES = ("random", "hierarchy", "tfidf_greedy")
PROGRESS_EVERY = 1000  # pairs explained between two progress reports


# --------------------------------------------------------------------------------------------
# Explanations addressed to each member
# --------------------------------------------------------------------------------------------


def addressed_explanations(
    people: Sequence[Person], result: RoundResult, *, progress: Progress | None = None
) -> list[tuple[str, str]]:
    """For each of `result.pairs`, its explanation as its `a` reads it and as its `b` does.

    `people` are those the round was run on, in the same order. The engine
    explains any scored candidate from either side; a result without scored
    candidates (a stand-in engine) gets empty strings, and its members read the
    explanation naming both.
    """
    candidates = result.candidates
    rows = _candidate_rows(people, candidates, result.pairs)
    addressed = []
    for done, row in enumerate(rows):
        if progress and done % PROGRESS_EVERY == 0:
            progress("explain for each member", done / len(rows))
        if row is None:
            addressed.append(("", ""))
        else:
            addressed.append(
                (
                    candidates.result(row, viewer="a").explanation,
                    candidates.result(row, viewer="b").explanation,
                )
            )
    return addressed


def _candidate_rows(
    people: Sequence[Person], candidates, pairs: Sequence[PairResult]
) -> list[int | None]:
    """Where each pair is among the round's scored candidates (None: not found)."""
    if not isinstance(candidates, ScoredPairs) or not pairs or not len(candidates):
        return [None] * len(pairs)
    n = len(people)
    position = {p.id: i for i, p in enumerate(people)}
    keys = candidates.a.astype(np.int64) * n + candidates.b
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    wanted = np.array(
        [
            position[p.a] * n + position[p.b] if p.a in position and p.b in position else -1
            for p in pairs
        ],
        dtype=np.int64,
    )
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = keys[found] == wanted
    return [int(order[f]) if h else None for f, h in zip(found, hit, strict=True)]


# --------------------------------------------------------------------------------------------
# The baselines
# --------------------------------------------------------------------------------------------


def measure(
    people: Sequence[Person],
    pairs: Sequence[Pair],
    *,
    profiles: Profiles,
    weights: Weights | None = None,
    blocked: Iterable[Pair] = (),
) -> dict[str, float | int]:
    """One method's pairs by the yardstick: coverage, the engine's mean scores, violations.

    `useful_coverage` is the share of members (opted in, capacity > 0) in a pair
    scoring above 0; `violations` counts every broken hard constraint.
    """
    shape = round_metrics(people, pairs)
    quality = pair_quality(people, pairs, profiles, weights)
    broken = violations(people, pairs, blocked)
    return {
        "pairs": shape["pairs"],
        "coverage": shape["coverage"],
        "useful_coverage": quality["useful_coverage"],
        "mean_shared": quality["shared"],
        "mean_mutual": quality["mutual"],
        "mean_teach": quality["teach"],
        "mean_score": quality["score"],
        "cross_discipline": shape["cross_discipline"],
        "cross_team": shape["cross_team"],
        "violations": sum(broken.values()),
    }


def baseline_pairs(
    name: str, people: Sequence[Person], constraints: Constraints, *, seed: int = 0
) -> list[Pair]:
    """The pairs one baseline makes under `constraints`."""
    if name == "random":
        return baselines.random_pairs(people, constraints=constraints, seed=seed)
    if name == "hierarchy":
        return baselines.hierarchy_pairs(people, constraints=constraints)
    if name == "tfidf_greedy":
        return baselines.tfidf_greedy_pairs(people, constraints=constraints)
    raise ValueError(f"Unknown baseline {name!r}; use one of {', '.join(BASELINES)}.")


def compare_with_baselines(
    people: Sequence[Person],
    result: RoundResult,
    *,
    config: RoundConfig | None = None,
    blocked: Iterable[Pair] = (),
    tfidf_up_to: int | None = None,
    progress: Progress | None = None,
) -> dict[str, dict]:
    """The round's pairs and each baseline's on the same `people`, measured alike.

    `people`, `config` and `blocked` are what the round was run with. Returns
    `{"trellis": figures, "baselines": {name: figures}}` (see `measure`); a
    baseline skipped on a large cohort has `{"skipped": reason}` instead; TF-IDF
    runs on up to `tfidf_up_to` members (`TFIDF_UP_TO` when None).
    """
    people, blocked, config = list(people), list(blocked), config or RoundConfig()
    tfidf_up_to = TFIDF_UP_TO if tfidf_up_to is None else tfidf_up_to
    with threadpool_limits(limits=1 if len(people) < SMALL_ORGANISATION else None):
        profiles = round_profiles(people, result, config)
        constraints = Constraints(people, blocked, siblings=config.exclude_siblings)

        def measured(pairs: Sequence[Pair]) -> dict[str, float | int]:
            return measure(
                people, pairs, profiles=profiles, weights=config.weights, blocked=blocked
            )

        compared = {"trellis": measured([(p.a, p.b) for p in result.pairs]), "baselines": {}}
        for done, name in enumerate(BASELINES):
            if progress:
                progress(f"baseline: {name}", done / len(BASELINES))
            if name == "tfidf_greedy" and len(people) > tfidf_up_to:
                compared["baselines"][name] = {"skipped": _too_large(len(people), tfidf_up_to)}
                continue
            pairs = baseline_pairs(name, people, constraints, seed=config.seed)
            compared["baselines"][name] = measured(pairs)
    if progress:
        progress("baselines", 1.0)
    return compared


def _too_large(members: int, up_to: int) -> str:
    return (
        f"Not run: plain TF-IDF compares every profile with every other, so it runs on "
        f"cohorts of up to {up_to:,} members; this one has {members:,}."
    )


def round_profiles(people: Sequence[Person], result: RoundResult, config: RoundConfig) -> Profiles:
    """The encoding the round scored its pairs with, else the same encoder fitted again.

    The scored candidates keep the round's encoding; reusing it costs nothing
    and is exactly the round's yardstick.
    """
    profiles = getattr(result.candidates, "profiles", None)
    kept = isinstance(profiles, Profiles) and profiles.sketches is not None
    if kept and len(profiles) == len(people):
        return profiles  # a very large round lets its vectors go: then encode again
    return make_encoder(DEFAULT_ENCODER, seed=config.seed).fit(people).encode(people)
