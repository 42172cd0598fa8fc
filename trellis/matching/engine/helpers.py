"""Who can help with this: the people best able to help someone, each with a reason.

Not mutual recommendations: this ranking is one way, from the asker's need to
the helper's ability, and it weighs what the helper has *done* as well as what
they say. For an asker a (their `learning` and `working_on`, or a loose text such
as a post) and a helper h:

- `can`       teach(h -> a) as rounds score it: how much of what a asks for h's
              `can_help_with` and work cover (the encoder's covers and needs).
- `helped`    demonstrated help on *this* need: each of h's `helped_with`
              entries is compared with a's need phrases through the encoder's
              `text_similarity`; an entry at least `HelperConfig.match_at` alike
              counts as one matching help (weighted by how alike, up to 1).
              `m` matching helps give `m / (m + half_at)`: 3 count more than 1,
              30 not ten times more. Helps on X never count for Y.
- `topical`   `can + evidence * helped`; below `min_score` nobody is listed,
              however active.
- `score`     `topical + prior * activity`, where activity is log(1 + all of
              h's helps), scaled so the most active helper has 1: a bounded
              nudge towards people who do help, never a reason on its own.

Candidates are found as rounds find them (nearest neighbours on the dense rows:
the asker's learning and interest against each helper's offer, interest and
a row of everything they helped with), so the work stays near-linear in the
number of people; only candidates are scored exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from trellis.matching.engine.candidates import top_k
from trellis.matching.engine.constraints import Constraints
from trellis.matching.engine.encoders import Encoder, Profiles
from trellis.matching.engine.fit import fresh_encoder
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import attributes, score_pairs
from trellis.text.normalise import split_phrases

Progress = Callable[[str, float], None]
EVIDENCE_SHOWN = 20  # entry indices kept per helper, strongest first
SHORT_WORDS = 6  # a phrase this short is quoted as written in an explanation


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

    - `candidates`: helpers searched per asker in each of the searches before
      exact scoring.
    - `evidence`: weight of demonstrated, topical help against `can` (in [0, 1]).
    - `prior`: weight of the global activity prior (in [0, 1]); bounded, and it
      only reorders people already listed on topical grounds.
    - `match_at`: how alike an entry and a need phrase must be for the entry to
      count as a help on that need; `full_at`: how alike for it to count fully.
    - `half_at`: matching helps at which `helped` reaches one half.
    - `min_score`: topical score below which nobody is listed.
    """

    candidates: int = 30
    evidence: float = 1.0
    prior: float = 0.1
    match_at: float = 0.15
    full_at: float = 0.4
    half_at: float = 2.0
    min_score: float = 0.05
    seed: int = 0

    def __post_init__(self):
        for name in ("evidence", "prior", "match_at", "full_at", "half_at", "min_score"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name!r} must be a number >= 0, got {value!r}")
        if self.candidates < 1:
            raise ValueError(f"'candidates' must be at least 1, got {self.candidates!r}")
        if self.half_at <= 0:
            raise ValueError("'half_at' must be above 0")


