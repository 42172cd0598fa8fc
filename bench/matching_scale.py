"""The whole matching pipeline on synthetic organisations of growing size.

    .venv/bin/python bench/matching_scale.py [--sizes 1000,10000,100000,1000000] [--seed 0]
                                              [--encoder semantic|vocabulary|...]

Each size runs in its own process, so the peak memory printed is that size's.
Prints wall time per stage, peak memory, coverage, total score, the proven
upper bound and the gap to it (on the optimised objective, see
`trellis.matching.engine.assignment`). Targets on the 2-core machine: 100k
members in <= 60 s; 1M in <= 10 minutes within 8 GB; gap <= 0.5% at every size.
Peak memory is the process's maximum resident set (ru_maxrss), printed in GiB and,
for the target, in GB (10^9 bytes).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one_size(n: int, seed: int, encoder: str) -> dict:
    from trellis.matching.engine.encoders.registry import make_encoder
    from trellis.matching.engine.pipeline import run_round
    from trellis.matching.engine.synthetic import synthetic_organisation

    started = time.perf_counter()
    people = synthetic_organisation(n, topics_path=ROOT / "data" / "topics.csv", seed=seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = run_round(people, encoder=make_encoder(encoder, seed=seed))
    seconds = time.perf_counter() - started
    metrics = result.metrics
    return {
        "members": n,
        "generate_s": round(generated, 1),
        "round_s": round(seconds, 1),
        "stages": metrics["seconds"],
        "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "candidates": metrics["candidates"],
        "k": metrics.get("candidates_per_member"),
        "pairs": metrics["pairs"],
        "coverage": round(metrics["coverage"], 4),
        "coverage_bound": metrics["coverage_bound"],
        "covered": metrics["covered"],
        "total": round(metrics["total"], 1),
        "upper_bound": round(metrics["upper_bound"], 1),
        "gap_pct": round(100 * metrics["gap"], 3),
        "weight_gap_pct": round(100 * metrics["weight_gap"], 3),
        "mean_score": round(metrics["mean_score"], 3),
        "cross_discipline": round(metrics["cross_discipline"], 3),
        "cross_team": round(metrics["cross_team"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--encoder", default="semantic", help="TRELLIS_ENCODER's choices")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.seed, args.encoder)))
        return
    print(f"encoder: {args.encoder}")
    header = (
        f"{'members':>9} {'round s':>8} {'peak GiB':>8} {'(GB)':>6} {'coverage':>9} {'gap %':>7} "
        f"{'score gap %':>11} {'pairs':>8} {'mean':>6} {'k':>3} {'cands':>10}  stages (s)"
    )
    print(header)
    options = ["--seed", str(args.seed), "--encoder", args.encoder]
    for n in (int(s) for s in args.sizes.split(",")):
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(n), *options],
            capture_output=True,
            text=True,
        )
        if run.returncode:
            print(f"{n:>9} failed:\n{run.stderr[-2000:]}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{r['members']:>9} {r['round_s']:>8} {r['peak_bytes'] / 2**30:>8.2f} "
            f"{r['peak_bytes'] / 1e9:>6.2f} {r['coverage']:>9.2%} "
            f"{r['gap_pct']:>7} {r['weight_gap_pct']:>11} {r['pairs']:>8} {r['mean_score']:>6} "
            f"{r['k']:>3} {r['candidates']:>10,}  "
            f"{r['stages']} (generating the people: {r['generate_s']} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
