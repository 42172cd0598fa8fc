"""Candidate generation at scale: time, memory and recall on synthetic profile embeddings.

    .venv/bin/python bench/candidates_scale.py [--sizes 1000,10000,100000,1000000]
        [--dim 128] [--k 20] [--spectrum lsa|flat] [--seed 0]

For each size, in a fresh process (so that peak memory is that size's own):
generates three role matrices (`interest`, `offers`, `wants`) shaped like real
profiles, runs `candidates.role_neighbours` (the three searches behind
`candidate_pairs`) and the union into pairs, and prints the wall time of each search,
the peak resident memory, pairs per member, and recall@k of each search against an
exact brute force on a sample of members.

The embeddings: topic centres drawn around a few broad areas, topic popularity
following a Zipf law (a few big topics, a long tail); each member mixes one to three
topics with random weights, plus noise of their own. Offers lean towards a member's
main topic, wants towards a topic that is often not theirs. Some rows are empty
(3% of interest, 15% of offers and of wants), as for members without text. With
`--spectrum lsa` (the default) variance decays over the dimensions as in LSA or
sentence embeddings (the j-th of variance ∝ 1/j); `--spectrum flat` makes every
dimension equal, the hardest case for any approximate search.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trellis.matching.engine import candidates  # noqa: E402

ROLES = ("interest", "offers", "wants")
EMPTY_SHARE = {"interest": 0.03, "offers": 0.15, "wants": 0.15}
SEARCH_ROLES = {
    "interest": ("interest", "interest"),
    "offers -> wants": ("offers", "wants"),
    "wants -> offers": ("wants", "offers"),
}


def unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


def profiles(n: int, dim: int, *, spectrum: str, seed: int) -> dict[str, np.ndarray]:
    """Role matrices for n synthetic members (see the module docstring)."""
    rng = np.random.default_rng(seed)
    n_topics = int(np.clip(n // 100, 40, 4000))
    areas = unit_rows(rng.standard_normal((max(4, n_topics // 40), dim)))
    topics = unit_rows(
        areas[rng.integers(0, len(areas), n_topics)]
        + 0.8 * unit_rows(rng.standard_normal((n_topics, dim)))
    )
    popularity = 1.0 / np.arange(1, n_topics + 1) ** 1.1
    popularity = rng.permutation(popularity / popularity.sum())
    scale = np.ones(dim, np.float32)
    if spectrum == "lsa":
        scale = (1.0 / np.sqrt(np.arange(1, dim + 1))).astype(np.float32)
    out = {role: np.empty((n, dim), np.float32) for role in ROLES}
    for start in range(0, n, 20_000):  # in chunks, to keep the generator's memory small
        rows = slice(start, min(n, start + 20_000))
        for role, vectors in _member_chunk(rows.stop - start, topics, popularity, rng).items():
            noisy = unit_rows(vectors) + rng.standard_normal(vectors.shape, np.float32) * (
                0.7 / np.sqrt(dim)
            )
            noisy = unit_rows(noisy * scale)
            noisy[rng.random(len(noisy)) < EMPTY_SHARE[role]] = 0.0
            out[role][rows] = noisy
    return out


def _member_chunk(
    m: int, topics: np.ndarray, popularity: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    picks = rng.choice(len(topics), size=(m, 3), p=popularity)
    n_topics = rng.choice([1, 2, 3], size=m, p=[0.35, 0.4, 0.25])
    weights = rng.dirichlet(np.ones(3), size=m).astype(np.float32)
    weights[np.arange(3)[None, :] >= n_topics[:, None]] = 0.0
    mixed = np.einsum("mt,mtd->md", weights, topics[picks])
    learning = topics[rng.choice(len(topics), size=m, p=popularity)]
    return {
        "interest": mixed,
        "offers": 0.6 * mixed + 0.4 * topics[picks[:, 0]],
        "wants": 0.5 * learning + 0.3 * mixed,
    }


def exact_kth(queries: np.ndarray, keys: np.ndarray, k: int, own: np.ndarray) -> np.ndarray:
    """The k-th best similarity of each query over all keys, its own key (own >= 0) left
    out; in blocks of queries, so that memory stays bounded at a million keys."""
    kth = np.empty(len(queries), np.float32)
    for start in range(0, len(queries), 50):
        block = slice(start, start + 50)
        scores = queries[block] @ keys.T
        mine = np.flatnonzero(own[block] >= 0)
        scores[mine, own[block][mine]] = -np.inf
        kth[block] = -np.partition(-scores, k - 1, axis=1)[:, k - 1]
    return kth


def recall(roles: dict[str, np.ndarray], search: str, k: int, seed: int) -> float:
    """Recall@k of one search on 1,000 sampled members: the share of their exact top k
    that the search finds (a partner counts when it reaches the exact k-th similarity,
    so ties count).

    The sample is searched on its own against every key, as `candidate_pairs` does it
    (k + 1 asked, the member themself dropped), which gives each member the same
    neighbours as the full run: the cells depend only on the keys and the seed (a test
    in test_candidates.py holds this)."""
    query_role, key_role = (roles[name] for name in SEARCH_ROLES[search])
    key_ids = np.flatnonzero(key_role.any(axis=1))
    askers = np.flatnonzero(query_role.any(axis=1))
    pick = np.random.default_rng(seed + 1).choice(len(askers), min(1000, len(askers)), False)
    sample = askers[np.sort(pick)]
    where = np.minimum(np.searchsorted(key_ids, sample), len(key_ids) - 1)
    own = np.where(key_ids[where] == sample, where, -1)
    queries, keys = query_role[sample], key_role[key_ids]
    rows, cols, sims = candidates.top_k(queries, keys, k + 1, exclude_self=False, seed=seed)
    others = cols != own[rows]
    rows, sims = rows[others], sims[others]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
    rows, sims = rows[rank < k], sims[rank < k]
    k = min(k, len(key_ids) - 1)
    kth = exact_kth(queries, keys, k, own)
    return float(np.sum(sims >= kth[rows] - 1e-6)) / (k * len(sample))


def run_one(n: int, dim: int, k: int, spectrum: str, seed: int) -> dict:
    started = time.perf_counter()
    roles = profiles(n, dim, spectrum=spectrum, seed=seed)
    generated = time.perf_counter() - started
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    marks: dict[str, float] = {}

    def progress(search: str, _fraction: float) -> None:
        marks.setdefault(search, time.perf_counter())

    started = time.perf_counter()
    a, _ = candidates.candidate_pairs(
        roles["interest"], roles["offers"], roles["wants"], k, seed=seed, progress=progress
    )
    finished = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bounds = [*marks.values(), finished]
    return {
        "n": n,
        "generate_s": generated,
        "search_s": {s: bounds[i + 1] - bounds[i] for i, s in enumerate(marks)},
        "total_s": finished - started,
        "peak_rss_mb": peak,
        "inputs_mb": sum(m.nbytes for m in roles.values()) / 2**20,
        "rss_before_mb": rss_before,
        "pairs_per_member": len(a) / n,
        "recall": {s: recall(roles, s, k, seed) for s in SEARCH_ROLES},
    }


def report(result: dict, k: int) -> None:
    searches = ", ".join(f"{s} {t:.1f}s" for s, t in result["search_s"].items())
    recalls = ", ".join(f"{s} {r:.3f}" for s, r in result["recall"].items())
    print(
        f"n={result['n']:>9,}  total {result['total_s']:7.1f}s  ({searches}, union included)"
        f"  peak RSS {result['peak_rss_mb']:,.0f} MB"
        f" (before the search {result['rss_before_mb']:,.0f} MB, of which inputs"
        f" {result['inputs_mb']:,.0f} MB)  pairs/member"
        f" {result['pairs_per_member']:.1f}  recall@{k}: {recalls}"
        f"  (generating {result['generate_s']:.1f}s)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--spectrum", choices=("lsa", "flat"), default="lsa")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.dim, args.k, args.spectrum, args.seed)))
        return
    print(
        f"candidate generation: dim {args.dim}, k {args.k}, spectrum {args.spectrum},"
        f" exact below {candidates.EXACT_BELOW:,} keys, budget 16·√n keys per query",
        flush=True,
    )
    for n in (int(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--one", str(n), "--dim", str(args.dim)]
        child += ["--k", str(args.k), "--spectrum", args.spectrum, "--seed", str(args.seed)]
        output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        report(json.loads(output.splitlines()[-1]), args.k)


if __name__ == "__main__":
    main()
