"""Who can help with this: the people best able to help someone, each with a reason.

Not mutual recommendations: this ranking goes one way, from an asker's need to
a helper's ability, and it weighs what the helper has *done* as well as what
they say. The need is what the asker is learning and works on (or a loose text:
a post, a topic's name and description). For an asker a and a helper h:

- `can`      teach(h -> a) as rounds score it (`scores`): the share of a's need
             that h's `can_help_with` and work cover.
- `helped`   demonstrated help on *this* need. Each of h's `helped_with` entries
             is encoded like an offer and measured the same way: the share of
             a's need it covers, as a share of the most any cover could reach
             (the need's own weight), so a perfect match is 1 in any
             organisation. An entry covering at least `match_at` of the need
             counts, by `share / (share + half_match)`; `m` such helps give
             `m / (m + half_helps)`: 3 count more than 1, 30 not ten times more,
             and helps that cover nothing of the need (help on X, for a need
             about Y) count nothing.
- `topical`  `can + evidence * helped`. Nobody with no topical ground at all is
             listed, however active.
- `score`    `topical / best topical among a's candidates + prior * activity`:
             activity is log(1 + all of h's helps), the most active helper at 1,
             so the prior is a bounded term (at most `prior`) that reorders people
             with topical grounds; it never lists anyone by itself.

Candidates are found as rounds find them, by nearest neighbours on the dense
rows (the asker's learning and interest against each helper's offer, interest
and everything they helped with), so the work grows with the number of people
times the candidates each, not with its square; only candidates are scored
exactly, every pair and every entry as one vectorised batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from trellis.matching.engine.candidates import top_k
from trellis.matching.engine.constraints import Constraints
from trellis.matching.engine.encoders import Encoder, Sketch
from trellis.matching.engine.encoders.registry import DEFAULT_ENCODER, make_encoder
from trellis.matching.engine.explain import helper_reason
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import attributes, coverage, score_pairs
from trellis.text.normalise import split_phrases

Progress = Callable[[str, float], None]
EVIDENCE_SHOWN = 20  # entry indices kept per helper, strongest first
ENTRY_CHUNK = 50_000  # entries encoded at a time
PAIR_CHUNK = 1 << 16  # (entry, need) pairs measured at a time
PAIR_BATCH = 1 << 21  # candidate pairs scored at a time
NEED_KINDS = ("wants", "working")  # a need is what someone is learning and works on
DENSE_NEED_KINDS = ("wants", "interest")  # the same, for an encoder with dense rows only


@dataclass(frozen=True, slots=True)
class Helper:
    """Someone who could help, best first, with why and the helps that back it."""

    id: str
    score: float
    explanation: str  # to the asker
    evidence: tuple[int, ...]  # indices into the helper's `helped_with` (may be empty)


@dataclass(frozen=True)
class HelperConfig:
    """How helpers are ranked; every field has a default.

    - `candidates`: helpers searched per asker in each nearest-neighbour search.
    - `evidence`: weight of demonstrated help against `can`.
    - `prior`: weight of the activity prior. 0: on the validation window of
      `bench/matching_stackexchange.py --helpers` (coffee questions before the
      cutoff, never the test questions) no weight of 0.25 to 2 did better than
      none; the bench prints what each weight does.
    - `match_at`: the share of a need a help must cover to count at all. 0.05: a
      post or question is a long need, one help covers a small part of it (0.1
      found fewer answerers on that validation window: hit@10 0.40 against 0.44);
      below it a help only brushes the need.
    - `dense_match_at`: the same for an encoder with dense rows only (no covers),
      whose similarities run higher between unrelated texts (0.13 for React helps
      against a Terraform need in the tests, 0.1 to 0.3 for sentence embeddings).
    - `half_match`: the share at which one help counts half.
    - `half_helps`: weighed helps at which `helped` reaches one half (1 strong
      help gives about 0.3, 3 give 0.55, 30 give 0.9).
    - `entries`: at most this many of a helper's latest entries are compared
      (a list in the order the helps happened).
    """

    candidates: int = 30
    evidence: float = 1.0
    prior: float = 0.0
    match_at: float = 0.05
    dense_match_at: float = 0.5
    half_match: float = 0.3
    half_helps: float = 2.0
    entries: int = 200
    seed: int = 0

    def __post_init__(self):
        for name in ("evidence", "prior", "match_at", "dense_match_at", "half_match", "half_helps"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name!r} must be a number >= 0, got {value!r}")
        for name in ("half_match", "half_helps"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name!r} must be above 0")
        for name in ("candidates", "entries"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name!r} must be an integer >= 1, got {value!r}")


def helpers_for_people(
    people: Sequence[Person],
    *,
    for_ids: Sequence[str] | None = None,
    k: int = 5,
    config: HelperConfig = HelperConfig(),
    blocked: Iterable[tuple[str, str]] = (),
    unavailable: Iterable[str] = (),
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> dict[str, list[Helper]]:
    """For each of `for_ids` (everyone when None): the `k` people best able to help with
    what they work on and are learning, best first.

    Never the person themselves, nobody in their reporting chain, no pair in
    `blocked` (either order), nobody in `unavailable` (paused or at capacity, as
    the caller decides) and nobody who has not opted in.
    """
    people = list(people)
    position = {p.id: i for i, p in enumerate(people)}
    unknown = [i for i in (for_ids or ()) if i not in position]
    if unknown:
        raise KeyError(f"Unknown ids: {', '.join(map(repr, unknown[:5]))}")
    wanted = dict.fromkeys(for_ids if for_ids is not None else position)
    askers = np.array([position[i] for i in wanted], np.int64)
    if not len(askers):
        return {}
    constraints = Constraints(people, blocked)
    closed = _closed(people, unavailable)

    def allowed(asker: np.ndarray, helper: np.ndarray) -> np.ndarray:
        return constraints.allowed(asker, helper, capacity=False) & ~closed[helper]

    texts = [(p.learning, p.working_on) for p in (people[i] for i in askers)]
    search = _Search(people, [], encoder, config, progress)
    ranked = search.rank(askers, texts, k, allowed, learning=True)
    return {people[int(q)].id: found for q, found in zip(askers, ranked, strict=True)}


def helpers_for_texts(
    people: Sequence[Person],
    queries: Sequence[str],
    *,
    k: int = 5,
    exclude: Sequence[Iterable[str]] | None = None,
    config: HelperConfig = HelperConfig(),
    unavailable: Iterable[str] = (),
    encoder: Encoder | None = None,
) -> list[list[Helper]]:
    """For each loose problem text (a post, a topic's name and description): the `k`
    people best able to help with it, best first.

    `exclude[i]` are ids never to return for query i (its author and their
    reporting chain, say); `unavailable` people and people who have not opted in
    are never returned.
    """
    people, queries = list(people), list(queries)
    if exclude is not None and len(exclude) != len(queries):
        raise ValueError(f"exclude has {len(exclude)} entries for {len(queries)} queries")
    if not queries or not people:
        return [[] for _ in queries]
    n = len(people)
    position = {p.id: i for i, p in enumerate(people)}
    excluded = [
        (n + q) * n + position[pid]
        for q, ids in enumerate(exclude or ())
        for pid in ids
        if pid in position
    ]
    excluded_keys = np.unique(np.array(excluded, np.int64))
    closed = _closed(people, unavailable)

    def allowed(asker: np.ndarray, helper: np.ndarray) -> np.ndarray:
        return ~closed[helper] & ~np.isin(asker * n + helper, excluded_keys)

    askers = [_asker(i, text) for i, text in enumerate(queries)]
    search = _Search(people, askers, encoder, config, None)
    positions = np.arange(n, n + len(queries), dtype=np.int64)
    return search.rank(positions, [(text, text) for text in queries], k, allowed, learning=False)


def _asker(i: int, text: str) -> Person:
    """A loose text as an asker: it is what they work on and want to learn."""
    return Person(
        id=f"\x00query-{i}",
        name="",
        discipline="",
        team="",
        level=0,
        manager=None,
        background=(),
        capacity=0,
        working_on=text,
        curious_about="",
        can_help_with="",
        learning=text,
    )


def _closed(people: Sequence[Person], unavailable: Iterable[str]) -> np.ndarray:
    """Who may not be returned at all: unavailable, or not opted in."""
    gone = set(unavailable)
    return np.fromiter(
        (p.id in gone or not p.opted_in for p in people), dtype=bool, count=len(people)
    )


def activity(people: Sequence[Person]) -> np.ndarray:
    """log(1 + helps), the most active helper at 1 (all 0 when nobody has helped)."""
    counts = np.fromiter((len(p.helped_with) for p in people), dtype=np.float64, count=len(people))
    top = counts.max(initial=0.0)
    return np.log1p(counts) / np.log1p(top) if top > 0 else counts


@dataclass(frozen=True)
class _Entries:
    """Every compared `helped_with` entry of the people, encoded once.

    `owner[j]` is the position of entry j's helper and `index[j]` its index in
    their list; a helper's entries are contiguous, from `start[h]` to `start[h + 1]`.
    """

    owner: np.ndarray
    index: np.ndarray
    start: np.ndarray
    covers: Sketch | None  # each entry's `covers["offers"]`, when the encoder has covers
    vectors: np.ndarray | None  # else each entry's dense `offers` row
    rows: np.ndarray | None  # (people x dim) everything each helped with, for the search


class _Search:
    """One encoding of people (and loose texts as askers), searched for helpers."""

    def __init__(self, people, askers, encoder, config: HelperConfig, progress):
        self.people, self.config, self.progress = people, config, progress
        self.everyone = [*people, *askers]
        self._report("encode", 0.0)
        self.encoder = (encoder or make_encoder(DEFAULT_ENCODER, seed=config.seed)).fit(people)
        self.profiles = self.encoder.encode(self.everyone)
        self.entries = self._encode_entries()
        self.activity = activity(people)

    def _report(self, stage: str, fraction: float) -> None:
        if self.progress:
            self.progress(f"helpers: {stage}", fraction)

    def _encode_entries(self) -> _Entries:
        """Each entry as an offer (its covers sketch and dense row), in chunks."""
        limit = self.config.entries
        kept = [p.helped_with[-limit:] for p in self.people]
        skipped = [len(p.helped_with) - len(own) for p, own in zip(self.people, kept, strict=True)]
        owner = np.repeat(np.arange(len(kept)), [len(own) for own in kept])
        start = np.concatenate([[0], np.cumsum([len(own) for own in kept])]).astype(np.int64)
        index = np.arange(len(owner)) - start[owner] + np.asarray(skipped, np.int64)[owner]
        flat = [entry for own in kept for entry in own]
        covers, vectors, rows = [], [], None
        for begin in range(0, len(flat), ENTRY_CHUNK):
            encoded = self.encoder.encode([_offer(t) for t in flat[begin : begin + ENTRY_CHUNK]])
            if encoded.covers is not None:
                covers.append(encoded.covers["offers"])
            else:  # an encoder with dense rows only: helps are compared by them
                vectors.append(encoded.offers)
            rows = _add_rows(rows, encoded.offers, owner[begin : begin + len(encoded)], len(kept))
        return _Entries(
            owner,
            index,
            start,
            _stacked(covers) if self.profiles.covers is not None else None,
            np.concatenate(vectors) if vectors else None,
            _at_most_unit(rows),
        )

    def rank(self, askers, texts, k: int, allowed, *, learning: bool) -> list[list[Helper]]:
        """The best `k` allowed helpers of each asker (positions), scored exactly, a
        batch of candidate pairs at a time (bounds the memory of a large organisation)."""
        self._report("candidates", 0.2)
        a, b = self._candidates(askers)  # sorted by asker
        keep = (b < len(self.people)) & (a != b)
        a, b = a[keep], b[keep]
        keep = allowed(a, b)
        a, b = a[keep], b[keep]
        found: dict[int, list[_Pick]] = {}
        for begin, end in _batches(a, PAIR_BATCH):
            self._report("scores", 0.4 + 0.4 * begin / max(len(a), 1))
            pa, pb = a[begin:end], b[begin:end]
            can = score_pairs(self.profiles, attributes(self.everyone), pb, pa).teach_ab
            share, entry_pair, entry = self._entry_shares(pa, pb)
            found.update(_best(pa, pb, can, entry_pair, entry, share, self, k))
        self._report("explanations", 0.8)
        result = []
        for done, (asker, text) in enumerate(zip(askers.tolist(), texts, strict=True)):
            need = [phrase for part in dict.fromkeys(text) for phrase in split_phrases(part)]
            result.append([self._helper(need, pick, learning) for pick in found.get(asker, ())])
            if done % 1000 == 0:
                self._report("explanations", 0.8 + 0.2 * done / len(askers))
        self._report("done", 1.0)
        return result

    def _candidates(self, askers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(asker, helper) pairs, unique: each asker's nearest helpers by learning and
        interest against offer, interest and what they helped with."""
        n, profiles = len(self.people), self.profiles
        keys = [profiles.offers, profiles.interest, self.entries.rows]
        found_a, found_b = [], []
        for query_kind in ("wants", "interest"):
            queries = profiles.matrix(query_kind)[askers]
            for key_rows in keys:
                if key_rows is None:
                    continue
                rows, cols, _ = top_k(
                    queries,
                    key_rows[:n],
                    self.config.candidates,
                    exclude_self=False,
                    seed=self.config.seed,
                )
                found_a.append(askers[rows])
                found_b.append(cols)
        width = len(self.everyone)
        codes = np.unique(np.concatenate(found_a) * width + np.concatenate(found_b))
        return codes // width, codes % width

    def _entry_shares(self, a: np.ndarray, b: np.ndarray):
        """For every candidate pair's entries: (the share of the asker's need each covers,
        the pair it belongs to, the entry), the need being the better of what the
        asker is learning and what they work on, each against its own weight."""
        start = self.entries.start
        counts = start[b + 1] - start[b]
        pair = np.repeat(np.arange(len(a)), counts)
        entry = np.arange(len(pair)) - np.repeat(np.cumsum(counts) - counts, counts)
        entry += start[b][pair]
        share = np.zeros(len(pair), np.float32)
        for begin in range(0, len(pair), PAIR_CHUNK):
            part = slice(begin, begin + PAIR_CHUNK)
            share[part] = self._shares(entry[part], a[pair[part]])
        return share, pair, entry

    def _shares(self, entries: np.ndarray, askers: np.ndarray) -> np.ndarray:
        """The share of each asker's need each entry covers, against the need's own weight
        (the most any cover reaches): the better of what they learn and work on."""
        best = np.zeros(len(entries), np.float32)
        for kind in NEED_KINDS if self.entries.covers is not None else DENSE_NEED_KINDS:
            if self.entries.covers is not None:
                needs = self.profiles.needs[kind]
                covered = coverage(self.entries.covers, entries, needs, askers)
                ceiling = needs.weights.sum(axis=1)[askers]
            else:
                need = self.profiles.matrix(kind)[askers]
                covered = np.einsum("ij,ij->i", self.entries.vectors[entries], need)
                ceiling = np.einsum("ij,ij->i", need, need)
            ratio = np.divide(covered, ceiling, out=np.zeros_like(covered), where=ceiling > 0)
            np.maximum(best, np.clip(ratio, 0, 1), out=best)
        return best

    def _helper(self, need: list[str], pick: _Pick, learning: bool) -> Helper:
        helper = self.people[pick.helper]
        index = self.entries.index
        evidence = tuple(int(index[j]) for j in pick.entries[:EVIDENCE_SHOWN])
        return Helper(
            id=helper.id,
            score=round(pick.score, 6),
            explanation=helper_reason(
                helper, need, len(pick.entries), pick.can, evidence, self.profiles, learning
            ),
            evidence=evidence,
        )


def _offer(text: str) -> Person:
    """A help as an offer, so it is encoded (and compared with needs) as one."""
    return replace(_asker(0, ""), id="\x00help", learning="", working_on="", can_help_with=text)


def _stacked(sketches: list[Sketch]) -> Sketch:
    if not sketches:
        return Sketch(np.zeros((0, 1), np.int32), np.zeros((0, 1), np.float32))
    return Sketch(
        np.concatenate([s.ids for s in sketches]), np.concatenate([s.weights for s in sketches])
    )


def _add_rows(total, rows, owner, n) -> np.ndarray | None:
    """Add the entries' dense rows into one row per helper (for the candidate search)."""
    if rows is None:
        return total
    total = np.zeros((n, rows.shape[1]), np.float32) if total is None else total
    np.add.at(total, owner, rows)
    return total


def _at_most_unit(rows: np.ndarray | None) -> np.ndarray | None:
    """Rows longer than 1 scaled to 1, so many helps do not outweigh a precise offer."""
    if rows is not None:
        rows /= np.maximum(np.linalg.norm(rows, axis=1), 1)[:, None]
    return rows


@dataclass(frozen=True)
class _Pick:
    """One chosen helper of one asker."""

    helper: int
    score: float
    can: float
    entries: np.ndarray  # matching entries (positions in `_Entries`), strongest first


def _batches(a: np.ndarray, size: int):
    """(begin, end) ranges of about `size` pairs of the sorted `a`, never splitting an asker."""
    begin = 0
    while begin < len(a):
        end = min(begin + size, len(a))
        if end < len(a):
            end = int(np.searchsorted(a, a[end - 1], side="right"))
        yield begin, end
        begin = end


def _best(a, b, can, entry_pair, entry, share, search: _Search, k: int):
    """{asker: their best `k` helpers} for the askers of these pairs (with any)."""
    config = search.config
    floor = config.match_at if search.entries.covers is not None else config.dense_match_at
    counted = np.where(share >= floor, share, 0).astype(np.float64)
    weight = counted / (counted + config.half_match)
    helps = np.bincount(entry_pair, weights=weight, minlength=len(a))
    topical = can + config.evidence * helps / (helps + config.half_helps)
    matching = entry_pair[counted > 0], entry[counted > 0], share[counted > 0]
    order = np.lexsort((-matching[2], matching[0]))
    by_pair = dict(_runs(matching[0][order], matching[1][order]))
    order = np.lexsort((-topical, a))
    found = {}
    for asker, rows in _runs(a[order], order):
        rows = rows[topical[rows] > 0]
        if not len(rows):
            continue
        best = float(topical[rows].max())
        scores = topical[rows] / best + config.prior * search.activity[b[rows]]
        ranked = rows[np.lexsort((b[rows], -scores))][:k]
        found[asker] = [
            _Pick(
                helper=int(b[r]),
                score=float(topical[r] / best + config.prior * search.activity[b[r]]),
                can=float(can[r]),
                entries=by_pair.get(int(r), np.zeros(0, np.int64)),
            )
            for r in ranked
        ]
    return found


def _runs(keys: np.ndarray, values: np.ndarray):
    """(key, values) for each run of equal keys in `keys` (sorted)."""
    if not len(keys):
        return
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    for s, e in zip(starts, ends, strict=True):
        yield int(keys[s]), values[s:e]
