"""Reading a message the way people write it, without losing where each word was.

The rules match against a normalised copy of the message: lower case, straight
quotes and dashes, accents folded, common contractions, chat spellings, British
spellings and typos of "mentor" put in one form. Every character of the copy
remembers the span of the original it came from, so a finding always points at
the words the writer typed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from trellis.lint import words
from trellis.text.spelling import american

_CHARACTERS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
# Invisible characters that sit inside words (zero-width joiners, soft hyphens,
# emoji variation selectors): dropped, so "men\u00adtor" reads "mentor".
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u00ad")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words after which "id" means "I'd" ("id love to"), not an identifier.
_AFTER_ID = frozenset({"love", "like", "be", "really", "appreciate", "welcome", "so", "also"})


@dataclass(frozen=True)
class Sentence:
    """A sentence of the normalised text: [start, end), and whether it asks a question."""

    start: int
    end: int
    question: bool


@dataclass(frozen=True)
class Reading:
    """A message and its normalised copy; `starts[i]`/`ends[i]` locate text[i] in it."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original message that text[start:end] came from."""
        if start >= len(self.text):
            return len(self.original), len(self.original)
        first = self.starts[start]
        last = self.ends[end - 1] if end > start else first
        return first, max(first, last)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(_sentences(self.text))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def sentence_at(self, position: int) -> Sentence:
        """The sentence around `position` (an empty one between sentences)."""
        i = bisect_right(self._sentence_starts, position) - 1
        if i >= 0 and position < self.sentences[i].end:
            return self.sentences[i]
        return Sentence(position, position, question=False)

    @cached_property
    def greeting_end(self) -> int:
        """Where the opening salutation ("Hi Sam —", "Dear Dr. Okafor,") ends."""
        match = words.GREETING.match(self.text)
        return match.end() if match else 0


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int) -> None:
        self.chars.extend(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))


def _fold_character(ch: str) -> str:
    if ch in _CHARACTERS:
        return _CHARACTERS[ch]
    if ch in _INVISIBLE:
        return ""
    if ch == "\n":
        return ch
    if ch.isspace():
        return " "
    if ord(ch) >= 0x2190 and unicodedata.category(ch) == "So":
        return "."  # an emoji or pictograph ends a sentence the way a full stop does
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _canonical(word: str, following: str) -> str:
    if word == "id":
        return "i'd" if following in _AFTER_ID else word
    if word == "r":
        return "are" if following in {"u", "you"} else word
    if word in words.SHORTHAND:
        return words.SHORTHAND[word]
    return words.mentor_typo(word) or american(word)


def read(message: str) -> Reading:
    """Normalise `message`, keeping for each character the span it came from."""
    folded = _Builder()
    for i, ch in enumerate(message):
        folded.add(_fold_character(ch), i, i + 1)
    text = "".join(folded.chars)
    canonical = _Builder()
    position = 0
    matches = list(_WORD.finditer(text))
    for n, match in enumerate(matches):
        start, end = match.span()
        for i in range(position, start):
            canonical.add(text[i], folded.starts[i], folded.ends[i])
        following = matches[n + 1].group() if n + 1 < len(matches) else ""
        replacement = _canonical(match.group(), following)
        if replacement == match.group():
            for i in range(start, end):
                canonical.add(text[i], folded.starts[i], folded.ends[i])
        else:
            canonical.add(replacement, folded.starts[start], folded.ends[end - 1])
        position = end
    for i in range(position, len(text)):
        canonical.add(text[i], folded.starts[i], folded.ends[i])
    return Reading(
        original=message,
        text="".join(canonical.chars),
        starts=tuple(canonical.starts),
        ends=tuple(canonical.ends),
    )


_BOUNDARY = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n")


def _sentences(text: str):
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() == "." and words.ends_with_abbreviation(text[start : match.start()]):
            continue
        yield from _trimmed(text, start, match.end(), "?" in match.group())
        start = match.end()
    yield from _trimmed(text, start, len(text), False)


def _trimmed(text: str, start: int, end: int, question: bool):
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, question)
