"""The ask linter: what an intro does that the essay warns against, and a better way to say it.

It never blocks a message; each finding explains why it matters and suggests a
rewrite. The rules trace to the essay's first lesson (build relationships around
mutual interest, not hierarchy; lead with the shared interest, not the ask; make
conversations valuable for both people) and its advice to ask specific questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from trellis.lint import phrasing
from trellis.lint.asks import (
    Ask,
    Hit,
    asks,
    brain_picks,
    meeting_asks,
    mentor_asks,
    named,
    subject_phrases,
    subjects,
)
from trellis.lint.gives import offers, own_problem, shared_interest, shared_mentions
from trellis.lint.reading import Reading, read
from trellis.text.vocabulary import TopicMatcher, load_vocabulary

SHIPPED_VOCABULARY = Path(__file__).resolve().parents[2] / "data" / "topics.csv"
_PLACEHOLDER = "[the problem you share]"


@dataclass(frozen=True)
class Rule:
    """One rule of the linter: a stable id and why it matters."""

    id: str
    why: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "mentor-ask",
            "\u201cWill you be my mentor?\u201d asks a busy person for an open-ended commitment "
            "with no clear value to them, and sets up a senior\u2013junior hierarchy. The "
            "mentorships that work grow from a problem two people share.",
        ),
        Rule(
            "pick-brain",
            "\u201cPick your brain\u201d asks to take from their knowledge without saying what "
            "about or what is in it for them. Make the conversation valuable for both people.",
        ),
        Rule(
            "generic-coffee",
            "A coffee or a call with no topic gives them no reason to say yes and tends to end "
            "in generic advice. Lead with the shared interest, not the ask.",
        ),
        Rule(
            "no-specific-ask",
            "The message asks for nothing specific. One concrete question is easy to answer "
            "in a reply and shows you have thought about the problem.",
        ),
        Rule(
            "only-takes",
            "The message asks without offering anything back or naming an interest you share. "
            "The best mentorship runs both ways: share what you are learning.",
        ),
        Rule(
            "no-shared-mention",
            "The message mentions none of what you two share, which is the reason this person "
            "would want to reply. Lead with the shared interest.",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One thing the linter noticed: a rule, a span of the message, why, and a rewrite."""

    rule: str
    start: int
    end: int
    why: str
    suggestion: str
    # Other rules that fired on the same words, folded into this finding (one per span).
    also: tuple[str, ...] = ()
    # Whether it is about the message as a whole rather than some of its words.
    whole: bool = False

    def as_dict(self) -> dict:
        found = asdict(self)
        del found["whole"]
        found["also"] = list(self.also)
        return found


@lru_cache(maxsize=1)
def shipped_matcher() -> TopicMatcher:
    """The topic matcher of the vocabulary shipped in `data/topics.csv` (empty without it)."""
    if not SHIPPED_VOCABULARY.is_file():
        return TopicMatcher([])
    return TopicMatcher.from_entries(load_vocabulary(SHIPPED_VOCABULARY))


