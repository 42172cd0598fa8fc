"""What a message asks for: a mentor, a brain to pick, a meeting, or an answer.

Each function takes a `Reading` and returns spans of its normalised text; the
caller maps them back to the original message.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from trellis.lint import words
from trellis.lint.reading import Reading, Sentence
from trellis.text.normalise import stem
from trellis.text.vocabulary import Mention

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Versions and measured figures ("1.27", "0.5%") are as concrete as any word.
_FIGURE = re.compile(r"\b\d+(?:\.\d+)+%?")
_GENERIC_STEMS = frozenset(stem(word) for word in words.GENERIC)


@dataclass(frozen=True)
class Hit:
    """A span [start, end) of the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class Subject:
    """A topic mention; `named` when it names something to talk about, not a job or career."""

    start: int
    end: int
    mention: Mention
    named: bool


@dataclass(frozen=True)
class Ask:
    """A request in the message: [start, end) of the normalised text, and how specific."""

    start: int
    end: int
    specific: bool


# --- subjects and content words ---------------------------------------------------


def subjects(reading: Reading, mentions: list[Mention]) -> list[Subject]:
    """Topic mentions, each marked whether it names a subject to talk about.

    "I'm a junior data engineer", "your journey in product management" and "the
    payments team" mention topics as jobs, careers and teams, not as subjects.
    A mention that starts inside a contraction ("I'm a" read as "M A") is none.
    """
    found = []
    for mention in mentions:
        if mention.start > 0 and reading.original[mention.start - 1] in "'\u2019":
            continue
        start = bisect_left(reading.starts, mention.start)
        end = max(start, bisect_left(reading.starts, mention.end))
        before = reading.text[max(0, start - 60) : start]
        after = reading.text[end : end + 24]
        framed = bool(words.CAREER_BEFORE.search(before) or words.UNIT_AFTER.match(after))
        generic = any(word in words.GENERIC for word in reading.text[start:end].split())
        found.append(Subject(start, end, mention, named=not (framed or generic)))
    return found


def named(found: list[Subject]) -> list[Subject]:
    return [subject for subject in found if subject.named]


def is_content_word(word: str) -> bool:
    """A word that says what something is about, not that something is asked."""
    word = word.removesuffix("'s")
    if len(word) < 2 or word.isdigit() or word in words.STOPWORDS or word in words.GENERIC:
        return False
    if "'" in word:
        return False
    return stem(word) not in _GENERIC_STEMS


def content_units(reading: Reading, start: int, end: int, found: list[Subject]) -> int:
    """How many subjects, content words and figures text[start:end] holds.

    A named topic counts once, however many words it has; the words of a topic
    mentioned as a job or a career ("a junior data engineer") count for nothing.
    Plain numbers ("15 minutes") count for nothing; versions and measured
    figures ("1.27", "0.5%") count once each.
    """
    inside = [s for s in found if start <= s.start and s.end <= end]
    units = sum(1 for s in inside if s.named)
    units += len(_FIGURE.findall(reading.text, start, end))
    for match in _TOKEN.finditer(reading.text, start, end):
        if any(s.start <= match.start() < s.end for s in inside):
            continue
        if is_content_word(match.group()):
            units += 1
    return units


_PHRASE_END = re.compile(r"[.?!;,](?=\s|$)|\n| -+ ")


def subject_phrases(reading: Reading, found: list[Subject]) -> list[Hit]:
    """Subjects named in free text: "your talk on tenant organizing", "a chat about pricing"."""
    text, hits = reading.text, []
    for cue in words.SUBJECT_CUE.finditer(text, reading.greeting_end):
        stop = _PHRASE_END.search(text, cue.end())
        end = stop.start() if stop else len(text)
        following = list(_TOKEN.finditer(text, cue.end(), end))[:6]
        if following and content_units(reading, cue.end(), following[-1].end(), found) >= 1:
            hits.append(Hit(cue.start(), following[-1].end()))
    return hits


def content_stems(reading: Reading, hit: Hit) -> set[str]:
    """The stems of the content words of text[hit.start:hit.end]."""
    return {
        stem(m.group().removesuffix("'s").rstrip("'"))
        for m in _TOKEN.finditer(reading.text, hit.start, hit.end)
        if is_content_word(m.group())
    }


