"""The pairings an organiser could use instead of a round, to measure a round against.

`random_pairs` ("the spreadsheet"), `hierarchy_pairs` (senior with junior inside
a discipline) and `tfidf_greedy_pairs` (plain TF-IDF cosine of whole profiles,
greedy assignment) pair the same people a round does. Every baseline respects
capacity and never pairs anyone with themselves; given `constraints`, it
respects every other hard constraint too. Used by the round review (`review`)
and `bench/matching_baselines.py`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from trellis.matching.engine.constraints import Constraints, Pair
from trellis.matching.engine.people import STATEMENTS, Person


def _key(i: int, j: int) -> tuple[int, int]:
    return (int(i), int(j)) if i < j else (int(j), int(i))


def _members(people: Sequence[Person], constraints: Constraints | None) -> list[int]:
    """Positions of the members a baseline may pair: capacity left (and opted in, when
    constrained)."""
    if constraints is None:
        return [i for i, p in enumerate(people) if p.capacity > 0]
    return [int(i) for i in np.flatnonzero(constraints.open)]


def _allowed(constraints: Constraints | None, i: int, j: int) -> bool:
    return i != j and (constraints is None or constraints.allows(i, j))


def _as_pairs(people: Sequence[Person], chosen: Iterable[tuple[int, int]]) -> list[Pair]:
    return [(people[i].id, people[j].id) for i, j in chosen]


def random_pairs(
    people: Sequence[Person],
    *,
    seed: int = 0,
    constraints: Constraints | None = None,
    passes: int = 20,
) -> list[Pair]:
    """ "The spreadsheet": shuffle the list and pair neighbours, again while capacity is left.

    Each pass shuffles the members who still have capacity and pairs them two by
    two (skipping a pair already made or, with `constraints`, not allowed).
    """
    rng = random.Random(seed)
    left = {i: people[i].capacity for i in _members(people, constraints)}
    made: set[tuple[int, int]] = set()
    chosen = []
    for _ in range(passes):
        open_ = [i for i, c in left.items() if c > 0]
        rng.shuffle(open_)
        progress = False
        for a, b in zip(open_[::2], open_[1::2], strict=False):
            key = _key(a, b)
            if key in made or not _allowed(constraints, a, b):
                continue
            made.add(key)
            chosen.append((a, b))
            left[a] -= 1
            left[b] -= 1
            progress = True
        if not progress and len(open_) < 2:
            break
    return _as_pairs(people, chosen)


def hierarchy_pairs(
    people: Sequence[Person], *, constraints: Constraints | None = None, window: int = 64
) -> list[Pair]:
    """ "The hierarchy": inside each discipline, the most senior with the most junior.

    Members with capacity are sorted by level (then id); the most senior is paired
    with the most junior, the next with the next, and so on inwards. A pair is
    never made twice; with `constraints`, a forbidden pair moves on to the next most
    junior (up to `window` of them). Passes repeat while capacity is left.
    """
    by_discipline: dict[str, list[int]] = defaultdict(list)
    for i in _members(people, constraints):
        by_discipline[people[i].discipline].append(i)
    left = {i: people[i].capacity for group in by_discipline.values() for i in group}
    made: set[tuple[int, int]] = set()
    chosen = []
    for discipline in sorted(by_discipline):
        progress = True
        while progress:
            ranked = sorted(
                (i for i in by_discipline[discipline] if left[i] > 0),
                key=lambda i: (-people[i].level, people[i].id),
            )
            used = [False] * len(ranked)
            progress = False
            low = len(ranked) - 1
            for top, a in enumerate(ranked):
                while low > top and used[low]:
                    low -= 1
                if low <= top:
                    break
                if used[top]:
                    continue
                q, tries = low, 0
                while q > top and tries < window:
                    b = ranked[q]
                    if not used[q]:
                        tries += 1
                        if _key(a, b) not in made and _allowed(constraints, a, b):
                            made.add(_key(a, b))
                            chosen.append((a, b))
                            left[a] -= 1
                            left[b] -= 1
                            used[top] = used[q] = progress = True
                            break
                    q -= 1
    return _as_pairs(people, chosen)


def profile_text(person: Person) -> str:
    """Everything a member wrote, as one text."""
    return "; ".join([*(getattr(person, s) for s in STATEMENTS), *person.posts])


def tfidf_neighbours(
    texts: Sequence[str], k: int = 20, chunk: int = 2048
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each text's `k` most TF-IDF-cosine-similar others: pair arrays (i < j) and similarity.

    Plain scikit-learn TF-IDF (English stop words, sublinear tf), rows compared
    a chunk at a time so memory stays O(n k).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    matrix = sparse.csr_matrix(matrix)
    rows, cols, sims = [], [], []
    n = matrix.shape[0]
    for start in range(0, n, chunk):
        block = (matrix[start : start + chunk] @ matrix.T).toarray()
        for r in range(block.shape[0]):
            block[r, start + r] = 0.0
        take = min(k, n - 1)
        if take <= 0:
            break
        top = np.argpartition(-block, take - 1, axis=1)[:, :take]
        values = np.take_along_axis(block, top, axis=1)
        keep = values > 0
        rows.append(np.repeat(np.arange(start, start + block.shape[0]), take)[keep.ravel()])
        cols.append(top[keep])
        sims.append(values[keep])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    i, j, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    i, j = np.minimum(i, j), np.maximum(i, j)
    unique = np.unique(i * n + j, return_index=True)[1]
    return i[unique], j[unique], s[unique]


def greedy_pairs(
    i: np.ndarray, j: np.ndarray, weight: np.ndarray, capacity: Sequence[int]
) -> list[tuple[int, int]]:
    """Heaviest pairs first, each taken while both sides have capacity (ties: input order)."""
    left = np.array(capacity, dtype=np.int64)
    made: set[tuple[int, int]] = set()
    chosen = []
    for e in np.argsort(-np.asarray(weight, dtype=float), kind="stable"):
        a, b = int(i[e]), int(j[e])
        if a == b or left[a] <= 0 or left[b] <= 0 or _key(a, b) in made:
            continue
        made.add(_key(a, b))
        chosen.append((a, b))
        left[a] -= 1
        left[b] -= 1
    return chosen


def tfidf_greedy_pairs(
    people: Sequence[Person], *, constraints: Constraints | None = None, k: int = 20
) -> list[Pair]:
    """Plain TF-IDF cosine of whole profiles, each member's `k` nearest, greedy assignment."""
    members = _members(people, constraints)
    if len(members) < 2:
        return []
    i, j, sim = tfidf_neighbours([profile_text(people[m]) for m in members], k=k)
    index = np.array(members, dtype=np.int64)
    i, j = index[i], index[j]
    if constraints is not None and len(i):
        keep = constraints.allowed(i, j)
        i, j, sim = i[keep], j[keep], sim[keep]
    capacity = [p.capacity for p in people]
    return _as_pairs(people, greedy_pairs(i, j, sim, capacity))


BASELINES: dict[str, Callable[..., list[Pair]]] = {
    "random (the spreadsheet)": random_pairs,
    "senior-junior (the hierarchy)": hierarchy_pairs,
    "TF-IDF + greedy": tfidf_greedy_pairs,
}
