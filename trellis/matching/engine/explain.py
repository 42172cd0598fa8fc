"""Why two people were suggested to each other, in words a member can trust.

An explanation is a sentence or three, in this order:

1. the problem they share, quoted from their own statements ("You both work on
   Kubernetes upgrades."), or, when no topic names it, the two phrases that
   made the match;
2. what each can give the other ("Ana can help you with Terraform; you can
   help Ana with Go.");
3. what differs between them ("Ana comes from Design, you from Engineering.").

It uses names, never pronouns, and never mentions level or seniority. The same
inputs always give the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from trellis.matching.engine.encoders import STOP_WORDS, Profiles
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import PairScore
from trellis.text.normalise import fold, split_phrases

MENTION_AT = 0.05  # a part of the score below this is not worth a sentence
PHRASE_MATCH_AT = 0.1  # two phrases this similar explain a match no topic names
FIRST_PERSON = frozenset(
    ["i", "i'm", "i've", "i'd", "me", "my", "mine", "our", "ours", "we", "we're", "us"]
)
PEOPLE_REMEMBERED = 100_000  # people whose phrases are kept between pairs
INLINE_WORDS = 6
SHORT_WORDS = 4


@dataclass(frozen=True)
class _Phrase:
    text: str
    statement: str  # "working", "curious", "offers" or "wants"
    topics: tuple[str, ...]


def _phrases(person: Person, profiles: Profiles) -> tuple[_Phrase, ...]:
    """A person's phrases with their topics, remembered with the profiles: a person is
    in several pairs (and `prepare` reads them first)."""
    memory = profiles.memory.setdefault("phrases", {})
    found = memory.get(person.id)
    if found is None or found[0] is not person:
        if len(memory) >= PEOPLE_REMEMBERED:
            memory.clear()
        found = memory[person.id] = (person, _read_phrases(person, profiles.topics_of))
    return found[1]


def _read_phrases(person: Person, read: Callable[[str], tuple[str, ...]] | None):
    read = read or (lambda phrase: ())
    sources = [
        ("working", person.working_on),
        *(("working", post) for post in person.posts),
        ("curious", person.curious_about),
        ("offers", person.can_help_with),
        ("wants", person.learning),
    ]
    return tuple(
        _Phrase(phrase, statement, tuple(read(phrase)))
        for statement, text in sources
        for phrase in split_phrases(text)
    )


def prepare(people: Sequence[Person], profiles: Profiles) -> None:
    """Read every phrase of these people at once, before explaining many of their pairs:
    the encoder remembers each phrase's vector, and one batch is far cheaper than
    a small one per pair."""
    if profiles.text_similarity is None:
        return
    texts = [phrase.text for person in people for phrase in _phrases(person, profiles)]
    profiles.text_similarity(list(dict.fromkeys(texts)), [])


class _Voice:
    """Names and grammar for the two people, from the viewer's side."""

    def __init__(self, a: Person, b: Person, viewer: str | None):
        if viewer not in {"a", "b", None}:
            raise ValueError("viewer must be 'a', 'b' or None")
        first_a, first_b = _first_name(a), _first_name(b)
        if fold(first_a) == fold(first_b):
            first_a, first_b = a.name.strip() or a.id, b.name.strip() or b.id
        self.names = {"a": first_a, "b": first_b}
        self.viewer = viewer

    def subject(self, side: str) -> str:
        return "you" if side == self.viewer else self.names[side]

    def object(self, side: str) -> str:
        return self.subject(side)

    def verb(self, side: str, third: str, second: str) -> str:
        return second if side == self.viewer else third

    def possessive(self, side: str) -> str:
        return "your" if side == self.viewer else f"{self.names[side]}'s"

    def other(self, side: str) -> str:
        return "b" if side == "a" else "a"

    def first(self) -> str:
        """Whose side a sentence about both starts from: the person the viewer is shown."""
        return "b" if self.viewer == "a" else "a"


def _first_name(person: Person) -> str:
    parts = person.name.split()
    return parts[0] if parts else person.id


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _inline(phrase: str) -> bool:
    words = phrase.split()
    return len(words) <= INLINE_WORDS and not any(
        fold(w.strip(".,!?\"'()")) in FIRST_PERSON for w in words
    )


