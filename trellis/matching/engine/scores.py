"""Pair scores: teach, shared, mutual, diversity and the weighted score, vectorised.

For people a and b (positions in the Profiles):

- `teach_ab`  how much of what b is learning a's offer covers: the share of
              b's need (the encoder's `needs["wants"]`, shares summing to how
              specific it is) that a's `covers["offers"]` holds. Coverage, not
              cosine, so that someone who can help with ten things is not
              diluted against someone who lists one. a's offer against what b
              works on, and what a works on against b's learning, count at
              `Weights.teach_working` of that, when either is the better match.
              (An encoder without needs and covers: `offers[a] . wants[b]`.)
- `teach_ba`  the same the other way.
- `shared`    how alike their interests are (`interest[a] . interest[b]`):
              what they work on, post about and, a little, are curious about.
- `mutual`    `max(shared, sqrt(teach_ab * teach_ba))`: high only when value
              flows both ways. A shared problem is two-way by nature (each
              brings their half of it); teaching is two-way only when both
              directions are, which a geometric mean says and an arithmetic
              one would not (0.8 and 0 average to 0.4, but trade nothing).
- `diversity` in [0, 1]: a third each for a different discipline, a
              different team, and how different their backgrounds are
              (Jaccard distance of the tags; 0 when either gave none).
- `score`     0 unless `max(shared, teach_ab, teach_ba) >= min_interest`;
              otherwise `(mutual*m + shared*s + (teach_ab + teach_ba)/2 * t)
              * (1 + diversity * d)`, so diversity only ever amplifies a pair
              that already shares something. Seniority is not a term.

Similarities are dot products of the encoder's sketches (exact sparse vectors)
or, for an encoder without them, of its dense rows. Either has length <= 1
(its length is how specific a statement is, see `encoders`), so every
similarity is in [0, 1] after clipping negatives. Pairs are scored in chunks
on two threads: 20M pairs at a million people take about a minute.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields

import numpy as np

from trellis.matching.engine.encoders import Profiles
from trellis.matching.engine.people import Person
from trellis.text.normalise import fold

CHUNK = 1 << 14  # pairs scored at a time: small enough for the caches
BACKGROUND_BITS = 512


@dataclass(frozen=True)
class Weights:
    """How an organiser weighs the parts of a pair's score (defaults justified in the docs).

    - `mutual` 1.0: two-way value is what the programme is for, so it leads.
    - `shared` 0.5 and `teach` 0.5: a shared problem or one-way teaching still
      counts, at half the weight of value that flows both ways.
    - `diversity` 0.5: a pair that differs in discipline, team and background
      scores up to 1.5x the same pair with nothing different.
    - `min_interest` 0.05: the smallest shared interest or teaching match
      that makes a pair worth suggesting; below it the score is 0 whatever
      else. On the paraphrase suite (tests/test_paraphrase.py) the strongest
      pair sharing only generic words reaches 0.025 and the weakest pair
      sharing a real problem 0.078; 0.05 sits between them.
    - `teach_working` 0.5: what the taker works on counts as half a "learning"
      statement, and what the giver works on as half an offer.
    """

    mutual: float = 1.0
    shared: float = 0.5
    teach: float = 0.5
    diversity: float = 0.5
    min_interest: float = 0.05
    teach_working: float = 0.5

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ValueError(f"Weight {f.name!r} must be a number >= 0, got {value!r}")


@dataclass(frozen=True)
class PeopleAttributes:
    """What the diversity term needs, as compact arrays (one entry per person).

    Codes are -1 where a person gave nothing. Background tags are bits of
    `background` (uint64 words): exact for the 448 most common tags, the rest
    folded into the last 64 bits.
    """

    discipline: np.ndarray  # int32 codes
    team: np.ndarray  # int32 codes
    background: np.ndarray  # (n, words) uint64 bit sets
    background_count: np.ndarray  # int32: how many bits each person has set

    def __len__(self) -> int:
        return len(self.discipline)


def _codes(values: Sequence[str]) -> np.ndarray:
    seen: dict[str, int] = {}
    codes = np.empty(len(values), np.int32)
    for i, value in enumerate(values):
        key = " ".join(fold(value).split())
        codes[i] = seen.setdefault(key, len(seen)) if key else -1
    return codes


def attributes(people: Sequence[Person]) -> PeopleAttributes:
    """Discipline and team codes and background bit sets, for the diversity term."""
    tags_of = [{" ".join(fold(t).split()) for t in p.background} - {""} for p in people]
    frequency: dict[str, int] = {}
    for tags in tags_of:
        for tag in tags:
            frequency[tag] = frequency.get(tag, 0) + 1
    ranked = sorted(frequency, key=lambda tag: (-frequency[tag], tag))
    exact = BACKGROUND_BITS - 64
    bit_of = {tag: i for i, tag in enumerate(ranked[:exact])}
    for tag in ranked[exact:]:
        bit_of[tag] = exact + zlib.crc32(tag.encode("utf-8")) % 64
    words = (max(bit_of.values(), default=0) + 64) // 64
    bits = np.zeros((len(people), words), np.uint64)
    for i, tags in enumerate(tags_of):
        for tag in tags:
            bit = bit_of[tag]
            bits[i, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    counts = np.bitwise_count(bits).sum(axis=1).astype(np.int32)
    return PeopleAttributes(
        _codes([p.discipline for p in people]), _codes([p.team for p in people]), bits, counts
    )


@dataclass(frozen=True)
class PairScore:
    """The scores of one pair."""

    teach_ab: float
    teach_ba: float
    shared: float
    mutual: float
    diversity: float
    score: float


@dataclass(frozen=True)
class PairScores:
    """Scores of many pairs, as float32 arrays aligned with the `a` and `b` given."""

    teach_ab: np.ndarray
    teach_ba: np.ndarray
    shared: np.ndarray
    mutual: np.ndarray
    diversity: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.score)

    def pair(self, k: int) -> PairScore:
        """The k-th pair's scores as plain floats."""
        return PairScore(**{f.name: float(getattr(self, f.name)[k]) for f in fields(self)})


