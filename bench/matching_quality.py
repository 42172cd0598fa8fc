"""The round's assignment against the exact optimum, on instances CP-SAT can finish.

    .venv/bin/python bench/matching_quality.py [--sizes 500,1000,2000,5000] [--seed 1]
        [--edges-per-member 20] [--workers 1]

The same synthetic peer graphs as `assignment_scale.py`. For each size the exact
solver (`assign_exact`: CP-SAT on the same integer objective, `--workers`
search workers; one is its fastest on these models), Trellis (`assign`) and the
naive greedy baseline (`assign_greedy`) run on the same graph in the same
process. Printed for each: the optimised objective and the pure score as a
share of the exact solver's, coverage, time, and the exact solver's time over
Trellis's. Figures are printed, not judged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from assignment_scale import peer_graph  # noqa: E402

from trellis.matching.engine.assignment import (  # noqa: E402
    assign,
    assign_exact,
    assign_greedy,
)


def timed(solver, graph: dict, **options):
    start = time.perf_counter()
    result = solver(**graph, **options)
    return result, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edges-per-member", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        f"{'members':>8} {'edges':>7} | {'solver':<7} {'objective':>10} {'% exact':>8} "
        f"{'score':>9} {'% exact':>8} {'covered':>8} {'time':>9} | speed-up"
    )
    for n in [int(s) for s in args.sizes.split(",")]:
        graph = peer_graph(n, args.edges_per_member, seed=args.seed)
        m = graph["a"].size
        assign(**graph)  # warm up imports and OR-Tools
        ours, ours_time = timed(assign, graph)
        greedy, greedy_time = timed(assign_greedy, graph)
        exact, exact_time = timed(assign_exact, graph, workers=args.workers)
        rows = [("exact", exact, exact_time), ("trellis", ours, ours_time)]
        rows.append(("greedy", greedy, greedy_time))
        for name, result, seconds in rows:
            speed = f"{exact_time / seconds:6.0f}x" if name == "trellis" else ""
            note = "" if exact.method == "exact" else f" ({exact.method})"
            print(
                f"{n:>8,} {m:>7,} | {name:<7} {result.objective:>10.2f} "
                f"{100 * result.objective / exact.objective:>7.3f}% {result.total:>9.2f} "
                f"{100 * result.total / exact.total:>7.3f}% {result.covered:>8,} "
                f"{seconds:>8.3f}s | {speed}{note if name == 'exact' else ''}"
            )
        print(
            f"{'':>18}   trellis gap to its bound {100 * ours.gap:.4f}%, exact solver's "
            f"gap to the same bound {100 * exact.gap:.4f}%, coverage bound {ours.coverage_bound:,}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
