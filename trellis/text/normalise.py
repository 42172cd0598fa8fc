"""Tokens and stems: the one way Trellis reads words out of free text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Letters and digits, keeping the + and # that make "C++" and "C#" words.
_TOKEN = re.compile(r"[^\W_]+(?:[+#]+)?", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: as written, its stem, and where it stands."""

    raw: str
    stem: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Café" and "cafe" read alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The English stem of one already-folded word ("pipelines" -> "pipelin")."""
    if len(word) <= 2 or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[Token]:
    """Split text into words with their stems and character offsets."""
    return [
        Token(raw=m.group(), stem=stem(fold(m.group())), start=m.start(), end=m.end())
        for m in _TOKEN.finditer(text)
    ]


def stems(text: str) -> tuple[str, ...]:
    """The stems of a text's words, in order."""
    return tuple(token.stem for token in tokens(text))


def split_phrases(text: str) -> list[str]:
    """Split a profile statement into the phrases a person listed.

    People write "Kubernetes upgrades; on-call, incident reviews" or one phrase a
    line; commas, semicolons and new lines all separate phrases.
    """
    return [part.strip() for part in re.split(r"[;,\n]+", text) if part.strip()]
