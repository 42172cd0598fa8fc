"""What a message gives: an offer, a finding, common ground, the things two people share."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from trellis.lint import words
from trellis.lint.asks import Hit, Subject, content_stems, content_units, subject_phrases
from trellis.lint.reading import Reading
from trellis.text.normalise import fold, stem, tokens
from trellis.text.spelling import american
from trellis.text.vocabulary import Mention, TopicMatcher

_GIVE = rf"(?:{words.GIVE_VERBS})"
_OFFER = re.compile(
    # "I'd be happy to share", "we'd love to show you", "I'm glad to help"
    r"\b(?:i|we)(?:'d|'ll|'m|'re| would| will| am| are| can| could)?\s+(?:\w+\s+){0,3}?"
    rf"(?:happy|glad|delighted|keen|willing|able|love|like)\s+to\s+(?:\w+\s+)?{_GIVE}\b"
    # "Happy to share our notes", "— glad to help"
    r"|(?:^|[.!?;,:(\-]\s*|\band\s+)(?:(?:very|more than|really|always|so|also)\s+)?"
    rf"(?:happy|glad|delighted|willing)\s+to\s+(?:\w+\s+)?{_GIVE}\b"
    # "I can share", "we could send you", "and can share our batch sheets"
    r"|(?:\b(?:i|we)\s+(?:\w+\s+)?(?:can|could|will|would|may)|\b(?:i|we)(?:'ll|'d)"
    rf"|\band\s+(?:can|could|will|would))\s+(?:\w+\s+){{0,2}}?{_GIVE}\b"
    rf"|\b(?:i|we)(?:'ll| will|'d| would)\s+(?:happily|gladly)\s+{_GIVE}\b"
    r"|\bin (?:return|exchange)\b|\breturn the favor\b"
    r"|\b(?:swap|trade|compare|exchange) (?:notes|ideas|tips|stories|experiences|war stories)\b"
    r"|\b(?:in case|if)\s+(?:it's|that's|they're|this is|it is|it'd be|they'd be|it would be"
    r"|it'll be|they are|you find it)?\s*(?:useful|helpful|of use|of interest|handy|it helps"
    r"|that helps)\b"
    r"|\b(?:link|links|gist|doc|notes|write-up|writeup|slides|template|checklist|script|repo"
    r"|code|deck|spreadsheet)\s+(?:is\s+|are\s+)?(?:below|attached|here)\b"
    r"|\b(?:we|i)\s+(?:\w+\s+)?(?:found|learned|discovered|realized|noticed)\s+that\b"
    r"|\b(?:fixed|solved|cracked)\s+(?:it|ours|this|that|the problem)\b"
    r"|\b(?:worked|helped)\s+(?:for us|a lot|us)\b|\bhere's what\b"
    r"|\blet me know if (?:i|we) can\b|\bif (?:there's |there is )?anything (?:i|we) can\b"
    r"|\b(?:can|could|may|might) i help\b|\bhow (?:can|could|might) i help\b"
    # Something the writer made or has, handed over: "it's yours", "you can borrow it",
    # "want a copy?", "here's the spreadsheet I use", "pasting below the wording we use",
    # "if I lend you our tool kit", "I've got spare anchors", "if you ever need them".
    r"|\b(?:it's|they're|it is|they are) (?:all )?yours\b|\byou're welcome to (?:it|them|use)\b"
    r"|(?<!if )\byou (?:can|could|may) (?:have|borrow|use|keep|copy|reuse)\b"
    r"(?!\s+(?:me|us|a look|a think)\b)"
    r"|\b(?:copy|use|borrow|steal|reuse) (?:it|them) freely\b"
    r"|(?:^|[.!?;,:\-]\s*|\b(?:do you|would you)\s+)(?:want|need|fancy|like)\s+"
    r"(?:it|them|one|a copy|copies|the [\w-]+|my [\w-]+|our [\w-]+)\s*\?"
    r"|\bwould (?:it|that|they|this|these) be (?:useful|helpful|of use|any use)\b"
    r"|\bhere's (?:the|my|our|a|an)\b"
    r"|\bpast(?:ed|ing)\b[^.?!\n]{0,60}\bbelow\b"
    r"|\bif (?:i|we) (?:lend|send|share|give|bring|drop off|forward|show)\b"
    r"|\b(?:i|we)(?:'ve| have)? got (?:some |a few |a )?(?:spare|extra)\b"
    r"|\bif you (?:ever )?need (?:it|them|one|any|a copy)\b"
    r"|\b(?:i|we)(?:'ll|'d| will| would| can| could)\s+(?:\w+\s+)?(?:scan|drop|bring|print|post)"
    r"\b(?!\s+(?:by|in)\b)"
    # An invitation to try something and report back, or to come and see it.
    r"|\bif you (?:try|trial|test|pilot|use|give)\b[^.?!\n]{0,80}\b(?:let me know|tell me)\b"
    r"|\b(?:try|trial|test) (?:it|them|this|that)\b[^.?!\n]{0,40}\b(?:let me know|tell me)\b"
    r"|\bhave a play\b|\bcome (?:and|to) (?:see|try|have a look)\b"
)


def offers(reading: Reading) -> list[Hit]:
    """Where the writer offers something back, or shares what they have learned."""
    hits = []
    for match in _OFFER.finditer(reading.text):
        if not words.NEGATION.search(match.group()):
            hits.append(Hit(*match.span()))
    return hits


# --- common ground ---------------------------------------------------------------------

_COMMON = re.compile(
    r"\b(?:i'm|i am|we're|we are|i've|we've|i|we)\s+(?:\w+\s+)?also\b"
    r"|(?:^|[.!?\n-]\s*)also\s+\w+ing\b"
    r"|\bthe same\b(?!\s+(?:time|day|week))|\bsimilar\b|\bfellow\b|\bme too\b|\bsame here\b"
    r"|\b(?:we're both|we are both|we both|both of us|are both|we've both|have both|were both)\b"
    r"|\bso (?:are|do|have|did|am) (?:you|i)\b"
)
_LIKE_YOU = re.compile(r"\b(?:just )?(?:like|same as) (?:you|yours)\b")
_NOT_BEFORE_LIKE = frozenset({"i'd", "would", "i", "we", "we'd", "really", "to", "you'd", "should"})
_TOO = re.compile(
    r"\b(?:too|as well)\b(?=\s*(?:[.!?,;:)\-]|$)|\s+(?:and|but|so|here|by|at|with)\b)"
)
_PRONOUN = re.compile(
    r"\b(?:(i|i'm|i've|we|we're|we've|my|our|me|us)|you|you're|your|he|she|they)\b"
)
_OWN_PROBLEM = re.compile(
    r"\b(?:i'm|i am|i've been|i have been|we're|we are|we've been|we have been|i|we|my team is"
    r"|our team is|i'll be|we'll be|we just|i just)\s+"
    r"(?:(?:also|currently|now|just|still|really|actively|busy|slowly|halfway through)\s+)*"
    rf"(?:{words.PROBLEM_VERBS})\b(?!\s+into\b)"
)
_CLAUSE_END = re.compile(r"[.?!;](?=\s|$)|\n| -+ ")


def _common_ground(reading: Reading) -> Hit | None:
    text = reading.text
    match = _COMMON.search(text)
    if match:
        return Hit(*match.span())
    for like in _LIKE_YOU.finditer(text):
        before = text[max(0, like.start() - 16) : like.start()].split()
        if not before or before[-1] not in _NOT_BEFORE_LIKE:
            return Hit(*like.span())
    for too in _TOO.finditer(text):
        sentence = reading.sentence_at(too.start())
        pronouns = list(_PRONOUN.finditer(text, sentence.start, too.start()))
        if pronouns and pronouns[-1].group(1):
            return Hit(*too.span())
    return None


def own_problem(reading: Reading, found: list[Subject]) -> Hit | None:
    """The writer's own concrete problem ("we're moving our clusters to 1.29")."""
    for match in _OWN_PROBLEM.finditer(reading.text, reading.greeting_end):
        end_match = _CLAUSE_END.search(reading.text, match.end())
        end = end_match.start() if end_match else len(reading.text)
        if content_units(reading, match.end(), end, found) >= 2:
            return Hit(match.start(), end)
    return None