def _rowwise_dot(x: np.ndarray, a: np.ndarray, y: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", x[a], y[b])


def diversity(attrs: PeopleAttributes, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How different two people are, in [0, 1]: discipline, team, background."""
    da, db = attrs.discipline[a], attrs.discipline[b]
    ta, tb = attrs.team[a], attrs.team[b]
    discipline = (da >= 0) & (db >= 0) & (da != db)
    team = (ta >= 0) & (tb >= 0) & (ta != tb)
    ba, bb = attrs.background[a], attrs.background[b]
    both = np.bitwise_count(ba & bb).sum(axis=1)
    either = np.bitwise_count(ba | bb).sum(axis=1)
    given = (attrs.background_count[a] > 0) & (attrs.background_count[b] > 0)
    background = np.where(given, 1.0 - both / np.maximum(either, 1), 0.0)
    return ((discipline + team.astype(np.float64) + background) / 3).astype(np.float32)


class _Rows:
    """One side's statements for a chunk of pairs, gathered once."""

    def __init__(self, profiles: Profiles, people: np.ndarray):
        # Duck-typed: anything with the four matrices (and optionally sketches) will do.
        self.sketches = getattr(profiles, "sketches", None)
        needs, covers = getattr(profiles, "needs", None), getattr(profiles, "covers", None)
        self.coverage = needs is not None and covers is not None
        if self.coverage:
            self.needs = {kind: _take(s, people) for kind, s in needs.items()}
            self.covers = {kind: _take(s, people) for kind, s in covers.items()}
        kinds = ("interest",) if self.coverage else ("working", "offers", "wants", "interest")
        if self.sketches is not None and all(kind in self.sketches for kind in kinds):
            self.rows = {kind: _take(self.sketches[kind], people) for kind in kinds}
        else:
            self.sketches = None
            self.rows = {kind: np.take(getattr(profiles, kind), people, axis=0) for kind in kinds}


def _similarity(x: _Rows, kind_x: str, y: _Rows, kind_y: str) -> np.ndarray:
    """Row-wise similarity of x's statements of one kind and y's of another, in [0, 1]."""
    if x.sketches is not None:
        (ids_x, w_x), (ids_y, w_y) = x.rows[kind_x], y.rows[kind_y]
        same = ids_x[:, :, None] == ids_y[:, None, :]
        values = np.einsum("pi,pi->p", w_x, np.einsum("pij,pj->pi", same, w_y))
    else:
        values = np.einsum("ij,ij->i", x.rows[kind_x], y.rows[kind_y])
    return np.clip(values, 0, 1, out=values).astype(np.float32, copy=False)


def _take(sketch, people: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.take(sketch.ids, people, axis=0), np.take(sketch.weights, people, axis=0)


def _coverage(giver: tuple[np.ndarray, np.ndarray], taker: tuple[np.ndarray, np.ndarray]):
    """Row-wise share of the taker's need the giver covers: sum over the taker's
    features of need share x the giver's presence there, in [0, 1].

    The giver's ids are ascending per row (padded with a larger id), so each
    of the taker's ids is found by a branchless binary search over the row.
    """
    (cover_ids, presence), (need_ids, shares) = giver, taker
    pairs, width = cover_ids.shape
    flat_ids = cover_ids.reshape(-1)
    # Flat positions (int32: a chunk holds far fewer than 2**31 entries), each
    # starting at its row; a lower bound over a power-of-two width needs no
    # bounds checks, as it never passes the row's last slot.
    position = np.repeat(np.arange(0, pairs * width, width, dtype=np.int32), need_ids.shape[1])
    position = position.reshape(need_ids.shape)
    step = width >> 1
    while step:
        below = np.take(flat_ids, position + (step - 1)) < need_ids
        position += below.astype(np.int32) * np.int32(step)
        step >>= 1
    found = np.take(flat_ids, position) == need_ids
    held = np.where(found, np.take(presence.reshape(-1), position), np.float32(0))
    values = np.einsum("pk,pk->p", shares, held)
    return np.clip(values, 0, 1, out=values).astype(np.float32, copy=False)


def _teach(giver: _Rows, taker: _Rows, near: np.float32) -> np.ndarray:
    """How well the giver can help the taker: their offer against the taker's learning,
    or (discounted) against what the taker works on, or what the giver works on
    against the taker's learning.

    With an encoder's needs and covers this is coverage (the share of what the
    taker asks for that the giver brings), which does not dilute a broad
    giver; otherwise the similarity of the two statements.
    """
    if giver.coverage and taker.coverage:
        return np.maximum.reduce(
            [
                _coverage(giver.covers["offers"], taker.needs["wants"]),
                near * _coverage(giver.covers["offers"], taker.needs["working"]),
                near * _coverage(giver.covers["working"], taker.needs["wants"]),
            ]
        )
    return np.maximum.reduce(
        [
            _similarity(giver, "offers", taker, "wants"),
            near * _similarity(giver, "offers", taker, "working"),
            near * _similarity(giver, "working", taker, "wants"),
        ]
    )


def _score_chunk(profiles: Profiles, attrs, a, b, weights: Weights) -> dict[str, np.ndarray]:
    near = np.float32(weights.teach_working)
    rows_a, rows_b = _Rows(profiles, a), _Rows(profiles, b)
    teach_ab = _teach(rows_a, rows_b, near)
    teach_ba = _teach(rows_b, rows_a, near)
    shared = _similarity(rows_a, "interest", rows_b, "interest")
    mutual = np.maximum(shared, np.sqrt(teach_ab * teach_ba))
    diverse = diversity(attrs, a, b)
    base = (
        weights.mutual * mutual
        + weights.shared * shared
        + weights.teach * (teach_ab + teach_ba) / 2
    )
    interested = np.maximum(shared, np.maximum(teach_ab, teach_ba)) >= weights.min_interest
    score = np.where(interested, base * (1 + weights.diversity * diverse), 0).astype(np.float32)
    return {
        "teach_ab": teach_ab,
        "teach_ba": teach_ba,
        "shared": shared,
        "mutual": mutual,
        "diversity": diverse,
        "score": score,
    }


def score_pairs(
    profiles: Profiles,
    people_attrs: PeopleAttributes,
    a,
    b,
    weights: Weights | None = None,
    *,
    threads: int = 2,
) -> PairScores:
    """Score the pairs (a[k], b[k]) (positions in `profiles`), in chunks, on `threads`."""
    weights = weights or Weights()
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError("a and b must be 1-d arrays of the same length")
    out = {f.name: np.empty(len(a), np.float32) for f in fields(PairScores)}

    def run(start: int) -> None:
        stop = min(start + CHUNK, len(a))
        part = _score_chunk(profiles, people_attrs, a[start:stop], b[start:stop], weights)
        for name, values in part.items():
            out[name][start:stop] = values

    starts = range(0, len(a), CHUNK)
    if threads > 1 and len(starts) > 1:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(run, starts))
    else:
        for start in starts:
            run(start)
    return PairScores(**out)


def coverage(covers, covered, needs, needing) -> np.ndarray:
    """Row-wise share of need `needing[k]` (a row of the `needs` sketch) that cover
    `covered[k]` (a row of the `covers` sketch) holds: what `teach` measures, for any
    two sketches of one encoding (helpers compare each thing someone helped with to
    a need this way)."""
    covered, needing = np.asarray(covered, np.int64), np.asarray(needing, np.int64)
    if not len(covered):
        return np.zeros(0, np.float32)
    return _coverage(_take(covers, covered), _take(needs, needing))