# --- mentor asks -----------------------------------------------------------------

_MENTOR_NEEDS_REQUEST = re.compile(
    r"\b(?:be|become|being|act as|serve as|acting as|serving as|have you as|having you as"
    r"|you as|take on the role of)\s+my\s+(?:[\w-]+\s+){0,2}?mentor\b"
    r"|\b(?:be|become|being|act as|serve as)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?mentor\s+(?:to|for)"
    r"\s+me\b"
    r"|\bmentor(?:ing)?\s+me\b"
    r"|\b(?:be|become|being)\s+(?:your|a|an)\s+(?:[\w-]+\s+)?mentee\b"
    r"|\btak(?:e|ing)\s+me\s+(?:on\s+)?(?:as\s+(?:a\s+|an\s+|your\s+)?(?:[\w-]+\s+)?mentee"
    r"|under\s+your\s+wing)\b"
    r"|\b(?:your|some|a bit of|any|regular|ongoing|formal|informal)\s+(?:[\w-]+\s+)?"
    r"mentor(?:ship|ing)\b(?!\s+(?:program|scheme|network|circle|platform|course)s?\b)"
    r"|\bmentor(?:ship|ing)\s+from\s+you\b|\bmentored\s+by\s+you\b"
    r"|\bmentor(?:ship|ing)\s+(?:relationship|arrangement|partnership|calls?|sessions?|chats?"
    r"|meetings?|conversations?)\b"
    r"|\b(?:taking(?: on)?|take on|accepting|accept|have room for|room for|capacity for"
    r"|space for|open to|looking for)\s+(?:(?:a|any|new|more|another|some)\s+)*mentees?\b"
)
_MENTOR_SEEKING = re.compile(
    r"\b(?:looking|searching|hunting|hoping|on the lookout|in search|in need)\s+(?:for|of|to find)"
    r"\s+(?:(?!to\b)[\w-]+\s+){0,3}?mentor(?:s|ship|ing)?\b"
    r"|\b(?:seek|seeking|need|needing|want|wanting)\s+(?:a\s+|an\s+|some\s+|my\s+first\s+"
    r"|the\s+right\s+)?(?:(?!to\b)[\w-]+\s+)?(?:mentor|mentorship|mentoring)\b"
)
_REQUEST_WORD = re.compile(
    r"\b(?:willing|consider|considering|open to|interested in|grateful|thankful|honored|hope"
    r"|hoping|wish|ask|asking|request|requesting|mean a lot|love|like|want|wanted|wondering"
    r"|please)\b|\bif you\b"
)
_PAST_BEFORE = re.compile(r"\b(?:used to|agreed to|offered to|happened to|went on to|was|were)\s+$")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i was|me|my|myself)\b")
_MODAL_YOU = re.compile(r"\b(?:would|will|could|can|might)\s+you\b[\w\s',-]{0,40}$")


def _negated(prefix: str) -> bool:
    return bool(words.NEGATION.search(prefix[-32:]))


def _is_request(reading: Reading, sentence: Sentence, start: int) -> bool:
    prefix = reading.text[sentence.start : start]
    return (
        sentence.question
        or bool(words.ASK_CUE.search(prefix))
        or bool(_REQUEST_WORD.search(prefix))
    )


def mentor_asks(reading: Reading) -> list[Hit]:
    """Requests to be mentored: "will you be my mentor", "looking for a mentor", "mentor me"."""
    hits = []
    for sentence in reading.sentences:
        for pattern, needs_request in ((_MENTOR_NEEDS_REQUEST, True), (_MENTOR_SEEKING, False)):
            for match in pattern.finditer(reading.text, sentence.start, sentence.end):
                prefix = reading.text[sentence.start : match.start()]
                if _negated(prefix) or _PAST_BEFORE.search(prefix):
                    continue
                if needs_request and not _is_request(reading, sentence, match.start()):
                    continue
                if not needs_request and prefix.strip() and not _FIRST_PERSON.search(prefix):
                    continue
                modal = _MODAL_YOU.search(prefix)
                start = sentence.start + modal.start() if modal else match.start()
                hits.append(Hit(start, match.end()))
    return _merged(hits)