@dataclass(frozen=True)
class _Need:
    """What one asker asks for: phrases to compare helps with, and who to leave out."""

    position: int  # in the profiles
    phrases: tuple[str, ...]
    learning: bool  # whether the phrases come from what they are learning (for the wording)


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
    wanted = [position[i] for i in (for_ids if for_ids is not None else position)]
    if not wanted:
        return {}
    profiles = _encode(people, [], encoder, config)
    needs = [_person_need(people[q], q) for q in wanted]
    constraints = Constraints(people, blocked)
    closed = _closed(people, unavailable)

    def allowed(asker: np.ndarray, helper: np.ndarray) -> np.ndarray:
        return constraints.allowed(asker, helper, capacity=False) & ~closed[helper]

    ranked = _rank(people, len(people), profiles, needs, k, config, allowed, progress)
    return {people[q].id: found for q, found in zip(wanted, ranked, strict=True)}


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
    reporting chain, say); `unavailable` and people who have not opted in are
    never returned.
    """
    people = list(people)
    queries = list(queries)
    if exclude is not None and len(exclude) != len(queries):
        raise ValueError(f"exclude has {len(exclude)} entries for {len(queries)} queries")
    if not queries:
        return []
    askers = [_text_person(i, text) for i, text in enumerate(queries)]
    profiles = _encode(people, askers, encoder, config)
    n = len(people)
    needs = [_Need(n + i, _need_phrases(text), learning=False) for i, text in enumerate(queries)]
    position = {p.id: i for i, p in enumerate(people)}
    excluded = {
        (n + i, position[pid])
        for i, ids in enumerate(exclude or ())
        for pid in ids
        if pid in position
    }
    closed = _closed(people, unavailable)

    def allowed(asker: np.ndarray, helper: np.ndarray) -> np.ndarray:
        keep = ~closed[helper]
        if excluded:
            keep &= np.array([(a, h) not in excluded for a, h in zip(asker, helper, strict=True)])
        return keep

    everyone = [*people, *askers]
    return _rank(everyone, n, profiles, needs, k, config, allowed, None)


def _text_person(i: int, text: str) -> Person:
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


def _encode(
    people: list[Person], askers: list[Person], encoder: Encoder | None, config: HelperConfig
) -> Profiles:
    """People and extra askers encoded with one fit on the people only (what is known)."""
    encoder = encoder or fresh_encoder()
    return encoder.fit(people).encode([*people, *askers])


def _need_phrases(*texts: str) -> tuple[str, ...]:
    """The phrases of a need: each statement whole, and each phrase of a listed one."""
    found: dict[str, None] = {}
    for text in texts:
        if not text.strip():
            continue
        found[text.strip()] = None
        phrases = split_phrases(text)
        if len(phrases) > 1:
            found.update(dict.fromkeys(phrases))
    return tuple(found)


def _person_need(person: Person, position: int) -> _Need:
    return _Need(
        position,
        _need_phrases(person.learning, person.working_on),
        learning=bool(person.learning.strip()),
    )


def _closed(people: Sequence[Person], unavailable: Iterable[str]) -> np.ndarray:
    """Who may not be returned at all: unavailable, or not opted in."""
    gone = set(unavailable)
    return np.fromiter(
        (p.id in gone or not p.opted_in for p in people), dtype=bool, count=len(people)
    )


def _activity(people: Sequence[Person]) -> np.ndarray:
    """log(1 + helps), the most active helper at 1 (all 0 when nobody has helped)."""
    counts = np.fromiter((len(p.helped_with) for p in people), dtype=np.float64, count=len(people))
    top = counts.max(initial=0.0)
    return np.log1p(counts) / np.log1p(top) if top > 0 else counts


def _candidates(
    people: Sequence[Person], profiles: Profiles, needs: Sequence[_Need], config: HelperConfig
) -> tuple[np.ndarray, np.ndarray]:
    """(asker, helper) position pairs: each asker's nearest helpers by learning and
    interest against offer, interest and what they helped with."""
    n = len(people)
    queries = np.array([need.position for need in needs], dtype=np.int64)
    helped = _helped_rows(people, profiles)
    keys = [profiles.offers, profiles.interest, helped]
    found_a, found_b = [], []
    for query_kind in ("wants", "interest"):
        query_rows = profiles.matrix(query_kind)[queries]
        for key_rows in keys:
            if key_rows is None:
                continue
            rows, cols, _ = top_k(
                query_rows, key_rows[:n], config.candidates, exclude_self=False, seed=config.seed
            )
            found_a.append(queries[rows])
            found_b.append(cols)
    a = np.concatenate(found_a).astype(np.int64)
    b = np.concatenate(found_b).astype(np.int64)
    width = len(profiles)
    keys_ab = np.unique(a * width + b)
    return keys_ab // width, keys_ab % width


def _helped_rows(people: Sequence[Person], profiles: Profiles) -> np.ndarray | None:
    """One dense row per person: everything they helped with, read as one text."""
    if profiles.encode_texts is None or not any(p.helped_with for p in people):
        return None
    return profiles.encode_texts(["\n".join(p.helped_with) for p in people])


@dataclass(frozen=True)
class _Scored:
    """One candidate helper of one asker, scored."""

    helper: int  # position
    score: float
    can: float
    helps: float  # matching helps, each weighted by how alike (up to 1)
    matching: int  # how many entries match
    evidence: tuple[int, ...]  # matching entries, strongest first
    phrase: int  # the need phrase the strongest matching entry matched (-1: none)


def _rank(everyone, n, profiles, needs, k, config, allowed, progress) -> list[list[Helper]]:
    """The best `k` allowed helpers of every need, scored exactly among the candidates."""
    if progress:
        progress("helpers", 0.0)
    a, b = _candidates(everyone[:n], profiles, needs, config)
    keep = (a != b) & (b < n)
    a, b = a[keep], b[keep]
    keep = allowed(a, b)
    a, b = a[keep], b[keep]
    can = score_pairs(profiles, attributes(everyone), b, a, threads=1).teach_ab
    activity = _activity(everyone[:n])
    order = np.argsort(a, kind="stable")
    starts = np.searchsorted(a[order], [need.position for need in needs])
    ends = np.searchsorted(a[order], [need.position for need in needs], side="right")
    result = []
    for done, need in enumerate(needs):
        rows = order[starts[done] : ends[done]]
        scored = _score_need(everyone, need, b[rows], can[rows], activity, profiles, config)
        scored.sort(key=lambda s: (-s.score, s.helper))
        result.append([_helper(everyone, need, s, profiles) for s in scored[:k]])
        if progress and done % 256 == 0:
            progress("helpers", done / len(needs))
    if progress:
        progress("helpers", 1.0)
    return result


def _score_need(everyone, need, helpers, can, activity, profiles, config) -> list[_Scored]:
    """Exact scores of one asker's candidate helpers; those below `min_score` dropped."""
    entries = [everyone[h].helped_with for h in helpers.tolist()]
    similarity, best_phrase = _entry_similarity(need.phrases, entries, profiles)
    scored = []
    offset = 0
    for h, teach, own in zip(helpers.tolist(), can.tolist(), entries, strict=True):
        sims = similarity[offset : offset + len(own)]
        phrases = best_phrase[offset : offset + len(own)]
        offset += len(own)
        matching = np.flatnonzero(sims >= config.match_at)
        weight = np.minimum(sims[matching] / max(config.full_at, 1e-9), 1.0)
        helps = float(weight.sum())
        topical = teach + config.evidence * helps / (helps + config.half_at)
        if topical < config.min_score:
            continue
        strongest = matching[np.argsort(-sims[matching], kind="stable")]
        scored.append(
            _Scored(
                helper=h,
                score=topical + config.prior * float(activity[h]),
                can=teach,
                helps=helps,
                matching=len(matching),
                evidence=tuple(int(i) for i in strongest[:EVIDENCE_SHOWN]),
                phrase=int(phrases[strongest[0]]) if len(strongest) else -1,
            )
        )
    return scored


