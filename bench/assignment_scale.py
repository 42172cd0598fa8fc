"""The round's assignment at scale: time per stage, peak memory, gap, coverage, load.

    .venv/bin/python bench/assignment_scale.py [--sizes 1000,10000,100000,1000000]
        [--edges-per-member 20] [--seed 0] [--no-greedy]

Synthetic peer graphs shaped like a real candidate graph: members in interest
clusters (lognormal sizes, ~300), ~85% of candidate edges inside the cluster,
partners drawn with a skew towards popular members, a skewed number of candidates
per member, scores skewed (beta affinity times the popularity of both, at most 1),
capacities 2 (75%), 1 (12%), 3 (8%) and 0 (5%). `--edges-per-member` is edges
divided by members (each edge has two members, so the mean degree is twice that).

Each size is generated here, then solved in a fresh process so that its peak
memory (getrusage) is the solver's plus its input's. Figures are printed, not
judged.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trellis.matching.engine.assignment import assign, assign_greedy  # noqa: E402

CAPACITIES = np.array([0, 1, 2, 3], dtype=np.int32)
CAPACITY_SHARES = [0.05, 0.12, 0.75, 0.08]


def peer_graph(
    n: int, edges_per_member: float = 20.0, seed: int = 0, cluster: int = 300
) -> dict[str, np.ndarray | int]:
    """A clustered peer graph with skewed scores (see the module docstring)."""
    rng = np.random.default_rng(seed)
    sizes = np.maximum(5, rng.lognormal(np.log(cluster), 0.7, 3 * n // cluster + 1)).astype(int)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    sizes[-1] -= sizes.sum() - n
    sizes = sizes[sizes > 0]
    popularity = rng.lognormal(0.0, 1.0, n)
    cluster_of = np.repeat(np.arange(sizes.size), sizes)[rng.permutation(n)]
    # members by cluster, most popular first: low positions are drawn more often
    by_cluster = np.lexsort((-popularity, cluster_of))
    first = np.cumsum(sizes) - sizes
    by_popularity = np.argsort(-popularity)

    proposals = rng.lognormal(np.log(1.12 * edges_per_member) - 0.32, 0.8, n)
    source = np.repeat(np.arange(n), np.clip(proposals, 1, 12 * edges_per_member).astype(int))
    home = cluster_of[source]
    local = rng.random(source.size) < 0.85
    skew = rng.random(source.size) ** 2
    inside = by_cluster[first[home] + (skew * sizes[home]).astype(np.int64)]
    anywhere = by_popularity[(skew * n).astype(np.int64)]
    partner = np.where(local, inside, anywhere)
    del home, skew, inside, anywhere
    low, high = np.minimum(source, partner), np.maximum(source, partner)
    key = np.unique((low * n + high)[low != high])
    del source, partner, low, high, local
    a, b = (key // n).astype(np.int32), (key % n).astype(np.int32)
    del key
    same = cluster_of[a] == cluster_of[b]
    affinity = np.where(same, rng.beta(2.0, 3.0, a.size), rng.beta(1.2, 6.0, a.size))
    w = np.clip(affinity * np.sqrt(popularity[a] * popularity[b]) / 2, 1e-3, 1.0)
    capacity = rng.choice(CAPACITIES, size=n, p=CAPACITY_SHARES)
    return dict(n=n, a=a, b=b, w=w, capacity=capacity)


def solve_file(path: str, method: str) -> None:
    """Child process: load one graph, solve it, print one JSON line of figures."""
    data = np.load(path)
    graph = dict(n=int(data["n"]), a=data["a"], b=data["b"], w=data["w"], capacity=data["capacity"])
    solver = assign if method == "assign" else assign_greedy
    start = time.perf_counter()
    result = solver(**graph)
    seconds = time.perf_counter() - start
    load = np.bincount(result.load, minlength=4)
    capacity = graph["capacity"]
    figures = dict(
        seconds=seconds,
        peak_gb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
        timings=result.timings,
        total=result.total,
        upper_bound=result.upper_bound,
        weight_gap=result.weight_gap,
        objective=result.objective,
        objective_bound=result.objective_bound,
        gap=result.gap,
        covered=result.covered,
        coverage_bound=result.coverage_bound,
        pairs=int(result.selected.size),
        loads=[int(x) for x in load[:3]] + [int(load[3:].sum())],
        full=float(np.mean(result.load[capacity > 0] == np.minimum(capacity, 99)[capacity > 0])),
    )
    print(json.dumps(figures))


def run_child(path: Path, method: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--solve", str(path), "--method", method],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(n: int, m: int, generated: float, ours: dict, greedy: dict | None) -> None:
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in ours["timings"].items())
    print(
        f"\n== {n:,} members, {m:,} edges ({m / n:.1f} per member), generated in {generated:.1f}s"
    )
    print(f"trellis  {ours['seconds']:8.2f}s  peak {ours['peak_gb']:.2f} GB  [{stages}]")
    print(
        f"  objective {ours['objective']:.2f}  bound {ours['objective_bound']:.2f}  "
        f"gap {100 * ours['gap']:.4f}%"
    )
    print(
        f"  score {ours['total']:.2f}  score bound {ours['upper_bound']:.2f}  "
        f"score gap {100 * ours['weight_gap']:.3f}% (includes the price of coverage and fairness)"
    )
    print(
        f"  covered {ours['covered']:,} / bound {ours['coverage_bound']:,}  pairs "
        f"{ours['pairs']:,}  load 0/1/2/3+ {ours['loads']}  at capacity {100 * ours['full']:.1f}%"
    )
    if greedy:
        print(
            f"greedy   {greedy['seconds']:8.2f}s  peak {greedy['peak_gb']:.2f} GB  score "
            f"{greedy['total']:.2f} ({100 * greedy['total'] / ours['total']:.2f}% of trellis)  "
            f"covered {greedy['covered']:,}  objective {greedy['objective']:.2f} "
            f"({100 * greedy['objective'] / ours['objective']:.2f}%)  load {greedy['loads']}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--edges-per-member", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-greedy", action="store_true")
    parser.add_argument("--solve", help=argparse.SUPPRESS)
    parser.add_argument("--method", default="assign", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.solve:
        solve_file(args.solve, args.method)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for n in [int(s) for s in args.sizes.split(",")]:
            start = time.perf_counter()
            graph = peer_graph(n, args.edges_per_member, seed=args.seed)
            generated = time.perf_counter() - start
            path = Path(folder) / f"graph_{n}.npz"
            np.savez(path, **graph)
            m = int(graph["a"].size)
            del graph
            ours = run_child(path, "assign")
            greedy = None if args.no_greedy else run_child(path, "greedy")
            report(n, m, generated, ours, greedy)
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
