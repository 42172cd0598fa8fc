"""Phrases to feature ids: what the vocabulary encoder counts in each phrase, and what
the vocabulary says about those features before any organisation is read.

A phrase's features are, in order: the vocabulary topics it names; then for each
word its light stem and its family ("inspection": "inspection" and "~inspect"),
the words of an acronym's expansion where the organisation spells one out, and
each pair of adjacent words. Words are hashed into `TERM_BUCKETS` features after
the topics.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from trellis.matching.engine.encoders.sparse import row_norms, top_per_row
from trellis.matching.engine.encoders.topics import (
    FAMILY_MARK,
    TopicReader,
    family_term,
    term,
    word_data,
)
from trellis.matching.engine.encoders.words import GENERIC_WEIGHT, GENERIC_WORDS, STOP_WORDS
from trellis.text.acronyms import AcronymIndex
from trellis.text.normalise import WORD, fold, split_phrases

# Words are hashed into this many features (crc32, so the same in every process).
TERM_BUCKETS = 1 << 20


def term_id(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) % TERM_BUCKETS


# A word's own feature is asked for every time it is written; adjacent pairs are
# too many to remember.
_word_term_id = lru_cache(maxsize=1 << 18)(term_id)


class PhraseReader:
    """Reads phrases into packed feature ids, remembering each phrase it has read.

    `learned` gives a reader for one organisation: the acronyms it spells out,
    and a memory of its own (a phrase reads differently once acronyms are known).
    """

    def __init__(
        self, topics: TopicReader, *, families: bool, acronyms: AcronymIndex | None = None
    ):
        self.topics = topics
        self.topic_count = len(topics.slugs)
        self.features = self.topic_count + TERM_BUCKETS
        self.families = families
        self.acronyms = acronyms or AcronymIndex()
        self._phrases: dict[str, bytes] = {}  # phrase -> its feature ids, packed int32

    def learned(self, phrases: Sequence[str]) -> PhraseReader:
        """A reader that also reads the acronyms these phrases spell out, except those
        the vocabulary already names (a vocabulary that lists "API" knows better)."""
        acronyms = AcronymIndex.learn(phrases).without(
            lambda key: bool(self.topics.topic_ids(key.upper()))
        )
        return PhraseReader(self.topics, families=self.families, acronyms=acronyms)

    def phrase(self, phrase: str) -> bytes:
        """Feature ids of one phrase (its topics first, then words and adjacent word pairs), as
        packed int32: a million members write millions of distinct phrases, and a
        tuple of Python ints took five times the memory (1.3 GB at a million)."""
        found = self._phrases.get(phrase)
        if found is not None:
            return found
        words = [word_data(m.group()) for m in WORD.finditer(phrase)]
        ids = self.topics.topic_ids(phrase, words)
        previous = None
        for word in words:
            feature = word[3]
            if feature is None:
                previous = None
                continue
            ids += self._word_ids(word)
            for expansion in self.acronyms.expand(word[0]):
                ids += self._expansion_ids(expansion)
            if previous is not None:
                ids.append(self.topic_count + term_id(f"{previous} {feature}"))
            previous = feature
        found = self._phrases[phrase] = array("i", ids).tobytes()
        return found

    def _expansion_ids(self, expansion: tuple[str, ...]) -> list[int]:
        """The word (and family) features of an acronym's expansion."""
        ids = []
        for raw in expansion:
            word = word_data(raw)
            if word[3] is not None:
                ids += self._word_ids(word)
        return ids

    def _word_ids(self, word: tuple) -> list[int]:
        """A word's features: its light stem, and its family, so words of one family
        share a feature and words written alike share two."""
        own = self.topic_count + _word_term_id(word[3])
        if not self.families:
            return [own]
        return [own, self.topic_count + _word_term_id(FAMILY_MARK + word[5])]

    def phrase_topics(self, phrase: str) -> tuple[str, ...]:
        """Topic slugs one phrase names, in order of first mention (as `TopicReader`),
        from the features already read for it."""
        slugs = []
        for i in array("i", self.phrase(phrase)):
            if i >= self.topic_count:
                break  # a phrase's topics come before its words (see `phrase`)
            slugs.append(self.topics.slugs[i])
        return tuple(slugs)

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear term frequencies (1 + ln count), one row per text."""
        indices = array("i")
        indptr = array("q", [0])
        phrase = self.phrase
        for text in texts:
            if text:
                for part in split_phrases(text):
                    indices.frombytes(phrase(part))
            indptr.append(len(indices))
        index_array = np.frombuffer(indices, dtype=np.int32) if indices else np.zeros(0, np.int32)
        matrix = sp.csr_matrix(
            (np.ones(len(index_array), np.float32), index_array, np.frombuffer(indptr, np.int64)),
            shape=(len(texts), self.features),
        )
        matrix.sum_duplicates()
        matrix.data = 1 + np.log(matrix.data)
        return matrix


@lru_cache(maxsize=1 << 18)
def _meaning_word(raw: str) -> str | None:
    """How the semantic layer reads one written word: None for a word that is not a
    feature, lower case unless written as an acronym ("IaC", "SLA" stay)."""
    if word_data(raw)[3] is None:
        return None
    acronym = len(raw) <= 6 and sum(c.isupper() for c in raw) >= 2
    return raw if acronym else raw.lower()


def meaning_words(phrase: str) -> list[str]:
    """The words of a phrase the semantic layer reads, in order."""
    return [word for raw in WORD.findall(phrase) if (word := _meaning_word(raw)) is not None]


# What the vocabulary says about features, before any organisation is read.


def generic_factors(reader: PhraseReader) -> np.ndarray:
    """Per feature, GENERIC_WEIGHT for generic words, pairs of them, and topics named
    by them only; 1 for every other feature."""
    words = sorted({term(word) for word in GENERIC_WORDS} - {None})
    families = sorted({family_term(word) for word in GENERIC_WORDS} - {None})
    ids = [term_id(w) for w in [*words, *families]]
    ids += [term_id(f"{x} {y}") for x in words for y in words]
    factors = np.ones(reader.features, np.float32)
    factors[reader.topic_count + np.array(ids)] = GENERIC_WEIGHT
    for i, slug in enumerate(reader.topics.slugs):
        named = [fold(m.group()) for m in WORD.finditer(reader.topics.names[slug])]
        named = [word for word in named if word not in STOP_WORDS]
        if named and all(term(word) in words for word in named):
            factors[i] = GENERIC_WEIGHT
    return factors


def word_concepts(
    reader: PhraseReader, related: float, broad: int
) -> tuple[sp.csr_matrix, np.ndarray]:
    """features x topics: a topic feature is its topic; a word points to the (at most
    `broad`) topics whose names and synonyms use it, by tf-idf over the vocabulary,
    at strength `related`. And per feature its breadth factor: a word the vocabulary
    uses for many topics ("data", "customer") says little about which problem a
    statement is about, so one pointing to more than `broad` weighs proportionally less."""
    topics = reader.topic_count
    entries = reader.topics.entries
    texts = ["; ".join(alias.text for alias in entry.aliases) for entry in entries]
    words = reader.counts(texts)[:, topics:].tocsc()
    in_topics = np.diff(words.indptr)
    idf = np.log((topics + 1) / (in_topics + 1)) + 1
    words = sp.csr_matrix(words @ sp.diags(idf.astype(np.float32)))
    norms = row_norms(words.data, words.indptr)
    words = sp.diags(np.divide(1, norms, out=np.zeros_like(norms), where=norms > 0)) @ words
    pointing = sp.csr_matrix(words.T * np.float32(related))
    breadth = np.ones(reader.features, np.float32)
    breadth[topics:] = broad / np.maximum(np.diff(pointing.indptr), broad)
    pointing = top_per_row(pointing, broad)
    concepts = sp.vstack([sp.identity(topics, np.float32, format="csr"), pointing]).tocsr()
    return concepts, breadth
