"""Candidate generation: the few most promising partners of each member, near-linear in n.

Every member has one L2-normalised vector per role (`interest`, `offers`, `wants`).
`top_k` finds the k keys with the largest inner product for every query row;
`candidate_pairs` unions three such searches (interest <-> interest, offers -> wants,
wants -> offers) into undirected pairs for the scorer.

Below `exact_below` keys the search is exact: blocked matrix products, memory bounded.
Above it, a *cell join*: a two-level spherical k-means cuts the keys into cells of
about `CELL_SIZE`; the queries of one cell are scored together, by one matrix product,
against the keys of the cells whose centroids are nearest to theirs, until `budget`
keys (16·√n by default) are covered. Scoring a whole cell at once keeps the work in
BLAS on both cores. Measured on `bench/candidates_scale.py` profiles (offers -> wants,
k = 20, two cores): at 1M keys 33 s for recall 0.924, where faiss 1.15 IVF-Flat
(nlist 3688, nprobe 16, queries sorted by list) took 48 s for 0.921; at 100k, 1.5 s
against 2.5 s for IVF and 4.7 s for HNSW at about the same recall. It needs nothing
beyond numpy, scipy and threadpoolctl (which scikit-learn already brings).

A query's neighbours depend only on the keys and the seed, not on the other queries,
so one member's on-demand top-k equals the one a round computed.
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

EXACT_BELOW = 20_000  # below this many keys brute force takes about a second
CELL_SIZE = 64  # mean keys per cell: smaller cells spend the budget better, cost more groups
BUDGET_PER_SQRT_N = 16  # keys scored per query, times √n (see default_budget)
BLOCK_ELEMENTS = 1 << 22  # similarity scores held at once per thread: 16 MiB
HEAD_SHARE = 4  # the first quarter of a group's keys sets the bar in `_largest`
TRAIN_PER_CELL = 32  # k-means sample rows per cell
KMEANS_ITERATIONS = 8


@dataclass(frozen=True)
class _Partition:
    """Two-level spherical k-means: fine cells grouped under coarse ones."""

    coarse: np.ndarray  # (n_coarse, d) unit centroids
    fine: np.ndarray  # (n_cells, d) unit centroids, the children of one coarse cell together
    child_offsets: np.ndarray  # fine[child_offsets[j] : child_offsets[j + 1]] are j's children


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
    queries and keys that describe the same items (one member in two roles). A row
    that is all zero (no text) has no neighbours and is nobody's. `budget` is the
    number of keys scored per query on the approximate path.
    """
    queries = _as_matrix(queries)
    keys = queries if keys is None else _as_matrix(keys)
    if queries.shape[1] != keys.shape[1]:
        raise ValueError(f"queries have {queries.shape[1]} columns, keys {keys.shape[1]}")
    options = {"exact_below": exact_below, "seed": seed, "budget": budget, "progress": progress}
    rows, ids, sims = _nonzero_top_k(queries, keys, k, exclude_self=exclude_self, **options)
    valid = ids >= 0
    return np.broadcast_to(rows[:, None], ids.shape)[valid], ids[valid], sims[valid]


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
        members, partners = _search_role(
            query_role, key_role, k, **options, progress=_staged(progress, search)
        )
        low, high = np.minimum(members, partners), np.maximum(members, partners)
        codes.append(_sorted_unique(low * n + high))  # one integer per pair
        del members, partners, low, high  # at a million members, hundreds of MB
    codes = _sorted_unique(np.concatenate(codes))
    return codes // max(n, 1), codes % max(n, 1)


def default_budget(n_keys: int, k: int) -> int:
    """Keys scored per query by the cell join: 16·√n, never fewer than 50·k.

    On the benchmark's profiles recall@k is 0.93-0.95 at 100k and 0.92-0.94 at 1M,
    much the same for k from 10 to 30."""
    return max(50 * k, int(BUDGET_PER_SQRT_N * math.sqrt(n_keys)))


def _search_role(
    query_role: np.ndarray, key_role: np.ndarray, k: int, **options
) -> tuple[np.ndarray, np.ndarray]:
    """(members, partners): each member's top-k in another role, never themself."""
    queries = _as_matrix(query_role)
    keys = queries if key_role is query_role else _as_matrix(key_role)
    rows, partners, _ = _nonzero_top_k(queries, keys, k, exclude_self=True, **options)
    found = partners >= 0
    return np.broadcast_to(rows[:, None], partners.shape)[found], partners[found]


def _nonzero_top_k(
    queries: np.ndarray, keys: np.ndarray, k: int, *, exclude_self: bool, **options
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, ids, sims): the non-zero query rows, and for each its best k non-zero key
    rows, (len(rows), k) padded with -1, in the callers' numbering."""
    q_ids, k_ids = _nonzero_rows(queries), _nonzero_rows(keys)
    if k <= 0 or len(q_ids) == 0 or len(k_ids) == 0:
        return q_ids[:0], np.empty((0, max(k, 0)), np.int64), np.empty((0, max(k, 0)), np.float32)
    same = keys is queries
    if len(q_ids) < len(queries):  # a copy without the empty rows
        queries = queries[q_ids]
    keys, key_rows = (queries, None) if same else (keys, k_ids if len(k_ids) < len(keys) else None)
    want = k + 1 if exclude_self else k
    ids, sims = _neighbours(queries, keys, want, key_rows=key_rows, **options)
    ids = np.where(ids >= 0, k_ids[ids], -1)
    if exclude_self:  # k + 1 were asked for, in case one is the row itself
        ids, sims = _drop_self(ids, sims, q_ids, k)
    return q_ids, ids, sims


