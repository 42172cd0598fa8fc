"""Tokens and stems: the one way Trellis reads words out of free text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A word: letters and digits, keeping the + and # that make "C++" and "C#" words.
WORD = re.compile(r"[^\W_]+(?:[+#]+)?", re.UNICODE)
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
    if text.isascii():  # nothing to decompose: the common case, ten times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Endings whose removal changes only the grammar of a word, not its meaning.
_INFLECTIONS = frozenset({"", "e", "s", "es", "ed", "ing"})


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def _only_inflected(word: str, root: str) -> bool:
    """Whether the stemmer removed a grammatical ending rather than a derivational one."""
    if word.startswith(root):
        ending = word[len(root) :]
        doubled = len(ending) > 2 and ending[0] == root[-1:] and ending[1:] in {"ing", "ed"}
        dropped_e = ending == "d" and root.endswith("e")  # hired -> hire
        return ending in _INFLECTIONS or doubled or dropped_e
    # hiring -> hire, company -> compani: the stemmer restored or changed one letter.
    rest = word[len(root) - 1 :]
    return root[-1:] in {"e", "i"} and word.startswith(root[:-1]) and rest in {"ing", "ed", "y"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem of one already-folded word.

    Plurals and verb endings go ("pipelines", "pipeline" -> "pipelin";
    "upgrading" -> "upgrad"), but derivational endings stay, so
    "accessibility" never reads as "access" nor "security" as "secure".
    """
    if len(word) <= 2 or not word.isalpha():
        return word
    singular = _singular(word)
    root = _STEMMER.stemWord(singular)
    return root if _only_inflected(singular, root) else singular


def tokens(text: str) -> list[Token]:
    """Split text into words with their stems and character offsets."""
    return [
        Token(raw=m.group(), stem=stem(fold(m.group())), start=m.start(), end=m.end())
        for m in WORD.finditer(text)
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


def split_tags(text: str) -> list[str]:
    """ "Physics, Design ; open source" -> ["Physics", "Design", "open source"].

    Tags are separated by commas or semicolons; whitespace inside a tag is
    collapsed, and a tag repeated in another case is kept once, as first written.
    """
    tags: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        part = " ".join(part.split())
        if part:
            tags.setdefault(part.casefold(), part)
    return list(tags.values())
