"""The topic vocabulary: canonical topics with synonyms and abbreviations.

The vocabulary is data (`data/topics.csv`), not code: adding a topic or an alias
means adding a line. This module reads that file, checks it, and finds the
topics a piece of free text mentions, however it is written ("k8s", "Kubernetes
clusters", "kube").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from trellis.text.normalise import fold, tokens

# The areas of work every organisation has; the vocabulary covers each in depth.
WORK_AREAS = (
    "engineering",
    "data",
    "design",
    "product",
    "sales",
    "marketing",
    "operations",
    "finance",
    "legal",
    "research",
    "people-management",
)
AREAS = (*WORK_AREAS, "security", "infrastructure", "communication")
# Typical disciplines: (their usual share of an organisation in %, the vocabulary
# areas their people write about). The demo and the synthetic organisations of
# the matching benches and tests are built from this one table.
TYPICAL_DISCIPLINES: dict[str, tuple[int, tuple[str, ...]]] = {
    "Engineering": (28, ("engineering", "infrastructure", "security")),
    "Data": (8, ("data", "engineering")),
    "Design": (6, ("design", "research", "communication")),
    "Product": (7, ("product", "design", "data")),
    "Research": (3, ("research", "data")),
    "Marketing": (8, ("marketing", "communication")),
    "Sales": (14, ("sales", "communication")),
    "Operations": (10, ("operations", "infrastructure", "finance")),
    "Finance": (5, ("finance", "data")),
    "Legal": (3, ("legal", "security")),
    "People": (8, ("people-management", "communication")),
}
COLUMNS = ("name", "area", "synonyms", "abbreviations")
CASE_SENSITIVE_MARK = "="
T = TypeVar("T")


class VocabularyError(ValueError):
    """The vocabulary file is malformed; `problems` lists each one with its line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Alias:
    """Another way of writing a topic; case-sensitive ones match only as written."""

    text: str
    kind: str  # "name", "synonym" or "abbreviation"
    case_sensitive: bool = False

    @property
    def key(self) -> str:
        return alias_key(self.text, case_sensitive=self.case_sensitive)