def _merged(hits: list[Hit]) -> list[Hit]:
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start < merged[-1].end:
            merged[-1] = Hit(merged[-1].start, max(merged[-1].end, hit.end))
        else:
            merged.append(hit)
    return merged


# --- picking brains ---------------------------------------------------------------

_BRAIN = r"br(?:ai|ia)ns?"
_PICK_BRAIN = re.compile(
    r"\bpick(?:s|ed|ing)?[\s-]+(?:at[\s-]+)?"
    r"(?:(?:your|you're|the|a|some|those|these|that|of|his|her|their|[a-z]+'s)[\s-]+){0,2}"
    r"(?:(?:big|brilliant|wonderful|amazing|collective|expert|giant|clever|smart|genius"
    r"|beautiful|fine|considerable|experienced)[\s-]+){0,2}"
    rf"{_BRAIN}\b"
    r"|\bbrains?[\s-]?pick(?:ing|ed|er|ers)?\b(?!\s+up)"
    r"|\bpick[\s-]+your[\s-]+mind\b"
)


def brain_picks(reading: Reading) -> list[Hit]:
    """ "Pick your brain(s)", "brain-pick", "pick the brain of"."""
    return [Hit(*m.span()) for m in _PICK_BRAIN.finditer(reading.text)]


# --- asks and meetings ---------------------------------------------------------------


def asks(reading: Reading, found: list[Subject], idioms: list[Hit]) -> list[Ask]:
    """Every request in the message, each judged specific or vague.

    A question is the whole sentence; otherwise a request runs from its cue
    ("could you", "I'd love", "any advice") to the end of the sentence. It is
    specific when it is about something: one content word for a question of the
    "how did you…" kind, two for any other, and never when it is itself an idiom
    ("pick your brain about X", "will you be my mentor"). A cue that follows
    what it asks for ("monthly calls would be ideal") takes the whole sentence.
    """
    found_asks = []
    for sentence in reading.sentences:
        start = max(sentence.start, reading.greeting_end)
        if start >= sentence.end:
            continue
        cue = _request_cue(reading.text, start, sentence.end)
        if sentence.question:
            start = _question_start(reading.text, start, cue)
        elif cue is None:
            continue
        elif not words.CUE_AFTER_REQUEST.match(cue.group()):
            start = cue.start()
        found_asks.append(_judged(reading, start, sentence.end, found, idioms))
    return found_asks


def _request_cue(text: str, start: int, end: int) -> re.Match | None:
    """The first request cue that is not denied ("I'm not asking you to…")."""
    for cue in words.ASK_CUE.finditer(text, start, end):
        if not words.NEGATION.search(text[max(start, cue.start() - 8) : cue.end()]):
            return cue
    return None


_CLAUSE_BOUNDARY = re.compile(r" -+ |: |; ")


def _question_start(text: str, start: int, cue: re.Match | None) -> int:
    """A question starts after the statement it follows ("…data viz - would you…?"),
    unless it only refers back to it ("…broke the ingress controller - did yours?")."""
    if cue is None:
        return start
    boundaries = [m.end() for m in _CLAUSE_BOUNDARY.finditer(text, start, cue.start())]
    return boundaries[-1] if boundaries else start


def _judged(reading: Reading, start: int, end: int, found: list[Subject], idioms) -> Ask:
    if any(start <= idiom.start < end for idiom in idioms):
        return Ask(start, end, specific=False)
    clause = reading.text[start:end]
    needed = 1 if words.WH_TO_YOU.search(clause) else 2
    return Ask(start, end, specific=content_units(reading, start, end, found) >= needed)


def meeting_asks(reading: Reading, requests: list[Ask]) -> list[Hit]:
    """Coffees, calls, chats and "15 minutes of your time" that the message asks for."""
    hits = []
    for ask in requests:
        for match in words.MEETING.finditer(reading.text, ask.start, ask.end):
            hits.append(Hit(*match.span()))
    return _merged(hits)
