"""Candidate generation: the few most promising partners of each member, near-linear in n.

Every member has one L2-normalised vector per role (`interest`, `offers`, `wants`).
`top_k` finds the k keys with the largest inner product for every query row;
`candidate_pairs` unions three such searches (interest <-> interest, offers -> wants,
wants -> offers) into undirected pairs for the scorer.

Below `exact_below` keys the search is exact: blocked matrix products, memory bounded.
Above it, a *cell join*: a two-level spherical k-means cuts the space into cells of
about `CELL_SIZE` keys; the queries of one cell are scored together, by one matrix
product, against the keys of the cells whose centroids are nearest to theirs, until
`budget` keys (16·√n by default) have been gathered. Scoring a whole cell at once
keeps the work in BLAS and in `argpartition` instead of a per-query Python loop, which
is what makes it faster on two cores than faiss's IVF or HNSW at equal recall
(measured in `bench/candidates_scale.py`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

Progress = Callable[[str, float], None]
TopK = tuple[np.ndarray, np.ndarray, np.ndarray]

EXACT_BELOW = 20_000  # below this many keys, brute force costs about a second
CELL_SIZE = 100  # mean keys per cell: smaller cells spend the budget better, cost more groups
BUDGET_PER_SQRT_N = 16  # keys scored per query; 16·√n gave recall@20 ≥ 0.92 up to 1M
BLOCK_ELEMENTS = 1 << 22  # similarity scores held per block: 16 MiB of float32
HEAD_SHARE = 4  # the first quarter of a group's keys sets the bar in `_largest`
TRAIN_PER_CELL = 32  # k-means sample size per cell
KMEANS_ITERATIONS = 8


@dataclass(frozen=True)
class Partition:
    """Two-level spherical k-means: fine cells grouped under coarse ones."""

    coarse: np.ndarray  # (n_coarse, d) unit centroids
    fine: np.ndarray  # (n_cells, d) unit centroids, children of one coarse cell contiguous
    child_offsets: np.ndarray  # fine[child_offsets[j]:child_offsets[j + 1]] are j's children

    @property
    def n_cells(self) -> int:
        return len(self.fine)


@dataclass(frozen=True)
class _Group:
    """Query rows scored together against the key ranges [starts, starts + lengths)."""

    rows: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray


def top_k(
    queries: np.ndarray,
    keys: np.ndarray | None,
    k: int,
    *,
    exclude_self: bool = True,
    exact_below: int = EXACT_BELOW,
    seed: int = 0,
    budget: int | None = None,
    progress: Progress | None = None,
) -> TopK:
    """Up to k keys with the largest inner product for every query row.

    Returns flat arrays (rows, cols, sims), grouped by row, best first within a row.
    `keys=None` searches the queries themselves. `exclude_self` drops col == row, for
    queries and keys that describe the same items (one member in two roles).
    """
    queries = _as_matrix(queries)
    keys = queries if keys is None else _as_matrix(keys)
    if queries.shape[1] != keys.shape[1]:
        raise ValueError(f"queries have {queries.shape[1]} columns, keys {keys.shape[1]}")
    want = k + 1 if exclude_self else k
    if k <= 0 or len(queries) == 0 or len(keys) == 0:
        return _empty()
    # Threads share the cores instead of BLAS: many small products scale better that way.
    with threadpool_limits(limits=1, user_api="blas"):
        if len(keys) < exact_below:
            ids, sims = _exact(queries, keys, want, progress)
        else:
            budget = budget or default_budget(len(keys), k)
            ids, sims = _cell_join(queries, keys, want, budget=budget, seed=seed, progress=progress)
    if exclude_self:
        ids, sims = _drop_self(ids, sims, np.arange(len(queries)), k)
    return _flatten(ids, sims)


def candidate_pairs(
    interest: np.ndarray,
    offers: np.ndarray,
    wants: np.ndarray,
    k: int,
    *,
    exact_below: int = EXACT_BELOW,
    seed: int = 0,
    budget: int | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Undirected pairs (a, b), a < b, unique: the union of each member's top-k partners
    by shared interest, by what they offer against what others want, and the reverse.

    Row i of each matrix is member i. A row that is all zero (no text in that role) is
    left out of the searches of that role, as query and as key. `progress(search,
    fraction)` names the search ("interest", "offers -> wants", "wants -> offers").
    """
    n = len(interest)
    if len(offers) != n or len(wants) != n:
        raise ValueError(f"roles have {n}, {len(offers)} and {len(wants)} rows, not one per member")
    searches = {
        "interest": (interest, interest),
        "offers -> wants": (offers, wants),
        "wants -> offers": (wants, offers),
    }
    codes = []
    for search, (query_role, key_role) in searches.items():
        if progress is not None:
            progress(search, 0.0)
        options = {"exact_below": exact_below, "seed": seed, "budget": budget}
        found = _search_role(query_role, key_role, k, **options, progress=_staged(progress, search))
        codes.append(_pair_codes(*found, n))
        del found  # a million members' neighbours take a few hundred MB
    codes = _sorted_unique(np.concatenate(codes))
    return codes // max(n, 1), codes % max(n, 1)


