"""Trellis's round against the baselines an organiser could use instead, on the same people.

    .venv/bin/python bench/matching_baselines.py [--members 2000] [--seed 7]

A synthetic organisation (reporting tree, disciplines, teams, levels, statements
written from `data/topics.csv`; about 6% with capacity 0 and 10% not opted in)
plus a few recently declined pairs (taken from each member's nearest TF-IDF
neighbour, so they are tempting). On it:

- Trellis: `pipeline.run_round` with its defaults;
- random pairing ("the spreadsheet");
- senior with junior inside a discipline ("the hierarchy");
- plain TF-IDF cosine of whole profiles with greedy assignment.

Each baseline runs twice: as an organiser would run it from a roster (it only
knows capacities), and given every hard constraint Trellis obeys ("+ rules").
All pairs are measured with one yardstick: the engine's default encoder and
score weights (`shared`, `mutual`, `teach`, `score`). Coverage is the share of
members (opted in, capacity > 0) in at least one pair; useful coverage counts
only pairs scoring above 0 (some shared interest).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine_version import engine_version  # noqa: E402
from trellis.matching.engine import baselines  # noqa: E402
from trellis.matching.engine.constraints import Constraints, Pair, violations  # noqa: E402
from trellis.matching.engine.metrics import pair_quality, round_metrics, truth_quality  # noqa: E402
from trellis.matching.engine.people import Person  # noqa: E402
from trellis.matching.engine.synthetic import synthetic_organisation_with_truth  # noqa: E402

TOPICS = ROOT / "data" / "topics.csv"
VIOLATIONS = ("same_person", "reporting_chain", "over_capacity", "opted_out", "blocked")


def declined_pairs(people: Sequence[Person], share: float, seed: int) -> list[Pair]:
    """A `share` of members declined their nearest TF-IDF neighbour recently."""
    i, j, _ = baselines.tfidf_neighbours([baselines.profile_text(p) for p in people], k=1)
    rng = random.Random(seed)
    chosen = [(people[a].id, people[b].id) for a, b in zip(i, j, strict=True)]
    return sorted(rng.sample(chosen, int(len(people) * share)))


def trellis_round(people, blocked, seed):
    from trellis.matching.engine.pipeline import RoundConfig, run_round

    result = run_round(people, config=RoundConfig(seed=seed), blocked=blocked)
    return [(p.a, p.b) for p in result.pairs], result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--declined", type=float, default=0.02, help="share of members")
    args = parser.parse_args(argv)

    print(f"Engine: {engine_version()}")
    people, truth = synthetic_organisation_with_truth(
        args.members, topics_path=TOPICS, seed=args.seed
    )
    blocked = declined_pairs(people, args.declined, args.seed)
    constraints = Constraints(people, blocked)
    describe_organisation(people, constraints, blocked, args.seed)
    methods, trellis_result = run_methods(people, blocked, constraints, args.seed)
    rows = measure_methods(people, methods, truth, blocked)
    print_quality(rows)
    print_truth(rows)
    if trellis_result is None:
        return 1
    return 0 if check_trellis(rows, trellis_result) else 1


def describe_organisation(people, constraints: Constraints, blocked, seed: int) -> None:
    """Who is in the organisation, and how many pair slots and declined pairs it has."""
    eligible = int(constraints.open.sum())
    slots = int(constraints.capacity[constraints.open].sum())
    print(
        f"Organisation: {len(people)} members (seed {seed}), {eligible} opted in with "
        f"capacity ({slots} pair slots), {len({p.team for p in people})} teams, "
        f"{len({p.discipline for p in people})} disciplines; {len(blocked)} declined pairs"
    )


Methods = dict[str, tuple[list[Pair], float]]


def run_methods(people, blocked, constraints: Constraints, seed: int):
    """Each method's pairs and seconds (every baseline without and with the rules), and
    the Trellis round's result (None when the round is not available)."""
    methods: Methods = {}
    started = time.perf_counter()
    trellis_result = None
    try:
        pairs, trellis_result = trellis_round(people, blocked, seed)
        methods["Trellis (run_round)"] = (pairs, time.perf_counter() - started)
    except (NotImplementedError, ImportError) as error:
        print(f"Trellis round not available: {error!r}")
    for name, baseline in baselines.BASELINES.items():
        for label, given in ((name, None), (f"{name} + rules", constraints)):
            started = time.perf_counter()
            kwargs = {"seed": seed} if baseline is baselines.random_pairs else {}
            pairs = baseline(people, constraints=given, **kwargs)
            methods[label] = (pairs, time.perf_counter() - started)
    return methods, trellis_result


