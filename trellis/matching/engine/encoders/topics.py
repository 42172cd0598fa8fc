"""Reading vocabulary topics in phrases, and what Trellis reads in each written word."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

from trellis.matching.engine.encoders.words import STOP_WORDS
from trellis.text.families import family
from trellis.text.normalise import WORD, fold, stem
from trellis.text.spelling import american
from trellis.text.vocabulary import AliasIndex, TopicEntry

PHRASES_REMEMBERED = 1 << 20  # TopicReader's memory of phrases it has read
FAMILY_MARK = "~"  # a family's feature text starts with it, so "scal" the family is not a word


class TopicReader:
    """Finds vocabulary topics in phrases, however they are written.

    Exact mentions follow the vocabulary's own rules (`TopicMatcher`: aliases
    by light stems, case-sensitive ones as written, longest first), read once
    more with British spellings made American. A looser reading then finds a
    multi-word name or synonym whose words appear together in another order or
    form ("optimising cloud costs" names "cloud cost optimization"), unless
    those words are already part of a topic found exactly.

    Both exact readings go through the vocabulary's own scan (`AliasIndex`), fed
    words whose stems are computed once per distinct word (`word_data`): encoding
    reads hundreds of thousands of distinct phrases.
    """

    def __init__(self, entries: Sequence[TopicEntry]):
        self.entries = tuple(entries)
        self.slugs = tuple(entry.slug for entry in entries)
        self.names = {entry.slug: entry.name for entry in entries}
        self.id_of = {slug: i for i, slug in enumerate(self.slugs)}
        self._exact = AliasIndex(
            (alias.key, i) for i, entry in enumerate(entries) for alias in entry.aliases
        )
        owners: dict[frozenset[str], set[int]] = {}
        for i, entry in enumerate(entries):
            for alias in entry.aliases:
                roots = [word_data(m.group())[4] for m in WORD.finditer(alias.text)]
                roots = [r for r in roots if r is not None]
                plain = not alias.case_sensitive and alias.kind != "abbreviation"
                if plain and len(roots) >= 2 and len(set(roots)) == len(roots):
                    owners.setdefault(frozenset(roots), set()).add(i)
        # Word sets that name two topics ("system design", "design systems") stay exact only.
        self._loose = {words: ids.pop() for words, ids in owners.items() if len(ids) == 1}
        self._loose_sizes = sorted({len(words) for words in self._loose})
        self._seen: dict[str, tuple[str, ...]] = {}
        self._name_roots = [
            {word_data(m.group())[4] for m in WORD.finditer(entry.name)} for entry in entries
        ]

    def __call__(self, phrase: str) -> tuple[str, ...]:
        """Topic slugs a phrase names, in order of first mention.

        Remembered per phrase: explanations read the same person's phrases once
        for every pair they are in.
        """
        found = self._seen.get(phrase)
        if found is None:
            if len(self._seen) >= PHRASES_REMEMBERED:
                self._seen.clear()
            found = self._seen[phrase] = tuple(self.slugs[i] for i in self.topic_ids(phrase))
        return found

    def topic_ids(self, phrase: str, words: list[tuple] | None = None) -> list[int]:
        """Topic positions a phrase names, in order of first mention, each once."""
        if words is None:
            words = [word_data(m.group()) for m in WORD.finditer(phrase)]
        found = self._scan([(w[0], w[1]) for w in words])
        if any(w[1] != w[2] for w in words):
            found += self._scan([(w[0], w[2]) for w in words])
        roots = [w[4] for w in words if w[4] is not None]
        for size in self._loose_sizes:
            for start in range(len(roots) - size + 1):
                topic = self._loose.get(frozenset(roots[start : start + size]))
                if topic is not None and not self._named(roots[start : start + size], found):
                    found.append(topic)
        return list(dict.fromkeys(found))

    def _scan(self, words: list[tuple[str, str]]) -> list[int]:
        return [topic for topic, _, _ in self._exact.scan(words)]

    def _named(self, roots: list[str], found: list[int]) -> bool:
        """Whether these words are all part of the name of a topic already found."""
        return any(set(roots) <= self._name_roots[topic] for topic in found)


_SNOWBALL = snowballstemmer.stemmer("english")


@lru_cache(maxsize=500_000)
def word_data(raw: str) -> tuple[str, str, str, str | None, str | None, str | None]:
    """What Trellis reads in one written word, computed once per distinct word.

    (as written, light stem as the vocabulary matches it, light stem of the
    American spelling, the feature it counts as (None for a stop word or a
    number), its aggressive stem for loose topic matching (None for a stop word),
    its word family (`text.families`: "scalability" and "scaling" share one; None
    when the word counts as no feature)).
    """
    folded = fold(raw)
    americanised = american(folded)
    light = stem(folded)
    light_american = stem(americanised)
    stop = folded in STOP_WORDS or len(folded) == 1
    feature = None if stop or folded.isdigit() else light_american
    return (
        raw,
        light,
        light_american,
        feature,
        None if stop else _SNOWBALL.stemWord(americanised),
        None if feature is None else family(americanised),
    )


def term(raw: str) -> str | None:
    """The feature a written word counts as, or None for a stop word or a number."""
    return word_data(raw)[3]


def family_term(raw: str) -> str | None:
    """The feature a written word's family counts as (marked apart from words), or None."""
    key = word_data(raw)[5]
    return None if key is None else FAMILY_MARK + key