def _neighbours(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    *,
    key_rows: np.ndarray | None = None,
    exact_below: int,
    seed: int,
    budget: int | None,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids, sims), each (n_queries, k), best first, -1 where fewer keys exist. Keys
    are `keys[key_rows]` when given, and ids count within them."""
    n_keys = len(keys) if key_rows is None else len(key_rows)
    # Threads share the cores rather than BLAS: small products scale better that way.
    with threadpool_limits(limits=1, user_api="blas"):
        if n_keys < exact_below:
            subset = keys if key_rows is None else keys[key_rows]
            return _exact(queries, subset, k, progress)
        budget = budget or default_budget(n_keys, k)
        options = {"key_rows": key_rows, "budget": budget, "seed": seed, "progress": progress}
        return _cell_join(queries, keys, k, **options)


def _exact(
    queries: np.ndarray, keys: np.ndarray, k: int, progress: Progress | None
) -> tuple[np.ndarray, np.ndarray]:
    """Brute force over all keys, in row blocks of bounded size."""
    whole = (np.array([0]), np.array([len(keys)]))
    everyone = np.arange(len(queries))
    groups = [_Group(everyone[rows], *whole) for rows in _row_blocks(len(queries), len(keys))]
    return _scan(queries, keys, k, groups, progress)


# --- the cell join ------------------------------------------------------------------


def _cell_join(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    *,
    key_rows: np.ndarray | None,
    budget: int,
    seed: int,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Score each cell's queries against the keys of the nearest cells, `budget` keys."""
    rows = np.arange(len(keys)) if key_rows is None else key_rows
    partition = _train_partition(keys, rows, round(len(rows) / CELL_SIZE), seed=seed)
    key_cells = _assign(partition, keys, rows)
    self_join = queries is keys and key_rows is None
    query_cells = key_cells if self_join else _assign(partition, queries, np.arange(len(queries)))
    key_order = np.argsort(key_cells, kind="stable")
    sizes = np.bincount(key_cells, minlength=len(partition.fine))
    groups = _groups(query_cells, sizes, partition.fine, budget)
    ids, sims = _scan(queries, keys[rows[key_order]], k, groups, progress)
    return np.where(ids >= 0, key_order[ids], -1), sims