def measure_methods(people, methods: Methods, truth, blocked) -> dict[str, dict]:
    """Every method's pairs by one yardstick: the default encoder and score weights."""
    from trellis.matching.engine.encoders import VocabularyEncoder
    from trellis.matching.engine.scores import Weights

    weights = Weights()  # the round's default score weights
    started = time.perf_counter()
    profiles = VocabularyEncoder().fit(people).encode(people)
    print(f"Yardstick: VocabularyEncoder fitted on everyone ({time.perf_counter() - started:.1f}s)")
    rows = {}
    for label, (pairs, seconds) in methods.items():
        rows[label] = (
            round_metrics(people, pairs)
            | pair_quality(people, pairs, profiles, weights)
            | truth_quality(pairs, truth)
            | {"violations": violations(people, pairs, blocked), "seconds": seconds}
        )
    return rows


def print_quality(rows: dict[str, dict]) -> None:
    """The yardstick's table: coverage, mean scores, mixing, violations, seconds."""
    print()
    header = (
        f"{'method':<38} {'pairs':>5} {'cover':>6} {'useful':>6} {'shared':>6} {'mutual':>6} "
        f"{'teach':>6} {'score':>6} {'zero':>5} {'x-disc':>6} {'x-team':>6} "
        f"{'self/chain/cap/opt/decl':>23} {'s':>5}"
    )
    print(header)
    print("-" * len(header))
    for label, m in rows.items():
        v = m["violations"]
        broken = "/".join(str(v[k]) for k in VIOLATIONS)
        print(
            f"{label:<38} {m['pairs']:>5d} {m['coverage']:>6.1%} {m['useful_coverage']:>6.1%} "
            f"{m['shared']:>6.3f} {m['mutual']:>6.3f} {m['teach']:>6.3f} {m['score']:>6.3f} "
            f"{m['zero_score']:>5.0%} {m['cross_discipline']:>6.1%} {m['cross_team']:>6.1%} "
            f"{broken:>23} {m['seconds']:>5.1f}"
        )
    print(
        "cover: members (opted in, capacity > 0) in a pair; useful: in a pair scoring > 0; "
        "zero: share of pairs scoring 0;\nviolations: same person / reporting chain / pairs "
        "over capacity / not opted in / declined recently."
    )


def print_truth(rows: dict[str, dict]) -> None:
    """The same pairs judged from the topics behind each synthetic profile."""
    print(
        "\nThe same pairs without any encoder, from the topics each profile was written from "
        "(names, synonyms, abbreviations all count as the topic):"
    )
    header = f"{'method':<38} {'work on a common topic':>22} {'one teaches the other':>22} "
    header += f"{'shared or two-way':>18}"
    print(header)
    print("-" * len(header))
    for label, m in rows.items():
        print(
            f"{label:<38} {m['true_shared']:>22.1%} {m['true_teach']:>22.1%} "
            f"{m['true_mutual']:>18.1%}"
        )


def check_trellis(rows: dict[str, dict], trellis_result) -> bool:
    """Print and pass the checks: Trellis breaks nothing and beats every baseline."""
    t = rows["Trellis (run_round)"]
    reported = trellis_result.metrics
    if reported:
        shown = {k: reported[k] for k in ("coverage", "mean_score", "gap") if k in reported}
        print(f"\nrun_round's own metrics: {shown}")
    print("\nChecks (Trellis against each baseline):")
    ok = sum(t["violations"][k] for k in VIOLATIONS) == 0 and t["violations"]["duplicate"] == 0
    print(f"  {'PASS' if ok else 'FAIL'}  Trellis breaks no hard constraint")
    for label, m in rows.items():
        if label.startswith("Trellis"):
            continue
        beats = t["shared"] > m["shared"] and t["mutual"] > m["mutual"]
        covers = t["coverage"] >= m["coverage"] - 1e-9
        useful = t["useful_coverage"] >= m["useful_coverage"] - 1e-9
        broken = sum(m["violations"][k] for k in VIOLATIONS)
        # Coverage bought by breaking constraints is no coverage: then compare useful coverage.
        passed = beats and (covers or (broken > 0 and useful))
        ok &= passed
        note = "" if covers else f"; its extra coverage comes with {broken} broken constraints"
        print(
            f"  {'PASS' if passed else 'FAIL'}  vs {label}: shared {t['shared']:.3f} vs "
            f"{m['shared']:.3f}, mutual {t['mutual']:.3f} vs {m['mutual']:.3f}, coverage "
            f"{t['coverage']:.1%} vs {m['coverage']:.1%} (useful {t['useful_coverage']:.1%} vs "
            f"{m['useful_coverage']:.1%}){note}"
        )
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