@dataclass(frozen=True)
class TopicEntry:
    """One topic of the vocabulary file."""

    name: str
    slug: str
    area: str
    aliases: tuple[Alias, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in a text where a topic is mentioned."""

    slug: str
    start: int
    end: int
    text: str


def slugify(name: str) -> str:
    """A URL-safe identifier that keeps "C++" and "C#" apart from "C"."""
    folded = fold(name).replace("++", " plus plus ").replace("#", " sharp ")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def alias_key(text: str, *, case_sensitive: bool) -> str:
    """The form in which an alias is looked up: stems, or raw words if case-sensitive."""
    words = tokens(text)
    if case_sensitive:
        return CASE_SENSITIVE_MARK + " ".join(t.raw for t in words)
    return " ".join(t.stem for t in words)


def _aliases(cell: str, kind: str) -> list[Alias]:
    result = []
    for item in cell.split(";"):
        item = item.strip()
        if not item:
            continue
        sensitive = item.startswith(CASE_SENSITIVE_MARK)
        text = item[1:].strip() if sensitive else item
        result.append(Alias(text=text, kind=kind, case_sensitive=sensitive))
    return result


def parse_vocabulary(text: str) -> list[TopicEntry]:
    """Read the vocabulary CSV; raise VocabularyError listing every problem."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != COLUMNS:
        raise VocabularyError([f"line 1: the header must be {','.join(COLUMNS)}, got {header!r}"])
    problems: list[str] = []
    entries: list[TopicEntry] = []
    owner_of: dict[str, tuple[str, int]] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(f"line {line_no}: expected {len(COLUMNS)} cells, got {len(row)}")
            continue
        name, area, synonyms, abbreviations = (cell.strip() for cell in row)
        if not name or not tokens(name):
            problems.append(f"line {line_no}: the name is empty")
            continue
        if area not in AREAS:
            problems.append(f"line {line_no}: unknown area {area!r}; use one of {', '.join(AREAS)}")
        aliases = [Alias(text=name, kind="name")]
        aliases += _aliases(synonyms, "synonym") + _aliases(abbreviations, "abbreviation")
        kept = []
        for alias in aliases:
            key = alias.key
            if key in {CASE_SENSITIVE_MARK, ""}:
                problems.append(f"line {line_no}: alias {alias.text!r} has no words")
                continue
            owner = owner_of.get(key)
            if owner is not None and owner[0] != name:
                problems.append(
                    f"line {line_no}: {alias.text!r} already names {owner[0]!r} (line {owner[1]})"
                )
                continue
            if owner is None:
                owner_of[key] = (name, line_no)
                kept.append(alias)
        entries.append(TopicEntry(name=name, slug=slugify(name), area=area, aliases=tuple(kept)))
    slugs: dict[str, str] = {}
    for entry in entries:
        if entry.slug in slugs:
            problems.append(f"topics {slugs[entry.slug]!r} and {entry.name!r} have the same slug")
        slugs[entry.slug] = entry.name
    if problems:
        raise VocabularyError(problems)
    return entries


def load_vocabulary(path: Path) -> list[TopicEntry]:
    """Read and check the vocabulary file at `path` (parsed once per version of the file)."""
    path = Path(path).resolve()
    stat = path.stat()
    return list(_load_vocabulary(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4)
def _load_vocabulary(path: Path, mtime_ns: int, size: int) -> tuple[TopicEntry, ...]:
    # Parsing stems ~25,000 aliases; encoders and commands ask for it often.
    return tuple(parse_vocabulary(path.read_text(encoding="utf-8-sig")))


class AliasIndex(Generic[T]):
    """Alias keys (see `alias_key`) and what each names, scanned longest phrase first.

    The one scan behind every reading of topics in text: `TopicMatcher` here, and
    the matching engine's `TopicReader`, which feeds it words it has cached.
    Matching is a single left-to-right pass that only tries phrases starting with
    a known first word; the first value given for a key is kept.
    """

    def __init__(self, keyed: Iterable[tuple[str, T]]):
        self._value_of: dict[tuple[bool, tuple[str, ...]], T] = {}
        self._first_words: set[tuple[bool, str]] = set()
        self._longest = 1
        for key, value in keyed:
            sensitive = key.startswith(CASE_SENSITIVE_MARK)
            words = tuple((key[1:] if sensitive else key).split())
            if not words:
                continue
            self._value_of.setdefault((sensitive, words), value)
            self._first_words.add((sensitive, words[0]))
            self._longest = max(self._longest, len(words))

    def __len__(self) -> int:
        return len(self._value_of)

    def scan(self, words: Sequence[tuple[str, str]]) -> list[tuple[T, int, int]]:
        """Each mention among `words` ((as written, stem) each), in order, never
        overlapping: (what it names, its first word's position, its number of words)."""
        found = []
        i = 0
        while i < len(words):
            match = self._match_at(words, i)
            if match is None:
                i += 1
                continue
            found.append((match[0], i, match[1]))
            i += match[1]
        return found

    def _match_at(self, words: Sequence[tuple[str, str]], i: int) -> tuple[T, int] | None:
        sensitive = (True, words[i][0]) in self._first_words
        insensitive = (False, words[i][1]) in self._first_words
        if not (sensitive or insensitive):
            return None
        for n in range(min(self._longest, len(words) - i), 0, -1):
            window = words[i : i + n]
            if sensitive:
                value = self._value_of.get((True, tuple(w[0] for w in window)))
                if value is not None:
                    return value, n
            if insensitive:
                value = self._value_of.get((False, tuple(w[1] for w in window)))
                if value is not None:
                    return value, n
        return None


class TopicMatcher:
    """Finds vocabulary topics in free text, longest phrase first (see `AliasIndex`)."""

    def __init__(self, keyed_aliases: Iterable[tuple[str, str]]):
        self._aliases = AliasIndex((key, slug) for key, slug in keyed_aliases if slug)

    @classmethod
    def from_entries(cls, entries: Iterable[TopicEntry]) -> TopicMatcher:
        return cls((alias.key, entry.slug) for entry in entries for alias in entry.aliases)

    def __len__(self) -> int:
        return len(self._aliases)

    def mentions(self, text: str) -> list[Mention]:
        """Every topic mention in `text`, in order, never overlapping."""
        words = tokens(text)
        found = []
        for slug, first, count in self._aliases.scan([(t.raw, t.stem) for t in words]):
            start, end = words[first].start, words[first + count - 1].end
            found.append(Mention(slug=slug, start=start, end=end, text=text[start:end]))
        return found

    def topics(self, text: str) -> list[str]:
        """The distinct topic slugs `text` mentions, in order of first mention."""
        return list(dict.fromkeys(m.slug for m in self.mentions(text)))
