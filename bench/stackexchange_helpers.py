"""Who could help with this question? The engine's helpers ranking on a Stack Exchange dump.

Run through `bench/matching_stackexchange.py --helpers [--posts PATH]`.

Every user with a profile before the cutoff is a member: their questions are what
they work on and learn, their answers what they can help with, and the title and
tags of each question they answered one entry of `helped_with`. Each question
asked after the cutoff is a loose text given to `helpers_for_texts` (its asker
excluded), and we count how often someone who really answered it is in the top 5
and top 10:

- overall, and on the *long tail*: questions none of whose answerers is among the
  ten most active answerers before the cutoff (popularity cannot find them);
- against popularity (most answers before the cutoff first) and chance (the
  expected hit rate of a random order of the same candidates);
- the *top share*: the largest share of questions whose top 10 holds one person
  (popularity puts the busiest person in every list);
- with the activity prior at the weight chosen on the validation window (questions
  before the cutoff, profiles before the window, never the test questions) and
  without it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from bench import stackexchange as se

KS = (5, 10)
BUSIEST = 10  # the long tail: questions none of these answerers answered
PRIORS = (0.0, 0.25, 0.5, 1.0, 2.0)


def helper_rankings(
    history, users: Sequence[str], cases: Sequence[se.Case], config, encoder: str = "semantic"
) -> list:
    """Each question's helpers from `helpers_for_texts`, best first, top max(KS), read
    with the encoder of that name."""
    from trellis.matching.engine.encoders.registry import make_encoder
    from trellis.matching.engine.helpers import helpers_for_texts

    people = [history[u].person() for u in users]
    found = helpers_for_texts(
        people,
        [c.text for c in cases],
        k=max(KS),
        exclude=[[c.asker] for c in cases],
        config=config,
        encoder=make_encoder(encoder, seed=config.seed),
    )
    return [[h.id for h in helpers] for helpers in found]


def popularity_rankings(history, cases: Sequence[se.Case]) -> list[list[str]]:
    ranked = se.popularity_ranking(history)
    return [[u for u in ranked if u != c.asker][: max(KS)] for c in cases]


def chance_hits(users: Sequence[str], cases: Sequence[se.Case], k: int) -> np.ndarray:
    """Each question's chance of a hit in the top k of a random order of its candidates."""
    known = set(users)
    return np.array(
        [
            se.chance_hit_at_k(len(known - {c.asker}), len((c.answerers & known) - {c.asker}), k)
            for c in cases
        ]
    )


def hits(rankings, cases: Sequence[se.Case], k: int) -> np.ndarray:
    return np.array([se.hit_at_k(r, c.answerers, k) for r, c in zip(rankings, cases, strict=True)])


def measure(rankings, cases, tail: np.ndarray) -> dict[str, float]:
    """hit@k overall and on the long tail, and the top share of the top 10."""
    result = {}
    for k in KS:
        found = hits(rankings, cases, k).astype(float)
        result[f"hit@{k}"] = float(found.mean()) if len(found) else 0.0
        result[f"tail@{k}"] = float(found[tail].mean()) if tail.any() else 0.0
    result["top share"], result["top person"] = se.top_share(rankings, max(KS))
    result["people"] = len({u for r in rankings for u in r[: max(KS)]})
    return result


def chance_row(users, cases, tail: np.ndarray) -> dict[str, float]:
    result = {}
    for k in KS:
        expected = chance_hits(users, cases, k)
        result[f"hit@{k}"] = float(expected.mean())
        result[f"tail@{k}"] = float(expected[tail].mean()) if tail.any() else 0.0
    # A random order puts each person in a top 10 with probability about 10 / n.
    result["top share"], result["top person"] = max(KS) / max(1, len(users) - 1), None
    result["people"] = len(users)
    return result


def choose_prior(
    posts, start: str, cutoff: str, config, encoder: str = "semantic"
) -> tuple[float, dict[float, float]]:
    """The prior weight with the best mean of hit@5 and hit@10 on the questions in
    [start, cutoff), profiles from before `start` (ties: the smaller weight)."""
    history = se.histories(posts, start)
    cases = se.later_questions(posts, start, cutoff)
    users = sorted(history, key=se.user_key)
    curve = {}
    for prior in PRIORS:
        ranked = helper_rankings(history, users, cases, replace(config, prior=prior), encoder)
        curve[prior] = float(np.mean([hits(ranked, cases, k).mean() for k in KS]))
    best = max(PRIORS, key=lambda p: (round(curve[p], 9), -p))
    return best, curve