# Rewrites: {quoted} is what the finding points at, {topic} what the two share (or
# the first topic the message names) as a phrase, {offer} something the sender can give.
SUGGESTIONS = {
    "mentor-ask": (
        "Instead of \u201c{quoted}\u201d, ask about the work you share: \u201cI\u2019ve been "
        "working on {topic} too \u2014 how did you handle [the part you are stuck on]?\u201d"
    ),
    "pick-brain": (
        "Replace \u201c{quoted}\u201d with the question itself: \u201cHow did you handle "
        "[one specific part of {topic}]?\u201d"
    ),
    "generic-coffee": (
        "Say what you want to talk about: \u201cWould you be up for a 20-minute call about "
        "{topic}? I\u2019d like to ask how you [handled the part you are stuck on].\u201d"
    ),
    "no-specific-ask": (
        "End with one question they can answer in a few lines: \u201cWhen you worked on "
        "{topic}, what did you try first for [the part you are stuck on]?\u201d"
    ),
    "only-takes": (
        "Say what you have in common and what you can give: \u201cI\u2019m working on "
        "{topic} too, and I can share {offer} if it\u2019s useful.\u201d"
    ),
    "no-shared-mention": (
        "Open with what you share: \u201cI saw you\u2019re working on {topic} too \u2014 "
        "\u2026\u201d"
    ),
}
# The same rewrites when what the two share is not a phrase ("our handovers take too
# long", a question, a full sentence): it is quoted in the lead-in as {about}, and the
# rewrite refers back to it.
SUGGESTIONS_QUOTING = {
    "mentor-ask": (
        "Instead of \u201c{quoted}\u201d, ask about the work you share ({about}): "
        "\u201cI\u2019ve been working on something like that too \u2014 how did you handle "
        "[the part you are stuck on]?\u201d"
    ),
    "pick-brain": (
        "Replace \u201c{quoted}\u201d with the question itself, about what you share "
        "({about}): \u201cHow did you handle [one specific part of it]?\u201d"
    ),
    "generic-coffee": (
        "Say what you want to talk about ({about}): \u201cWould you be up for a 20-minute "
        "call about it? I\u2019d like to ask how you [handled the part you are stuck on].\u201d"
    ),
    "no-specific-ask": (
        "End with one question they can answer in a few lines, about what you share "
        "({about}): \u201cWhen you worked on that, what did you try first for [the part you "
        "are stuck on]?\u201d"
    ),
    "only-takes": (
        "Say what you have in common ({about}) and what you can give: \u201cI\u2019m working "
        "on something like that too, and I can share {offer} if it\u2019s useful.\u201d"
    ),
    "no-shared-mention": (
        "Open with what you share ({about}): \u201cI saw what you\u2019re working on, and "
        "I\u2019m working on something like it too \u2014 \u2026\u201d"
    ),
}
# When the sender's offer is not a phrase it is their own sentence, set after the rewrite's.
_OFFER_SENTENCE = "if it\u2019s useful.\u201d"
# Which finding is the most useful when several point at the same words: the idioms
# first (they quote the very words to change, and put a reader off most), then what the
# essay puts first (lead with the shared interest; give something back), then what to
# ask (a topic for the meeting, one specific question).
USEFULNESS = (
    "mentor-ask",
    "pick-brain",
    "no-shared-mention",
    "only-takes",
    "generic-coffee",
    "no-specific-ask",
)


def lint_intro(
    message: str,
    *,
    shared: Sequence[str] = (),
    sender_offers: Sequence[str] = (),
    matcher: TopicMatcher | None = None,
) -> list[Finding]:
    """Lint one intro message: at most one finding for any words, the most useful first.

    `shared` lists what the two people share (topics or phrases from the match
    explanation); with it, the linter also checks that the message mentions one
    of them. `sender_offers` (what the sender can help with) only shapes the
    suggested rewrites. `matcher` defaults to the shipped topic vocabulary.
    """
    if not any(ch.isalnum() for ch in message):
        return []
    shared = [item.strip() for item in shared if item.strip()]
    sender_offers = [item.strip() for item in sender_offers if item.strip()]
    matcher = matcher if matcher is not None else shipped_matcher()
    reading = read(message)
    mentions = matcher.mentions(message)
    found = subjects(reading, mentions)
    topics = named(found)
    mentors, picks = mentor_asks(reading), brain_picks(reading)
    requests = asks(reading, found, mentors + picks)
    meetings = meeting_asks(reading, requests)
    mentioned = shared_mentions(message, shared, matcher, mentions) if shared else []
    topic = shared[0] if shared else topics[0].mention.text if topics else _PLACEHOLDER
    names = {"topic": topic, "offer": sender_offers[0] if sender_offers else ""}
    hits: list[tuple[str, Hit | None]] = [("mentor-ask", hit) for hit in mentors]
    hits += [("pick-brain", hit) for hit in picks]
    specific = any(ask.specific for ask in requests)
    if meetings and not (topics or mentioned or specific or _names_problem(reading, found)):
        hits.append(("generic-coffee", meetings[0]))
    if not specific:
        hits.append(("no-specific-ask", _first_vague(requests)))
    asked = requests or mentors or picks
    common = shared_interest(reading, found, asks_specific=specific)
    if asked and not (mentioned or offers(reading) or common):
        hits.append(("only-takes", _first_ask(requests, mentors + picks)))
    if shared and not mentioned:
        hits.append(("no-shared-mention", None))
    findings = [_finding(rule, hit, reading, names) for rule, hit in hits]
    return one_per_span(findings)


