"""Rounds and on-demand recommendations, end to end.

This is the engine's public entry point: the web app (through a selector that
turns members into `Person` records), `trellis match` and the benchmarks call
`run_round` and `recommend`, and nothing else. The stages:

1. encode   statements -> vectors (`encoders`), fitted on these people's own text;
2. candidates  near-linear top-k neighbours by shared interest and by teaching
            both ways (`candidates`);
3. filter   hard constraints (`constraints`): opted in, not in each other's
            reporting chain, not blocked (active relationship, recent decline,
            dismissal);
4. score    teach / shared / mutual / diversity (`scores`); no shared interest -> 0;
5. assign   coverage-first, capacity-fair b-matching with a proven bound (`assignment`);
6. explain  words for each chosen pair (`explain`); the round's figures come
            from `metrics`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from trellis.matching.engine.assignment import assign
from trellis.matching.engine.assignment.problem import index_type
from trellis.matching.engine.candidates import candidate_pairs, top_k
from trellis.matching.engine.constraints import Constraints
from trellis.matching.engine.encoders import Encoder, Profiles
from trellis.matching.engine.encoders.registry import DEFAULT_ENCODER, make_encoder
from trellis.matching.engine.explain import explain
from trellis.matching.engine.explain import prepare as prepare_explanations
from trellis.matching.engine.metrics import assigned_metrics
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import PairScores, Weights, attributes, score_pairs

Progress = Callable[[str, float], None]
SMALL_ORGANISATION = 20_000
LARGE_ORGANISATION = 250_000
EXPLAIN_BATCH = 50_000  # pairs whose phrases are read in one go (bounds the phrase memory)


@dataclass(frozen=True)
class RoundConfig:
    """How a round is run; every field has a default an organiser may change."""

    weights: Weights = field(default_factory=Weights)
    candidates_per_member: int = 20
    exclude_siblings: bool = False
    seed: int = 0

    def candidates_for(self, members: int) -> int:
        """Partners searched per member and role: `candidates_per_member`, halved (to
        at least 5) above LARGE_ORGANISATION members, where the pairs it adds change
        the result little and would double the assignment's memory. The metrics
        say how many were searched."""
        if members <= LARGE_ORGANISATION:
            return self.candidates_per_member
        return max(min(self.candidates_per_member, 5), self.candidates_per_member // 2)


@dataclass(frozen=True)
class PairResult:
    """One scored, explained pair (a round's pair or a considered candidate)."""

    a: str
    b: str
    score: float
    shared: float
    teach_ab: float
    teach_ba: float
    diversity: float
    explanation: str


@dataclass(frozen=True)
class Recommendation:
    """Someone one member might meet, best first, with why."""

    id: str
    score: float
    explanation: str


class ScoredPairs:
    """Scored candidate pairs, explained only when read (explaining millions is slow)."""

    def __init__(self, people, profiles, a, b, scores: PairScores):
        self._people, self._profiles = people, profiles
        self.a, self.b, self.scores = a, b, scores

    def __len__(self) -> int:
        return len(self.a)

    @property
    def profiles(self) -> Profiles:
        """The encoding the pairs were scored with (the round's yardstick)."""
        return self._profiles

    def __iter__(self) -> Iterator[PairResult]:
        for k in range(len(self.a)):
            yield self.result(k)

    def result(self, k: int, *, viewer: str | None = None) -> PairResult:
        pa, pb = self._people[self.a[k]], self._people[self.b[k]]
        pair = self.scores.pair(k)
        return PairResult(
            a=pa.id,
            b=pb.id,
            score=round(pair.score, 6),
            shared=round(pair.shared, 6),
            teach_ab=round(pair.teach_ab, 6),
            teach_ba=round(pair.teach_ba, 6),
            diversity=round(pair.diversity, 6),
            explanation=explain(pa, pb, self._profiles, pair, viewer=viewer),
        )


@dataclass
class RoundResult:
    """A round's pairs, the candidates it considered, and how good it is."""

    pairs: list[PairResult]
    candidates: ScoredPairs | list[PairResult]
    metrics: dict[str, float | int | dict] = field(default_factory=dict)
    # Per person (in input order): partners the search found that the hard rules allow,
    # and of those, partners with a score above zero (what `unpaired_reasons` reads).
    allowed_partners: np.ndarray | None = None
    scored_partners: np.ndarray | None = None


# Why a person is in no pair of a round (`unpaired_reasons`), most basic first.
NOT_OPTED_IN = "not_opted_in"  # paused, or not open to peer learning
NO_CAPACITY = "no_capacity"  # no free capacity: every relationship slot in use
HARD_RULES = "hard_rules"  # every partner found is kept apart from them by a hard rule
NO_SHARED = "no_shared"  # nobody found shares a problem or interest with them
TAKEN = "taken"  # they had possible partners, who were paired with others


def unpaired_reasons(people: Sequence[Person], result: RoundResult) -> dict[str, str]:
    """Why each person in no pair of `result` is unpaired: person id -> one of NOT_OPTED_IN,
    NO_CAPACITY, HARD_RULES, NO_SHARED, TAKEN (the first that applies, in that order).
    Without the partner counts (a stand-in engine), the last two read as TAKEN."""
    paired = {x for pair in result.pairs for x in (pair.a, pair.b)}
    reasons = {}
    for position, person in enumerate(people):
        if person.id in paired:
            continue
        if not person.opted_in:
            reasons[person.id] = NOT_OPTED_IN
        elif person.capacity <= 0:
            reasons[person.id] = NO_CAPACITY
        elif result.allowed_partners is not None and not result.allowed_partners[position]:
            reasons[person.id] = HARD_RULES
        elif result.scored_partners is not None and not result.scored_partners[position]:
            reasons[person.id] = NO_SHARED
        else:
            reasons[person.id] = TAKEN
    return reasons


class _Stages:
    """Reports progress as (stage, fraction of the whole run) and times each stage."""

    def __init__(self, progress: Progress | None, spans: dict[str, tuple[float, float]]):
        self.progress, self.spans = progress, spans
        self.timings: dict[str, float] = {}
        self._stage, self._started = "", time.perf_counter()

    def __call__(self, stage: str) -> Progress:
        now = time.perf_counter()
        if self._stage:
            self.timings[self._stage] = round(now - self._started, 3)
        self._stage, self._started = stage, now
        start, end = self.spans[stage]

        def report(_inner: str, fraction: float) -> None:
            if self.progress:
                self.progress(stage, start + (end - start) * min(max(fraction, 0.0), 1.0))

        report(stage, 0.0)
        return report

    def finish(self) -> dict[str, float]:
        self("done")
        return self.timings


_ROUND_SPANS = {
    "encode": (0.0, 0.25),
    "candidates": (0.25, 0.45),
    "score": (0.45, 0.55),
    "assign": (0.55, 0.9),
    "explain": (0.9, 1.0),
    "done": (1.0, 1.0),
}


def _encode(people: Sequence[Person], config: RoundConfig, encoder: Encoder | None) -> Profiles:
    encoder = encoder or make_encoder(DEFAULT_ENCODER, seed=config.seed)
    return encoder.fit(people).encode(people)


def _allowed_pairs(
    people: Sequence[Person], config: RoundConfig, blocked: Iterable[tuple[str, str]], a, b
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (a[k], b[k]) the hard constraints allow; capacity is left to the
    assignment (a round) or not needed (a recommendation is an invitation)."""
    constraints = Constraints(people, blocked, siblings=config.exclude_siblings)
    keep = constraints.allowed(a, b, capacity=False)
    return a[keep], b[keep]


def _blas_threads(n: int):
    """One BLAS thread for small organisations.

    OpenBLAS's threads cost more than they give on small matrices, and on a busy
    machine they spin: a 200-person fit took 8 s with two threads, 0.1 s with one.
    """
    return threadpool_limits(limits=1 if n < SMALL_ORGANISATION else None)


def run_round(
    people: Sequence[Person],
    *,
    config: RoundConfig = RoundConfig(),
    blocked: Iterable[tuple[str, str]] = (),
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> RoundResult:
    """Pair people for a round.

    `blocked` holds pairs (either order) that must not be suggested: active
    relationships, recent declines, dismissed suggestions. Reporting chains,
    opt-outs and capacities come from the people themselves.
    """
    people = list(people)
    with _blas_threads(len(people)):
        return _run_round(people, config, blocked, encoder, progress)


def _run_round(people, config, blocked, encoder, progress) -> RoundResult:
    stages = _Stages(progress, _ROUND_SPANS)
    n = len(people)
    report = stages("encode")
    profiles = _encode(people, config, encoder)
    report = stages("candidates")
    searched = config.candidates_for(n)
    a, b = candidate_pairs(
        profiles.interest,
        profiles.offers,
        profiles.wants,
        k=searched,
        seed=config.seed,
        progress=report,
    )
    profiles.drop_dense()
    a, b = _allowed_pairs(people, config, blocked, a, b)
    allowed_partners = _partner_counts(n, a, b)
    stages("score")
    scores = score_pairs(profiles, attributes(people), a, b, config.weights)
    positive = scores.score > 0
    index = index_type(n)  # half the memory of the pair list
    a, b = a[positive].astype(index), b[positive].astype(index)
    scored_partners = _partner_counts(n, a, b)
    scores = PairScores(**{k: v[positive] for k, v in vars(scores).items()})
    edge_weights = scores.score.astype(np.float64)
    if n > LARGE_ORGANISATION:
        # Explanations read phrases, not vectors, and the scores are only read
        # again pair by pair: at a million members this is the gigabyte and a half
        # the assignment's flow solver needs.
        profiles.drop_vectors()
        scores = _parked(scores)
    report = stages("assign")
    capacity = np.fromiter((p.capacity for p in people), dtype=np.int64, count=n)
    chosen = assign(
        n=n,
        a=a,
        b=b,
        w=edge_weights,
        capacity=capacity,
        seed=config.seed,
        progress=report,
    )
    del edge_weights
    stages("explain")
    candidates = ScoredPairs(people, profiles, a, b, scores)
    pairs = _explained(people, candidates, chosen.selected)
    timings = stages.finish()
    metrics = assigned_metrics(people, pairs, chosen, candidates=len(candidates))
    metrics["seconds"] = timings
    metrics["candidates_per_member"] = searched
    return RoundResult(
        pairs=pairs,
        candidates=candidates,
        metrics=metrics,
        allowed_partners=allowed_partners,
        scored_partners=scored_partners,
    )


def _partner_counts(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many of the pairs (a[k], b[k]) each of n people is in (int32: 4 bytes a person;
    two counts rather than one over both lists, which would copy every pair)."""
    counts = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    return counts.astype(np.int32)


def _explained(
    people: Sequence[Person], candidates: ScoredPairs, selected: np.ndarray
) -> list[PairResult]:
    """The `selected` candidates as explained pairs, their people read a batch at a time."""
    profiles, a, b = candidates.profiles, candidates.a, candidates.b
    pairs = []
    for start in range(0, len(selected), EXPLAIN_BATCH):
        batch = selected[start : start + EXPLAIN_BATCH]
        involved = np.unique(np.concatenate([a[batch], b[batch]]))
        prepare_explanations([people[i] for i in involved], profiles)
        pairs += [candidates.result(int(k)) for k in batch]
    return pairs


def _parked(scores: PairScores) -> PairScores:
    """The same scores, moved out of memory into unlinked temporary files and mapped
    back read-only (the operating system pages in what is read and frees the files
    when the arrays go): 24 bytes a candidate pair, half a gigabyte at a million
    members, on disk under the temporary directory while the round runs."""
    if not len(scores):
        return scores
    parked = {}
    for name, values in vars(scores).items():
        with tempfile.TemporaryFile() as file:
            values.tofile(file)
            file.flush()
            parked[name] = np.memmap(file, dtype=values.dtype, mode="r", shape=values.shape)
    return PairScores(**parked)


def recommend(
    people: Sequence[Person],
    *,
    for_ids: Sequence[str] | None = None,
    k: int = 5,
    config: RoundConfig = RoundConfig(),
    blocked: Iterable[tuple[str, str]] = (),
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> dict[str, list[Recommendation]]:
    """The top `k` people for each of `for_ids` (everyone when None), best first.

    The same hard constraints as a round, except capacity: a recommendation is
    an invitation, not a slot. Explanations address the member they are for.
    """
    people = list(people)
    with _blas_threads(len(people)):
        return _recommend(people, for_ids, k, config, blocked, encoder, progress)


def _recommend(people, for_ids, k, config, blocked, encoder, progress):
    position = {p.id: i for i, p in enumerate(people)}
    wanted = [position[i] for i in (for_ids if for_ids is not None else position)]
    profiles = _encode(people, config, encoder)
    if progress:
        progress("recommend", 0.3)
    queries = np.asarray(wanted, dtype=np.int64)
    reach = max(3 * k, config.candidates_per_member)
    a, b = _neighbours(profiles, queries, reach, config.seed)
    a, b = _allowed_pairs(people, config, blocked, a, b)
    scores = score_pairs(profiles, attributes(people), a, b, config.weights)
    scored = ScoredPairs(people, profiles, a, b, scores)
    result: dict[str, list[Recommendation]] = {people[q].id: [] for q in wanted}
    order = np.lexsort((-scores.score, a))
    for q, rows in _groups(a[order], order):
        best = [r for r in rows if scores.score[r] > 0][:k]
        result[people[q].id] = [_recommendation(scored, int(r)) for r in best]
    if progress:
        progress("recommend", 1.0)
    return result


def _recommendation(scored: ScoredPairs, row: int) -> Recommendation:
    pair = scored.result(row, viewer="a")
    return Recommendation(id=pair.b, score=pair.score, explanation=pair.explanation)


def _neighbours(profiles: Profiles, queries: np.ndarray, k: int, seed: int):
    """Directed pairs (query, other) by shared interest and by teaching either way."""
    found_a, found_b = [], []
    for left, right in (("interest", "interest"), ("offers", "wants"), ("wants", "offers")):
        rows, cols, _ = top_k(
            profiles.matrix(left)[queries],
            profiles.matrix(right),
            k,
            exclude_self=False,
            seed=seed,
        )
        found_a.append(queries[rows])
        found_b.append(cols)
    a = np.concatenate(found_a).astype(np.int64)
    b = np.concatenate(found_b).astype(np.int64)
    # Unique pairs through one int64 key and a sort: np.unique(axis=0) is ~100x slower.
    keys = np.sort(a * len(profiles) + b)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // len(profiles), keys % len(profiles)


def _groups(sorted_keys: np.ndarray, rows: np.ndarray):
    """(key, rows) for each run of equal keys in `sorted_keys`."""
    if not len(sorted_keys):
        return
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], len(sorted_keys)]
    for s, e in zip(starts, ends, strict=True):
        yield int(sorted_keys[s]), rows[s:e].tolist()