def _as_written(phrase: str) -> str:
    """The phrase mid-sentence: "Migrating X" reads "migrating X"; names keep capitals."""
    phrase = phrase.strip().rstrip(".!")
    first = phrase.split()[0] if phrase.split() else ""
    if (
        first[:1].isupper()
        and first[1:].islower()
        and (first.endswith("ing") or fold(first) in STOP_WORDS)
    ):
        return phrase[:1].lower() + phrase[1:]
    return phrase


def _topic_name(slug: str, profiles: Profiles) -> str:
    return profiles.topic_names.get(slug, slug)


def _what_shared(voice: _Voice, slug: str, by_side: dict, profiles: Profiles) -> str:
    """The shared problem: a short phrase as written, else the topic and their words."""
    shown = voice.first()
    quoted = [shown] if voice.viewer is not None else ["a", "b"]
    texts = [by_side[side].text.strip() for side in quoted]
    if (
        all(_inline(t) and len(t.split()) <= SHORT_WORDS for t in texts)
        and len({fold(t) for t in texts}) == 1
    ):
        return _as_written(texts[0])
    quotes = "; ".join(f'{voice.names[side]}: "{t}"' for side, t in zip(quoted, texts, strict=True))
    return f"{_topic_name(slug, profiles)} ({quotes})"


def _best_topic(
    candidates: Sequence[tuple[int, str]], profiles: Profiles
) -> tuple[int, str] | None:
    """The most telling shared topic: the lowest rank first, then the most specific."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], -profiles.topic_weight.get(c[1], 0.0), c[1]))


_SHARED_RANK = {("working", "working"): 0, ("working", "curious"): 1, ("curious", "working"): 1}


def _shared_sentence(voice: _Voice, phrases: dict, profiles: Profiles) -> str | None:
    shown, other = voice.first(), voice.other(voice.first())
    found = []
    for p in phrases[shown]:
        for q in phrases[other]:
            rank = _SHARED_RANK.get((p.statement, q.statement), 2)
            if p.statement in {"working", "curious"} and q.statement in {"working", "curious"}:
                found += [(rank, slug, p, q) for slug in p.topics if slug in q.topics]
    best = _best_topic([(rank, slug) for rank, slug, _, _ in found], profiles)
    if best is not None:
        rank, slug, p, q = next(f for f in found if (f[0], f[1]) == best)
        what = _what_shared(voice, slug, {shown: p, other: q}, profiles)
        return _shared_words(voice, shown, p, other, q, what)
    return _shared_by_wording(voice, phrases, profiles)


def _shared_words(voice: _Voice, shown: str, p: _Phrase, other: str, q: _Phrase, what: str):
    if p.statement == q.statement == "working":
        return f"{_both(voice)} work on {what}."
    if p.statement == q.statement:
        return f"{_both(voice, are=True)} curious about {what}."
    worker, curious = (shown, other) if p.statement == "working" else (other, shown)
    works = voice.verb(worker, "works", "work")
    is_curious = voice.verb(curious, "is", "are")
    return (
        f"{_sentence(voice.subject(worker))} {works} on {what}, "
        f"which {voice.subject(curious)} {is_curious} curious about."
    )


def _both(voice: _Voice, *, are: bool = False) -> str:
    if voice.viewer is not None:
        return "You are both" if are else "You both"
    names = f"{voice.names['a']} and {voice.names['b']}"
    return f"{names} are both" if are else f"{names} both"


def _shared_by_wording(
    voice: _Voice, phrases: dict, profiles: Profiles, at: float = PHRASE_MATCH_AT
) -> str | None:
    """No topic in common: quote the two most similar phrases about their work."""
    pair = _closest(
        [p for p in phrases["a"] if p.statement in {"working", "curious"}],
        [q for q in phrases["b"] if q.statement in {"working", "curious"}],
        profiles,
        at,
    )
    if pair is None:
        return None
    by_side = {"a": pair[0], "b": pair[1]}
    shown, other = voice.first(), voice.other(voice.first())
    parts = []
    for side in (shown, other):
        phrase = by_side[side]
        verb = "work on" if phrase.statement == "working" else "are curious about"
        if side != voice.viewer:
            verb = "works on" if phrase.statement == "working" else "is curious about"
        parts.append(f'{voice.subject(side)} {verb} "{phrase.text.strip()}"')
    return _sentence(f"{parts[0]}; {parts[1]}.")


def _closest(left: list[_Phrase], right: list[_Phrase], profiles: Profiles, at=PHRASE_MATCH_AT):
    """The most similar pair of phrases, if at least `at` alike."""
    if not left or not right:
        return None
    if profiles.text_similarity is not None:
        similarity = profiles.text_similarity([p.text for p in left], [q.text for q in right])
    elif profiles.encode_texts is not None:
        vectors = profiles.encode_texts([p.text for p in left + right])
        similarity = vectors[: len(left)] @ vectors[len(left) :].T
    else:
        return None
    i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    if similarity[i, j] <= at:
        return None
    return left[i], right[j]


def _what_helps(giver: list[_Phrase], taker: list[_Phrase], profiles: Profiles) -> str | None:
    """What the giver can help the taker with: a topic (in the taker's own words when
    short), else the taker's learning phrase closest to what the giver offers."""
    ranks = {("offers", "wants"): 0, ("offers", "working"): 1, ("working", "wants"): 2}
    found = [
        (ranks[(p.statement, q.statement)], slug, p, q)
        for q in taker
        for p in giver
        if (p.statement, q.statement) in ranks
        for slug in p.topics
        if slug in q.topics
    ]
    best = _best_topic([(rank, slug) for rank, slug, _, _ in found], profiles)
    if best is not None:
        _, slug, p, q = next(f for f in found if (f[0], f[1]) == best)
        for phrase in (q.text.strip(), p.text.strip()):
            if _inline(phrase) and len(phrase.split()) <= SHORT_WORDS:
                return _as_written(phrase)
        return _topic_name(slug, profiles)
    offered = [p for p in giver if p.statement in {"offers", "working"}]
    pair = _closest(offered, [q for q in taker if q.statement == "wants"], profiles)
    if pair is None:
        return None
    wanted = pair[1].text.strip()
    return _as_written(wanted) if _inline(wanted) else f'"{wanted}"'