def one_per_span(findings: list[Finding]) -> list[Finding]:
    """At most one finding for any words of the message, the most useful first.

    Findings whose spans overlap (or that are both about the whole message) fold into
    the most useful of them (`USEFULNESS`); the rules folded in are kept in `also`, so
    what fired is still known. The result is ordered by usefulness, then by position.
    """
    ranked = sorted(findings, key=lambda f: (USEFULNESS.index(f.rule), f.start, f.end))
    kept: list[Finding] = []
    for finding in ranked:
        home = next((k for k in kept if _same_words(k, finding)), None)
        if home is None:
            kept.append(finding)
        else:
            kept[kept.index(home)] = replace(home, also=(*home.also, finding.rule))
    return kept


def _same_words(one: Finding, other: Finding) -> bool:
    if one.whole or other.whole:
        return one.whole and other.whole
    return (one.start < other.end and other.start < one.end) or one.start == other.start


def _names_problem(reading: Reading, found) -> bool:
    return bool(own_problem(reading, found) or subject_phrases(reading, found))


def _first_vague(requests: list[Ask]) -> Hit | None:
    vague = [ask for ask in requests if not ask.specific]
    return Hit(vague[0].start, vague[0].end) if vague else None


def _first_ask(requests: list[Ask], idioms: list[Hit]) -> Hit:
    spans = [Hit(ask.start, ask.end) for ask in requests] + idioms
    return min(spans, key=lambda hit: hit.start)


def _finding(rule: str, hit: Hit | None, reading: Reading, names: dict[str, str]) -> Finding:
    if hit is None:
        start, end = _whole(reading.original)
    else:
        start, end = reading.span(hit.start, hit.end)
    quoted = phrasing.tidy(reading.original[start:end]).rstrip(" ,;:")
    suggestion = suggest(rule, quoted=quoted, topic=names["topic"], offer=names["offer"])
    return Finding(rule, start, end, RULES[rule].why, suggestion, whole=hit is None)


def suggest(rule: str, *, quoted: str, topic: str, offer: str) -> str:
    """The rewrite for `rule`, with what the two share and the sender's offer put in
    grammatically whatever form they were written in."""
    phrase = phrasing.phrase_or_none(topic)
    about = phrasing.quotation(topic)
    template = SUGGESTIONS[rule] if phrase is not None else SUGGESTIONS_QUOTING[rule]
    offered = phrasing.phrase_or_none(offer) if offer else None
    offer_words = (
        f"what I\u2019ve learned about {offered}"
        if offered
        else "what I\u2019ve learned"
        if offer
        else "[something you have learned or made]"
    )
    text = template.format(quoted=quoted, topic=phrase, about=about, offer=offer_words)
    if offer and offered is None and rule == "only-takes":
        own = phrasing.as_sentence(offer).replace("\u201c", "\u2018").replace("\u201d", "\u2019")
        text = text.removesuffix(_OFFER_SENTENCE) + f"if it\u2019s useful. {own}\u201d"
    return text


def _whole(message: str) -> tuple[int, int]:
    """The message without the white space around it."""
    start = len(message) - len(message.lstrip())
    return start, max(start, len(message.rstrip()))