def report(posts, *, cutoff: str, validation_start: str, encoder: str = "semantic") -> int:
    """Print the helpers table for a posts dump; 0 when it ran."""
    from trellis.matching.engine.helpers import HelperConfig

    history = se.histories(posts, cutoff)
    cases = se.later_questions(posts, cutoff)
    users = sorted(history, key=se.user_key)
    busiest = se.busiest_answerers(history, BUSIEST)
    tail = np.array([not (c.answerers & busiest) for c in cases], dtype=bool)
    print(
        f"Cutoff {cutoff}: {len(users)} members with a profile, {len(cases)} later questions "
        f"answered by someone else; long tail (no answerer among the {BUSIEST} most active "
        f"before the cutoff): {int(tail.sum())}"
    )
    started = time.perf_counter()
    print(f"Encoder: {encoder}")
    prior, curve = choose_prior(posts, validation_start, cutoff, HelperConfig(), encoder)
    chose = time.perf_counter() - started
    rows: dict[str, dict] = {}
    for name, weight in ((f"helpers, prior {prior:g} (chosen)", prior), ("helpers, no prior", 0.0)):
        started = time.perf_counter()
        config = replace(HelperConfig(), prior=weight)
        ranked = helper_rankings(history, users, cases, config, encoder)
        rows[name] = measure(ranked, cases, tail) | {"seconds": time.perf_counter() - started}
    rows["popularity (most answers first)"] = measure(
        popularity_rankings(history, cases), cases, tail
    ) | {"seconds": 0.0}
    rows["chance (expected)"] = chance_row(users, cases, tail) | {"seconds": 0.0}
    print_table(rows)
    print_targets(rows, f"helpers, prior {prior:g} (chosen)")
    shown = ", ".join(f"{p:g}: {v:.3f}" for p, v in curve.items())
    print(
        f"Prior weight chosen on questions {validation_start} .. {cutoff} (profiles before "
        f"{validation_start}; mean of hit@5 and hit@10), in {chose:.1f} s: {shown}"
    )
    print_prior_effect(history, users, cases, tail, encoder)
    return 0


def print_prior_effect(history, users, cases, tail: np.ndarray, encoder: str) -> None:
    """What every prior weight of the grid does on the test questions: reported only,
    never used to choose (that is the validation window's job)."""
    from trellis.matching.engine.helpers import HelperConfig

    parts = []
    for prior in PRIORS:
        ranked = helper_rankings(history, users, cases, HelperConfig(prior=prior), encoder)
        m = measure(ranked, cases, tail)
        parts.append(f"{prior:g}: {m['hit@10']:.3f} / {m['tail@10']:.3f} / {m['top share']:.0%}")
    print(
        "Activity prior on the test questions (hit@10 / tail@10 / top share): " + "; ".join(parts)
    )


def print_table(rows: dict[str, dict]) -> None:
    print()
    header = (
        f"{'ranker':<34} {'hit@5':>6} {'hit@10':>6} {'tail@5':>6} {'tail@10':>7} "
        f"{'top share':>9} {'people':>6} {'s':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, m in rows.items():
        print(
            f"{name:<34} {m['hit@5']:>6.3f} {m['hit@10']:>6.3f} {m['tail@5']:>6.3f} "
            f"{m['tail@10']:>7.3f} {m['top share']:>9.1%} {m['people']:>6d} {m['seconds']:>5.1f}"
        )
    print(
        "hit@k: share of questions with a real answerer in the top k; tail@k: the same on the "
        "long tail.\ntop share: the largest share of questions whose top 10 holds one person; "
        "people: distinct people across all top-10 lists."
    )


def print_targets(rows: dict[str, dict], chosen: str) -> None:
    ours, popular, chance = (
        rows[chosen],
        rows["popularity (most answers first)"],
        rows["chance (expected)"],
    )
    without = rows["helpers, no prior"]
    print(
        f"\nTargets: hit@10 {ours['hit@10']:.3f} vs popularity {popular['hit@10']:.3f} "
        f"({'met' if ours['hit@10'] >= popular['hit@10'] else 'NOT met'}); long-tail hit@10 "
        f"{ours['tail@10']:.3f} vs 2 x chance {2 * chance['tail@10']:.3f} "
        f"({'met' if ours['tail@10'] >= 2 * chance['tail@10'] else 'NOT met'})."
    )
    print(
        f"Activity prior's effect: hit@10 {without['hit@10']:.3f} -> {ours['hit@10']:.3f}, "
        f"long-tail hit@10 {without['tail@10']:.3f} -> {ours['tail@10']:.3f}, top share "
        f"{without['top share']:.1%} -> {ours['top share']:.1%}."
    )