def _search_role(
    query_role: np.ndarray,
    key_role: np.ndarray,
    k: int,
    *,
    exact_below: int,
    seed: int,
    budget: int | None,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(members, partners): each member's top-k in another role, never themself."""
    q_ids, k_ids = _nonzero_rows(query_role), _nonzero_rows(key_role)
    if k <= 0 or len(q_ids) == 0 or len(k_ids) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    queries = _as_matrix(query_role if len(q_ids) == len(query_role) else query_role[q_ids])
    keys = queries if key_role is query_role else None
    if keys is None:
        keys = _as_matrix(key_role if len(k_ids) == len(key_role) else key_role[k_ids])
    options = {"exact_below": exact_below, "seed": seed, "budget": budget, "progress": progress}
    rows, cols, _ = top_k(queries, keys, k + 1, exclude_self=False, **options)  # +1: themself
    members, partners = q_ids[rows], k_ids[cols]
    others = members != partners
    members, partners, rows = members[others], partners[others], rows[others]
    keep = _rank_in_row(rows) < k
    return members[keep], partners[keep]


def _pair_codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Each pair as one integer low·n + high, sorted, without repeats."""
    return _sorted_unique(np.minimum(a, b) * n + np.maximum(a, b))


def _sorted_unique(codes: np.ndarray) -> np.ndarray:
    codes = np.sort(codes)  # np.unique is ~100x slower on large int64 arrays (numpy 2.4)
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


def default_budget(n_keys: int, k: int) -> int:
    """Keys scored per query in the cell join: 16·√n, and never fewer than 50·k."""
    return max(50 * k, int(BUDGET_PER_SQRT_N * math.sqrt(n_keys)))


# --- exact search -------------------------------------------------------------------


def _exact(
    queries: np.ndarray, keys: np.ndarray, k: int, progress: Progress | None
) -> tuple[np.ndarray, np.ndarray]:
    """Brute force over all keys, in row blocks of bounded size."""
    step = max(1, BLOCK_ELEMENTS // len(keys))
    whole = (np.array([0]), np.array([len(keys)]))
    blocks = (np.arange(s, min(s + step, len(queries))) for s in range(0, len(queries), step))
    groups = [_Group(rows, *whole) for rows in blocks]
    return _scan(queries, keys, k, groups, progress)


# --- approximate search: the cell join ------------------------------------------------


def _cell_join(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    *,
    budget: int,
    seed: int,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Score each cell's queries against the keys of the nearest cells, `budget` keys."""
    partition = _train_partition(keys, round(len(keys) / CELL_SIZE), seed=seed)
    key_cells = _assign(partition, keys)
    query_cells = key_cells if queries is keys else _assign(partition, queries)
    key_order = np.argsort(key_cells, kind="stable")
    sizes = np.bincount(key_cells, minlength=partition.n_cells)
    groups = _groups(query_cells, sizes, partition.fine, budget)
    ids, sims = _scan(queries, keys[key_order], k, groups, progress)
    return np.where(ids >= 0, key_order[np.maximum(ids, 0)], -1), sims


def _groups(
    query_cells: np.ndarray, sizes: np.ndarray, centroids: np.ndarray, budget: int
) -> list[_Group]:
    """One group per cell holding queries: its queries, and the key ranges of the
    cells nearest to it (itself first) until `budget` keys are covered."""
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    reach = min(len(centroids), 4 * budget // CELL_SIZE + 1)
    nearest = _top_columns(centroids, centroids, reach)
    query_order = np.argsort(query_cells, kind="stable")
    bounds = np.searchsorted(query_cells[query_order], np.arange(len(centroids) + 1))
    groups = []
    for cell in np.flatnonzero(np.diff(bounds)):
        near = nearest[cell]
        near = near[: int(np.searchsorted(np.cumsum(sizes[near]), budget)) + 1]
        rows = query_order[bounds[cell] : bounds[cell + 1]]
        groups.append(_Group(rows, starts[near], sizes[near]))
    return groups


def _train_partition(keys: np.ndarray, n_cells: int, *, seed: int) -> Partition:
    """Coarse spherical k-means with about √n_cells centroids on a sample of the keys,
    then fine k-means inside each coarse cell, in proportion to its share of rows."""
    rng = np.random.default_rng(seed)
    n_cells = max(1, min(n_cells, len(keys)))
    size = min(len(keys), TRAIN_PER_CELL * n_cells)
    x = keys[np.sort(rng.choice(len(keys), size, replace=False))]
    coarse = _spherical_kmeans(x, max(1, round(math.sqrt(n_cells))), rng, parallel=True)
    labels = _argmax_rows(x, coarse, parallel=True)
    counts = np.bincount(labels, minlength=len(coarse))
    wanted = np.where(counts > 0, np.maximum(1, np.round(n_cells * counts / len(x))), 0)
    wanted = np.minimum(wanted, counts).astype(np.int64)

    def fine_cells(cell: int) -> np.ndarray:
        cell_rng = np.random.default_rng([seed, cell])
        return _spherical_kmeans(x[labels == cell], wanted[cell], cell_rng, parallel=False)

    fine = _parallel_map(fine_cells, np.flatnonzero(wanted))
    offsets = np.concatenate(([0], np.cumsum(wanted)))
    return Partition(coarse, np.concatenate(fine), offsets)


def _assign(partition: Partition, x: np.ndarray) -> np.ndarray:
    """Fine cell of every row: the best child of the row's two nearest coarse cells."""
    top = _top_columns(x, partition.coarse, min(2, len(partition.coarse)))
    values = np.full(top.shape, -np.inf, np.float32)
    labels = np.zeros(top.shape, np.int64)
    jobs = []
    for slot in range(top.shape[1]):
        order = np.argsort(top[:, slot], kind="stable")
        bounds = np.searchsorted(top[order, slot], np.arange(len(partition.coarse) + 1))
        cells = range(len(partition.coarse))
        jobs += [(slot, cell, order[bounds[cell] : bounds[cell + 1]]) for cell in cells]

    def best_child(job: tuple[int, int, np.ndarray]) -> None:
        slot, cell, rows = job
        lo, hi = partition.child_offsets[cell], partition.child_offsets[cell + 1]
        for block in _row_blocks(len(rows), hi - lo) if lo < hi else ():
            r = rows[block]
            scores = x[r] @ partition.fine[lo:hi].T
            arg = np.argmax(scores, axis=1)
            values[r, slot] = scores[np.arange(len(r)), arg]
            labels[r, slot] = lo + arg

    _parallel_map(best_child, jobs)
    return labels[np.arange(len(x)), np.argmax(values, axis=1)]


def _spherical_kmeans(
    x: np.ndarray, n_clusters: int, rng: np.random.Generator, *, parallel: bool
) -> np.ndarray:
    """Unit centroids maximising the summed cosine of each row to its centroid."""
    n_clusters = min(n_clusters, len(x))
    centroids = x[rng.choice(len(x), n_clusters, replace=False)].copy()
    everyone = np.arange(len(x))
    ones = np.ones(len(x), np.float32)
    for _ in range(KMEANS_ITERATIONS):
        labels = _argmax_rows(x, centroids, parallel=parallel)
        members = sparse.csr_array((ones, (labels, everyone)), shape=(n_clusters, len(x)))
        sums = np.asarray(members @ x, dtype=np.float32)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0  # reseed a cluster that lost every row
        sums[empty] = x[rng.choice(len(x), int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centroids = sums / norms[:, None]
    return centroids


# --- the scan shared by both paths ----------------------------------------------------


def _scan(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    groups: Sequence[_Group],
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Best k key positions per query row over each group's key ranges, best first.

    Groups run on a thread per core; each thread writes only its groups' rows.
    """
    ids = np.full((len(queries), k), -1, np.int64)
    sims = np.full((len(queries), k), -np.inf, np.float32)
    workers = _cores()
    with ThreadPoolExecutor(workers) as pool:
        batches = list(_batches(groups, 4 * workers))
        work = pool.map(lambda batch: _score_groups(queries, keys, batch, ids, sims), batches)
        for done, _ in enumerate(work, start=1):
            if progress is not None:
                progress("search", done / len(batches))
    order = np.argsort(-sims, axis=1, kind="stable")
    return np.take_along_axis(ids, order, axis=1), np.take_along_axis(sims, order, axis=1)


def _score_groups(
    queries: np.ndarray,
    keys: np.ndarray,
    groups: Sequence[_Group],
    ids: np.ndarray,
    sims: np.ndarray,
) -> None:
    """Fill the rows of `ids`/`sims` that belong to `groups` (disjoint across threads)."""
    k = ids.shape[1]
    for group in groups:
        positions = _positions(group)
        block = keys[positions]
        if isinstance(positions, slice):
            positions = np.arange(positions.start, positions.stop)
        take = min(k, len(block))
        for rows in _row_blocks(len(group.rows), len(block)):
            r = group.rows[rows]
            head = max(2 * take, len(block) // HEAD_SHARE)
            best, best_scores = _largest(queries[r], block, take, head=head)
            ids[r, :take] = positions[best]
            sims[r, :take] = best_scores


def _largest(
    queries: np.ndarray, keys: np.ndarray, take: int, *, head: int
) -> tuple[np.ndarray, np.ndarray]:
    """Columns and scores of the `take` best keys for each query, in no particular order.

    A partition of the first `head` keys' scores sets a bar for each row, its take-th
    best there; the other scores are only compared with the bar, and the few that clear
    it are ranked together with the head's best. Comparing costs a fraction of
    partitioning, and the head (the nearest cells) holds most of the winners.
    """
    if take >= len(keys):
        scores = queries @ keys.T
        return np.broadcast_to(np.arange(len(keys)), scores.shape), scores
    head_scores = queries @ keys[:head].T
    best = np.argpartition(head_scores, -take, axis=1)[:, -take:]
    best_scores = np.take_along_axis(head_scores, best, axis=1)
    if head >= len(keys):
        return best, best_scores
    rest = queries @ keys[head:].T
    hits = np.flatnonzero(rest > best_scores.min(axis=1)[:, None])
    if len(hits) == 0:
        return best, best_scores
    rows, cols = np.divmod(hits, rest.shape[1])
    per_row = np.bincount(rows, minlength=len(queries))
    slot = take + np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    merged = np.full((len(queries), take + int(per_row.max())), -1, np.int64)
    merged_scores = np.full(merged.shape, -np.inf, np.float32)
    merged[:, :take], merged_scores[:, :take] = best, best_scores
    merged[rows, slot], merged_scores[rows, slot] = cols + head, rest.ravel()[hits]
    pick = np.argpartition(merged_scores, -take, axis=1)[:, -take:]
    return np.take_along_axis(merged, pick, axis=1), np.take_along_axis(merged_scores, pick, axis=1)


def _positions(group: _Group) -> np.ndarray | slice:
    """Key positions of a group: a view when it is one range, else an index array."""
    if len(group.starts) == 1:
        start = int(group.starts[0])
        return slice(start, start + int(group.lengths[0]))
    total = int(group.lengths.sum())
    shift = group.starts - np.concatenate(([0], np.cumsum(group.lengths)[:-1]))
    return np.repeat(shift, group.lengths) + np.arange(total)


# --- small helpers --------------------------------------------------------------------


def _as_matrix(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"expected a 2-d matrix, got shape {x.shape}")
    return x


def _nonzero_rows(x: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.any(x != 0, axis=1))


def _row_blocks(n_rows: int, width: int) -> Iterator[slice]:
    step = max(1, BLOCK_ELEMENTS // max(1, width))
    for start in range(0, n_rows, step):
        yield slice(start, min(start + step, n_rows))


def _argmax_rows(x: np.ndarray, centroids: np.ndarray, *, parallel: bool) -> np.ndarray:
    labels = np.empty(len(x), np.int64)

    def block(rows: slice) -> None:
        labels[rows] = np.argmax(x[rows] @ centroids.T, axis=1)

    blocks = list(_row_blocks(len(x), len(centroids)))
    if parallel:
        _parallel_map(block, blocks)
    else:
        for rows in blocks:
            block(rows)
    return labels


def _top_columns(
    x: np.ndarray, centroids: np.ndarray, n_top: int, *, parallel: bool = True
) -> np.ndarray:
    """Indices of the `n_top` most similar centroids per row, most similar first."""
    out = np.empty((len(x), n_top), np.int64)

    def block(rows: slice) -> None:
        scores = x[rows] @ centroids.T
        if n_top < len(centroids):
            part = np.argpartition(scores, -n_top, axis=1)[:, -n_top:]
        else:
            part = np.broadcast_to(np.arange(n_top), (len(scores), n_top))
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
        out[rows] = np.take_along_axis(part, order, axis=1)

    blocks = list(_row_blocks(len(x), len(centroids)))
    if parallel:
        _parallel_map(block, blocks)
    else:
        for rows in blocks:
            block(rows)
    return out


def _parallel_map(fn: Callable, items: Sequence) -> list:
    """`fn` over `items` on one thread per core (numpy and BLAS release the GIL)."""
    with ThreadPoolExecutor(_cores()) as pool:
        return list(pool.map(fn, items))


def _batches(groups: Sequence[_Group], n_batches: int) -> Iterator[Sequence[_Group]]:
    step = max(1, math.ceil(len(groups) / max(1, n_batches * 8)))
    for start in range(0, len(groups), step):
        yield groups[start : start + step]


def _drop_self(
    ids: np.ndarray, sims: np.ndarray, own: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Remove each row's own id, keeping the best k of the rest in order."""
    mine = ids == own[:, None]
    rank = np.argsort(mine, axis=1, kind="stable")[:, :k]  # own id moves to the end
    return np.take_along_axis(ids, rank, axis=1), np.take_along_axis(sims, rank, axis=1)


def _flatten(ids: np.ndarray, sims: np.ndarray) -> TopK:
    valid = ids >= 0
    rows = np.broadcast_to(np.arange(len(ids))[:, None], ids.shape)
    return rows[valid], ids[valid], sims[valid]


def _empty() -> TopK:
    return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)


def _rank_in_row(rows: np.ndarray) -> np.ndarray:
    """Position of each entry within its row, for flat arrays grouped by row."""
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
    return np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))


def _staged(progress: Progress | None, stage: str) -> Progress | None:
    if progress is None:
        return None
    return lambda _step, fraction: progress(stage, fraction)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