def _entry_similarity(
    phrases: Sequence[str], entries: Sequence[Sequence[str]], profiles: Profiles
) -> tuple[np.ndarray, np.ndarray]:
    """For every entry (flattened, in order): its similarity with the need phrase most
    like it, and which phrase that is."""
    flat = [entry for own in entries for entry in own]
    if not flat or not phrases:
        return np.zeros(len(flat), np.float32), np.full(len(flat), -1, np.int64)
    similarity = _similarity(list(phrases), flat, profiles)
    return similarity.max(axis=0), similarity.argmax(axis=0)


def _similarity(left: list[str], right: list[str], profiles: Profiles) -> np.ndarray:
    if profiles.text_similarity is not None:
        return np.asarray(profiles.text_similarity(left, right), dtype=np.float32)
    if profiles.encode_texts is None:
        return np.zeros((len(left), len(right)), np.float32)
    vectors = profiles.encode_texts([*left, *right])
    return np.clip(vectors[: len(left)] @ vectors[len(left) :].T, 0, 1)


# Explanations.


def _helper(everyone, need: _Need, scored: _Scored, profiles: Profiles) -> Helper:
    helper = everyone[scored.helper]
    return Helper(
        id=helper.id,
        score=round(scored.score, 6),
        explanation=_explanation(helper, need, scored, profiles),
        evidence=scored.evidence,
    )


def _explanation(helper: Person, need: _Need, scored: _Scored, profiles: Profiles) -> str:
    """ "Helped 3 people with Terraform; can help with Terraform, which you are learning."."""
    parts = []
    if scored.matching:
        entry = helper.helped_with[scored.evidence[0]]
        phrase = need.phrases[scored.phrase]
        what = _named(phrase, entry, profiles)
        people = "1 person" if scored.matching == 1 else f"{scored.matching} people"
        parts.append(f"Helped {people} with {what}")
    if scored.can >= 0.05:
        what = _what_they_offer(helper, need, profiles)
        if what:
            which = "which you are learning" if need.learning else "which this is about"
            parts.append(f"can help with {what}, {which}")
    if not parts:
        parts.append("works on related problems")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def _named(phrase: str, entry: str, profiles: Profiles) -> str:
    """A topic both the need and the help name, else the need in the asker's words
    when short, else the help in the helper's."""
    if profiles.topics_of is not None:
        shared = [t for t in profiles.topics_of(phrase) if t in set(profiles.topics_of(entry))]
        if shared:
            return profiles.topic_names.get(shared[0], shared[0])
    for text in (phrase, entry):
        if len(text.split()) <= SHORT_WORDS:
            return text.strip()
    return f'"{_shortened(entry)}"'


def _what_they_offer(helper: Person, need: _Need, profiles: Profiles) -> str | None:
    offered = [*split_phrases(helper.can_help_with), *split_phrases(helper.working_on)]
    if not offered or not need.phrases:
        return None
    similarity = _similarity(list(need.phrases), offered, profiles)
    i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    if similarity[i, j] <= 0:
        return None
    return _named(need.phrases[i], offered[j], profiles)


def _shortened(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("..." if len(parts) > words else "")