def shared_interest(reading: Reading, found: list[Subject], *, asks_specific: bool) -> Hit | None:
    """Where the writer names common ground, or leads with their own concrete problem.

    Their own problem is common ground only when the message goes on to ask
    something specific (about it): before "will you be my mentor?" it is only
    a reason to be mentored.
    """
    common = _common_ground(reading)
    if common:
        return common
    problem = own_problem(reading, found)
    if problem is None or asks_specific or _echoes_reader(reading, found, problem):
        return problem
    return None


_READERS = re.compile(r"\byour?\b[^.?!\n]{0,24}$")


def _echoes_reader(reading: Reading, found: list[Subject], problem: Hit) -> bool:
    """Whether the writer's problem is the subject of the reader's own work they cite:
    "your talk on tenant organizing … I'm starting a tenants' union"."""
    mine = content_stems(reading, problem)
    for phrase in subject_phrases(reading, found):
        cited = _READERS.search(reading.text[max(0, phrase.start - 24) : phrase.start])
        if cited and mine & content_stems(reading, phrase):
            return True
    return False


# --- the things two people share ----------------------------------------------------------


def _word_key(raw: str) -> str:
    return stem(american(fold(raw)))


@dataclass(frozen=True)
class SharedMention:
    """Where the message mentions one of the things the two people share."""

    item: str
    start: int  # offsets into the original message
    end: int


def shared_mentions(
    message: str,
    shared: Sequence[str],
    matcher: TopicMatcher,
    mentions: list[Mention],
) -> list[SharedMention]:
    """The shared items the message mentions, in any wording.

    An item is mentioned when the message names one of its vocabulary topics
    ("k8s" for "Kubernetes upgrades"), or when it uses the item's own words,
    stemmed and spelt the American way: all of them for an item of one or two
    words, two in three for a longer one.
    """
    by_topic = {m.slug: m for m in reversed(mentions)}
    positions: dict[str, tuple[int, int]] = {}
    for token in reversed(tokens(message)):
        positions[_word_key(token.raw)] = (token.start, token.end)
    found = []
    for item in shared:
        topic = next((by_topic[s] for s in matcher.topics(item) if s in by_topic), None)
        if topic is not None:
            found.append(SharedMention(item, topic.start, topic.end))
            continue
        keys = {_word_key(t.raw) for t in tokens(item) if fold(t.raw) not in words.STOPWORDS}
        present = sorted(positions[key] for key in keys if key in positions)
        needed = len(keys) if len(keys) <= 2 else math.ceil(2 * len(keys) / 3)
        if keys and len(present) >= needed:
            found.append(SharedMention(item, *present[0]))
    return found