def _teaching_sentence(voice: _Voice, phrases: dict, profiles, score: PairScore) -> str | None:
    shown, other = voice.first(), voice.other(voice.first())
    teach = {("a", "b"): score.teach_ab, ("b", "a"): score.teach_ba}
    parts = []
    for giver, taker in ((shown, other), (other, shown)):
        if teach[(giver, taker)] < MENTION_AT:
            continue
        what = _what_helps(phrases[giver], phrases[taker], profiles)
        if what is not None:
            parts.append(f"{voice.subject(giver)} can help {voice.object(taker)} with {what}")
    return _sentence("; ".join(parts) + ".") if parts else None


def _differences_sentence(voice: _Voice, a: Person, b: Person) -> str | None:
    people = {"a": a, "b": b}
    shown, other = voice.first(), voice.other(voice.first())
    x, y = people[shown], people[other]
    sentences = []
    if x.discipline.strip() and y.discipline.strip() and fold(x.discipline) != fold(y.discipline):
        sentences.append(
            f"{_sentence(voice.subject(shown))} {voice.verb(shown, 'comes', 'come')} from "
            f"{x.discipline.strip()}, {voice.subject(other)} from {y.discipline.strip()}."
        )
    elif x.team.strip() and y.team.strip() and fold(x.team) != fold(y.team):
        sentences.append(
            f"{_sentence(voice.subject(shown))} {voice.verb(shown, 'is', 'are')} in "
            f"{x.team.strip()}, {voice.subject(other)} in {y.team.strip()}."
        )
    tags_x = {fold(t): t.strip() for t in x.background if t.strip()}
    tags_y = {fold(t): t.strip() for t in y.background if t.strip()}
    if tags_x and tags_y and not set(tags_x) & set(tags_y):
        yours = "yours" if other == voice.viewer else f"{voice.names[other]}'s"
        sentences.append(
            f"{_sentence(voice.possessive(shown))} background is {_listed(tags_x.values())}; "
            f"{yours} is {_listed(tags_y.values())}."
        )
    return " ".join(sentences) or None