def _groups(
    query_cells: np.ndarray, sizes: np.ndarray, centroids: np.ndarray, budget: int
) -> list[_Group]:
    """One group per cell holding queries: its queries, and the key ranges of the
    cells nearest to it (itself first) until `budget` keys are covered."""
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    reach = min(len(centroids), 4 * budget // CELL_SIZE + 1)
    nearest = _top_columns(centroids, np.arange(len(centroids)), centroids, reach)
    query_order = np.argsort(query_cells, kind="stable")
    bounds = np.searchsorted(query_cells[query_order], np.arange(len(centroids) + 1))
    groups = []
    for cell in np.flatnonzero(np.diff(bounds)):
        near = nearest[cell]
        near = near[: int(np.searchsorted(np.cumsum(sizes[near]), budget)) + 1]
        rows = query_order[bounds[cell] : bounds[cell + 1]]
        groups.append(_Group(rows, starts[near], sizes[near]))
    return groups


def _train_partition(x: np.ndarray, rows: np.ndarray, n_cells: int, *, seed: int) -> _Partition:
    """Coarse spherical k-means with about √n_cells centroids on a sample of `x[rows]`,
    then fine k-means inside each coarse cell, in proportion to its share of rows."""
    rng = np.random.default_rng(seed)
    n_cells = max(1, min(n_cells, len(rows)))
    size = min(len(rows), TRAIN_PER_CELL * n_cells)
    sample = x[rows[np.sort(rng.choice(len(rows), size, replace=False))]]
    coarse = _spherical_kmeans(sample, max(1, round(math.sqrt(n_cells))), rng, parallel=True)
    labels = _argmax_rows(sample, coarse, parallel=True)
    counts = np.bincount(labels, minlength=len(coarse))
    wanted = np.where(counts > 0, np.maximum(1, np.round(n_cells * counts / size)), 0)
    wanted = np.minimum(wanted, counts).astype(np.int64)

    def fine_cells(cell: int) -> np.ndarray:
        cell_rng = np.random.default_rng([seed, cell])
        return _spherical_kmeans(sample[labels == cell], wanted[cell], cell_rng, parallel=False)

    fine = _parallel_map(fine_cells, np.flatnonzero(wanted))
    return _Partition(coarse, np.concatenate(fine), np.concatenate(([0], np.cumsum(wanted))))


def _assign(partition: _Partition, x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Fine cell of each of `x[rows]`: the best child of its two nearest coarse cells."""
    n_top = min(2, len(partition.coarse))
    top = _top_columns(x, rows, partition.coarse, n_top)
    values = np.full(top.shape, -np.inf, np.float32)
    labels = np.zeros(top.shape, np.int64)
    jobs = []
    for slot in range(n_top):
        order = np.argsort(top[:, slot], kind="stable")
        bounds = np.searchsorted(top[order, slot], np.arange(len(partition.coarse) + 1))
        cells = np.flatnonzero(np.diff(bounds))
        jobs += [(slot, cell, order[bounds[cell] : bounds[cell + 1]]) for cell in cells]

    def best_child(job: tuple[int, int, np.ndarray]) -> None:
        slot, cell, members = job
        lo, hi = partition.child_offsets[cell], partition.child_offsets[cell + 1]
        for block in _row_blocks(len(members), hi - lo) if lo < hi else ():
            mine = members[block]
            scores = x[rows[mine]] @ partition.fine[lo:hi].T
            best = np.argmax(scores, axis=1)
            values[mine, slot] = scores[np.arange(len(mine)), best]
            labels[mine, slot] = lo + best

    _parallel_map(best_child, jobs)
    return labels[np.arange(len(rows)), np.argmax(values, axis=1)]


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


# --- the scan shared by both paths --------------------------------------------------


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
    batches = list(_batches(groups, 32 * _cores()))
    with ThreadPoolExecutor(_cores()) as pool:
        work = pool.map(lambda batch: _score_groups(queries, keys, batch, ids, sims), batches)
        for done, _ in enumerate(work, start=1):
            if progress is not None:
                progress("search", done / len(batches))
    return ids, sims


def _score_groups(
    queries: np.ndarray,
    keys: np.ndarray,
    groups: Sequence[_Group],
    ids: np.ndarray,
    sims: np.ndarray,
) -> None:
    """Fill the rows of `ids`/`sims` that belong to `groups`, best first."""
    for group in groups:
        positions = _positions(group)
        if len(positions) == 0:
            continue
        single_range = len(group.starts) == 1  # then a view, not a copy
        block = keys[positions[0] : positions[-1] + 1] if single_range else keys[positions]
        take = min(ids.shape[1], len(block))
        head = max(2 * take, len(block) // HEAD_SHARE)
        for rows in _row_blocks(len(group.rows), len(block)):
            mine = group.rows[rows]
            best, scores = _largest(queries[mine], block, take, head=head)
            order = np.argsort(-scores, axis=1, kind="stable")
            ids[mine, :take] = positions[np.take_along_axis(best, order, axis=1)]
            sims[mine, :take] = np.take_along_axis(scores, order, axis=1)


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


def _positions(group: _Group) -> np.ndarray:
    """Key positions of a group: its ranges laid end to end."""
    shift = group.starts - np.concatenate(([0], np.cumsum(group.lengths)[:-1]))
    return np.repeat(shift, group.lengths) + np.arange(int(group.lengths.sum()))


# --- small helpers ------------------------------------------------------------------


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


def _top_columns(x: np.ndarray, rows: np.ndarray, centroids: np.ndarray, n_top: int) -> np.ndarray:
    """For each of `x[rows]`, the `n_top` most similar centroids, most similar first."""
    out = np.empty((len(rows), n_top), np.int64)

    def block(part: slice) -> None:
        scores = x[rows[part]] @ centroids.T
        if n_top < len(centroids):
            best = np.argpartition(scores, -n_top, axis=1)[:, -n_top:]
        else:
            best = np.broadcast_to(np.arange(n_top), (len(scores), n_top))
        order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
        out[part] = np.take_along_axis(best, order, axis=1)

    _parallel_map(block, list(_row_blocks(len(rows), len(centroids))))
    return out


def _parallel_map(fn: Callable, items: Sequence) -> list:
    """`fn` over `items` on one thread per core (numpy and BLAS release the GIL)."""
    with ThreadPoolExecutor(_cores()) as pool:
        return list(pool.map(fn, items))


def _batches(groups: Sequence[_Group], n_batches: int) -> Iterator[Sequence[_Group]]:
    step = max(1, math.ceil(len(groups) / n_batches))
    for start in range(0, len(groups), step):
        yield groups[start : start + step]


def _drop_self(
    ids: np.ndarray, other: np.ndarray, own: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row of `ids` without the row's own id (`own`), the first k kept in order,
    and `other` (sims, say) rearranged the same way."""
    rank = np.argsort(ids == own[:, None], axis=1, kind="stable")[:, :k]  # own id goes last
    return np.take_along_axis(ids, rank, axis=1), np.take_along_axis(other, rank, axis=1)


def _sorted_unique(codes: np.ndarray) -> np.ndarray:
    codes = np.sort(codes)  # np.unique is ~100x slower on large int64 arrays (numpy 2.4)
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


def _staged(progress: Progress | None, stage: str) -> Progress | None:
    if progress is None:
        return None
    return lambda _step, fraction: progress(stage, fraction)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
