"""Acronyms an organisation defines in its own writing.

When one person writes "VAP bundle" and another "ventilator-associated pneumonia
prevention", the two share no word; but the second spells out what the first
abbreviates. `AcronymIndex.learn` reads the organisation's phrases for words
written as acronyms ("VAP", "IaC", "DoLS": two to six letters, at least two of
them capitals) and for runs of words whose initials spell one of them ("v"entilator
"a"ssociated "p"neumonia; "i"nfrastructure "a"s "c"ode), counting each run, with
and without the small words in between. `expand` then gives an acronym's most
written expansions, so a reader can count their words next to the acronym.

No list of acronyms is built in: whatever the organisation writes both ways is
learned, in any trade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from trellis.text.normalise import WORD

MIN_LETTERS = 2
MAX_LETTERS = 6
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to"})


def acronym_key(word: str) -> str | None:
    """The letters of a word written as an acronym, lower case ("IaC" -> "iac"), or None."""
    # Most words are lower case: the cheapest test first (reading a large
    # organisation asks this of every word it writes).
    if not word[:1].isupper() or not MIN_LETTERS <= len(word) <= MAX_LETTERS:
        return None
    if not word.isalpha() or sum(c.isupper() for c in word) < 2:
        return None
    return word.lower()


def _prefixes(keys: set[str]) -> set[str]:
    return {key[:i] for key in keys for i in range(1, len(key) + 1)}


def _runs(words: list[str], keys: set[str], prefixes: set[str]):
    """(key, run of words) for every run whose initials spell a known acronym: runs
    that begin and end with a word of substance and do not contain the acronym itself
    ("ai in" spells nothing). A run counts its initials with and without the small
    words in between. Runs stop growing once their initials begin no acronym, which
    keeps reading a large organisation's phrases cheap."""
    for start, first in enumerate(words):
        if first in SMALL_WORDS or first[0] not in prefixes:
            continue
        spelled: str | None = ""  # every word's initial, while it begins an acronym
        content: list[str] = []  # the words of substance
        content_spelled: str | None = ""
        for size, word in enumerate(words[start : start + MAX_LETTERS], start=1):
            if spelled is not None:
                spelled += word[0]
                spelled = spelled if spelled in prefixes else None
            small = word in SMALL_WORDS
            if not small:
                content.append(word)
                if content_spelled is not None:
                    content_spelled += word[0]
                    content_spelled = content_spelled if content_spelled in prefixes else None
            if spelled is None and content_spelled is None:
                break
            if size < MIN_LETTERS or small:
                continue
            run = words[start : start + size]
            if spelled in keys and spelled not in run:
                yield spelled, tuple(run)
            if (
                MIN_LETTERS <= len(content) < size
                and content_spelled in keys
                and content_spelled not in run
            ):
                yield content_spelled, tuple(content)


@dataclass(frozen=True)
class AcronymIndex:
    """Acronym letters -> their expansions in this organisation's writing, most written first."""

    expansions: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def learn(cls, phrases: Iterable[str], *, most: int = 3) -> AcronymIndex:
        """Learn from phrases (each once; order does not matter) which runs of words
        spell which acronyms; keep each acronym's `most` most written expansions, and
        only those written at least half as often as the most written one (and, for
        two-letter acronyms, more than once)."""
        written = [WORD.findall(phrase) for phrase in phrases]
        distinct = {word for words in written for word in words}
        keys = {key for word in distinct if (key := acronym_key(word))}
        if not keys:
            return cls()
        prefixes = _prefixes(keys)
        counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for words in written:
            if len(words) >= MIN_LETTERS:
                # A word with digits or signs begins no acronym, so it ends every run.
                words = [w.lower() if w.isalpha() else "\0" for w in words]
                counts.update(_runs(words, keys, prefixes))
        found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for (key, run), count in counts.items():
            found.setdefault(key, []).append((count, run))
        expansions = {}
        for key, runs in found.items():
            # Two letters spell too many runs by chance ("calls, demos" for "CD"): a
            # two-letter acronym's expansion must be written more than once.
            least = 2 if len(key) == MIN_LETTERS else 1
            runs = sorted((r for r in runs if r[0] >= least), key=lambda r: (-r[0], r[1]))
            if runs:
                best = runs[0][0]
                kept = tuple(run for count, run in runs[:most] if 2 * count >= best)
                expansions[key] = kept
        return cls(expansions)

    def without(self, known) -> AcronymIndex:
        """The index without the acronyms `known(key)` says are already understood (a
        vocabulary that lists "API" knows better than a run of initials)."""
        return AcronymIndex({k: v for k, v in self.expansions.items() if not known(k)})

    def expand(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The expansions of a word written as an acronym (none for any other word)."""
        if not self.expansions:
            return ()
        key = acronym_key(word)
        return self.expansions.get(key, ()) if key else ()

    def __len__(self) -> int:
        return len(self.expansions)