def _listed(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def explain(
    person_a: Person,
    person_b: Person,
    profiles: Profiles,
    score: PairScore,
    *,
    viewer: str | None = None,
) -> str:
    """A sentence or three on why a and b were suggested, from `viewer`'s side.

    `viewer` is "a" or "b" to address that person as "you", or None to name
    both ("Ana and Ben both work on ..."). `profiles` gives the topic reader
    and names (any Profiles from the same encoder; the people need not be in it).
    """
    voice = _Voice(person_a, person_b, viewer)
    phrases = {"a": _phrases(person_a, profiles), "b": _phrases(person_b, profiles)}
    parts = []
    if score.shared >= MENTION_AT:
        parts.append(_shared_sentence(voice, phrases, profiles))
    parts.append(_teaching_sentence(voice, phrases, profiles, score))
    if not any(parts):  # the score saw something: name the closest wording there is
        parts.append(
            _shared_by_wording(voice, phrases, profiles, at=0.0)
            or f"{_both(voice)} wrote about related work."
        )
    parts.append(_differences_sentence(voice, person_a, person_b))
    return " ".join(p for p in parts if p)


# Why someone could help (the helpers ranking's reasons).

HELP_QUOTED_WORDS = 8  # a help this short is quoted whole


def helper_reason(
    helper: Person,
    need: Sequence[str],
    helps: int,
    can: float,
    evidence: Sequence[int],
    profiles: Profiles,
    learning: bool,
) -> str:
    """Why `helper` could help with `need` (the asker's phrases), having helped with it
    `helps` times (`evidence`: which of their helps to name) and offering `can` of it:
    "Helped 3 people with Terraform; can help with Terraform, which you are learning."."""
    parts = []
    if evidence:
        what = _named_help([helper.helped_with[i] for i in evidence], need, profiles)
        people = "1 person" if helps == 1 else f"{helps} people"
        parts.append(f"Helped {people} with {what}")
    if can >= MENTION_AT:
        what = _what_they_offer(helper, need, profiles)
        if what:
            which = "which you are learning" if learning else "which this is about"
            parts.append(f"can help with {what}, {which}")
    if not parts:
        parts.append("has helped with related questions" if helps else "knows related work")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def _shared_topic(left: Sequence[str], right: Sequence[str], profiles: Profiles) -> str | None:
    """The name of the first topic a phrase of `left` and a phrase of `right` both name."""
    if profiles.topics_of is None:
        return None
    named = {slug for phrase in right for slug in profiles.topics_of(phrase)}
    for phrase in left:
        for slug in profiles.topics_of(phrase):
            if slug in named:
                return profiles.topic_names.get(slug, slug)
    return None


def _named_help(entries: Sequence[str], need: Sequence[str], profiles: Profiles) -> str:
    """A topic one of the matching helps and the need both name, else the strongest
    help in the helper's own words."""
    topic = _shared_topic(entries, need, profiles)
    if topic:
        return topic
    words = entries[0].split()
    more = "..." if len(words) > HELP_QUOTED_WORDS else ""
    return f'"{" ".join(words[:HELP_QUOTED_WORDS])}{more}"'


def _what_they_offer(helper: Person, need: Sequence[str], profiles: Profiles) -> str | None:
    """A topic the helper's offer (or work) and the need both name, else the need phrase
    closest to what they offer, when it is short enough to read inline."""
    offered = [*split_phrases(helper.can_help_with), *split_phrases(helper.working_on)]
    topic = _shared_topic(offered, need, profiles)
    if topic or not offered or not need or profiles.text_similarity is None:
        return topic
    similarity = np.asarray(profiles.text_similarity(list(need), offered))
    i = int(np.argmax(similarity.max(axis=1)))
    phrase = need[i].strip()
    if similarity[i].max() <= 0 or len(phrase.split()) > HELP_QUOTED_WORDS:
        return None
    return phrase
