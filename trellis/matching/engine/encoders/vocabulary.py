"""The offline encoder: vocabulary topics and words, weighed by this organisation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from trellis.matching.engine.encoders.profiles import (
    KINDS,
    SOURCES,
    Meaning,
    Profiles,
    Sketch,
    TopicSets,
    statements,
)
from trellis.matching.engine.encoders.reading import (
    PhraseReader,
    generic_factors,
    meaning_words,
    word_concepts,
)
from trellis.matching.engine.encoders.semantic import MeaningLayer
from trellis.matching.engine.encoders.sparse import (
    empty_sketch,
    normalise_rows,
    packed,
    row_norms,
    row_sums,
    top_per_row,
    top_right_singular_vectors,
)
from trellis.matching.engine.encoders.topics import (
    PHRASES_REMEMBERED,
    TopicReader,
)
from trellis.matching.engine.people import Person
from trellis.text.acronyms import AcronymIndex
from trellis.text.normalise import split_phrases
from trellis.text.vocabulary import load_vocabulary

DEFAULT_VOCABULARY = Path(__file__).resolve().parents[4] / "data" / "topics.csv"
_CHUNK = 65_536  # people encoded at a time, to bound memory


MEANING_KINDS = ("interest", "offers", "wants", "working")  # what scores compare by meaning


NEED_KINDS = ("wants", "working")  # what a taker asks for: learning, and what they work on
COVER_KINDS = ("offers", "working")  # what a giver brings: their offer, and their work
DENSE_KINDS = ("interest", "offers", "wants")  # what candidate search reads
SKETCH_KINDS = ("interest",)  # compared by cosine (shared interest); teaching uses the above
COVER_PAD = np.iinfo(np.int32).max  # sorts after every feature id


class VocabularyEncoder:
    """The offline encoder: vocabulary topics + words, weighed by this organisation.

    Dense rows: `concept_dim` dimensions of concepts (the `concept_dim` most
    used topics exact, the rest random directions), `dim - concept_dim` of
    latent semantics fitted on at most `svd_sample` statements, for the
    `dense_kinds` only (candidate search reads interest, offers and wants).
    Sketches and needs keep `sketch_width` entries, words weighing `word_share`
    against concepts; covers keep `cover_width` (a power of two).

    The defaults were chosen on `tests/test_paraphrase.py` (see the report in
    its output): `related` (how strongly a word points to its topics), `broad`
    (a word pointing to more topics than this weighs proportionally less and
    keeps only its `broad` strongest), `topic_boost` (a named topic weighs
    this many words), `generic_share` (the share of statements above which a
    feature counts as generic in this organisation), `curious_share` (weight
    of "curious about" in interest).
    """

    def __init__(
        self,
        vocabulary_path: Path | str | None = None,
        dim: int = 128,
        seed: int = 0,
        *,
        concept_dim: int = 96,
        concept_share: float = 0.5,
        related: float = 1.5,
        topic_boost: float = 2.0,
        curious_share: float = 0.5,
        generic_share: float = 0.10,
        svd_sample: int = 50_000,
        floor: float = 0.5,
        broad: int = 5,
        sketch_width: int = 16,
        cover_width: int = 64,
        word_share: float = 0.4,
        dense_kinds: Sequence[str] = DENSE_KINDS,
        families: bool = True,
        meaning: MeaningLayer | None = None,
        candidate_meaning: float = 0.3,
        acronym_sample: int = 200_000,
    ):
        if not 0 <= concept_dim <= dim:
            raise ValueError("concept_dim must be between 0 and dim")
        if cover_width < 1 or cover_width & (cover_width - 1):
            raise ValueError("cover_width must be a power of two (scores search it by halves)")
        self.vocabulary_path = Path(vocabulary_path or DEFAULT_VOCABULARY)
        self.dim = dim
        self.seed = seed
        self.concept_dim = concept_dim
        self.concept_share = concept_share if concept_dim else 0.0
        self.related = related
        self.topic_boost = topic_boost
        self.curious_share = curious_share
        self.generic_share = generic_share
        self.svd_sample = svd_sample
        self.floor = floor
        self.broad = broad
        self.sketch_width = sketch_width
        self.cover_width = cover_width
        self.dense_kinds = tuple(dense_kinds)
        self.word_share = word_share
        self.families = families
        self.meaning = meaning
        self.candidate_meaning = candidate_meaning
        self.acronym_sample = acronym_sample
        self.reader = TopicReader(load_vocabulary(self.vocabulary_path))
        self.phrases = PhraseReader(self.reader, families=families)
        self.topics = self.phrases.topic_count
        self.features = self.phrases.features
        self.generic = generic_factors(self.phrases)
        self._text_memory: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.concepts, self.breadth = word_concepts(self.phrases, self.related, self.broad)
        self._fitted = False

    # Reading text into feature counts.

    @property
    def acronyms(self) -> AcronymIndex:
        """The acronyms this organisation spells out (known once fitted)."""
        return self.phrases.acronyms

    def phrase_topics(self, phrase: str) -> tuple[str, ...]:
        """Topic slugs one phrase names, in order of first mention."""
        return self.phrases.phrase_topics(phrase)

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.phrases.counts(texts)

    def _read_organisation(self, people: Sequence[Person]) -> None:
        """Learn what reading phrases depends on, from the organisation's distinct
        phrases: the acronyms it spells out, and (with a semantic layer) its meaning
        space. Phrases read before (the vocabulary's own) are read again after."""
        uses: dict[str, int] = {}
        for source in SOURCES:
            for text in statements(people, source):
                if text:
                    for part in split_phrases(text):
                        uses[part] = uses.get(part, 0) + 1
        phrases = list(uses)
        # A new reader and memories, not cleared ones: a copy of an encoder
        # (fit.fresh_encoder) must not share what it reads with this organisation's.
        self.phrases = self.phrases.learned(phrases[: self.acronym_sample])
        self._text_memory = {}
        if self.meaning is not None:
            self.meaning.fit([meaning_words(p) for p in phrases], [uses[p] for p in phrases])

    @property
    def _meaning_on(self) -> bool:
        return self.meaning is not None and self.meaning.fitted

    def _meaning_rows(self, people: Sequence[Person]) -> dict[str, np.ndarray]:
        """Each person's statements placed by meaning, interest built like its words."""
        rows = {source: self.meaning.place_texts(statements(people, source)) for source in SOURCES}
        interest = rows.pop("posts") + rows["working"] + self.curious_share * rows["curious"]
        normalise_rows(interest)
        rows["interest"] = interest
        return {kind: rows[kind] for kind in MEANING_KINDS}

    def _source_counts(self, people: Sequence[Person]) -> dict[str, sp.csr_matrix]:
        return {kind: self._counts(statements(people, kind)) for kind in SOURCES}

    # Fitting: weights from this organisation's text, then the latent space.

    def fit(self, people: Sequence[Person]) -> VocabularyEncoder:
        """Learn word weights and the latent space from these people's statements."""
        rng = np.random.default_rng(self.seed)
        self._read_organisation(people)
        df = np.zeros(self.features, np.int64)
        people_using = np.zeros(self.features, np.int64)
        documents = 0
        per_person = max(1, self.svd_sample // len(SOURCES))
        sample = np.sort(rng.permutation(len(people))[:per_person])
        sampled: list[sp.csr_matrix] = []
        for start in range(0, len(people), _CHUNK):
            chunk = people[start : start + _CHUNK]
            counts = self._source_counts(chunk)
            for matrix in counts.values():
                df += np.bincount(matrix.indices, minlength=self.features)
                documents += int(np.count_nonzero(np.diff(matrix.indptr)))
            anything = sum(counts.values())
            anything.sum_duplicates()
            people_using += np.bincount(anything.indices, minlength=self.features)
            rows = sample[(sample >= start) & (sample < start + len(chunk))] - start
            sampled += [matrix[rows] for matrix in counts.values()]
        self._set_weights(df, documents)
        # A word only one person uses cannot meet anyone else's: teaching ignores
        # it rather than let it crowd out words that can.
        self.matchable = np.ones(self.features, np.float32)
        self.matchable[self.topics :][people_using[self.topics :] < 2] = 0
        self._fit_concepts(df[: self.topics], rng)
        self._fit_latent(sp.vstack(sampled).tocsr(), df)
        self._fitted = True
        return self

    def _set_weights(self, df: np.ndarray, documents: int) -> None:
        """idf, damped for words a large share of the organisation writes.

        A feature in more than `generic_share` of all statements weighs almost
        nothing; one in a tenth of that share or fewer keeps its full idf; in
        between the damping is log-linear. Small organisations (fewer than 200
        statements) are not damped: they cannot tell generic from shared.
        """
        idf = np.log((documents + 1) / (df + 1)) + 1
        generic_df = max(self.generic_share * documents, 20.0)
        damping = np.clip(np.log(generic_df / (df + 1)) / np.log(10), 0.02, 1.0)
        boost = np.ones(self.features)
        boost[: self.topics] = self.topic_boost
        self.weight = (idf * damping * boost * self.generic * self.breadth).astype(np.float32)
        self.full_weight = (idf * boost).astype(np.float32)

    def _fit_concepts(self, topic_df: np.ndarray, rng) -> None:
        """Topics to concept dimensions: the most used topics each get a dimension of
        their own, so they never blur into one another; the rest random directions."""
        dims = self.concept_dim
        projection = rng.standard_normal((self.topics, dims)) / np.sqrt(max(dims, 1))
        used = np.argsort(-topic_df, kind="stable")[: min(dims, np.count_nonzero(topic_df))]
        projection[used] = np.eye(dims)[: len(used)]
        self.concept_projection = projection.astype(np.float32)

    def _fit_latent(self, rows: sp.csr_matrix, df: np.ndarray) -> None:
        kept = np.flatnonzero(df[self.topics :] >= 2) + self.topics
        if len(kept) > 262_144:
            kept = kept[np.argsort(-df[kept], kind="stable")[:262_144]]
            kept.sort()
        self.kept = kept
        self.column_of = np.full(self.features, -1, np.int64)
        self.column_of[kept] = np.arange(len(kept))
        sample = self._kept_columns(self._unit(rows)[0])
        sample = sample[np.diff(sample.indptr) > 0]
        latent_dim = self.dim - self.concept_dim
        rank = min(latent_dim, sample.shape[0] - 1, sample.shape[1] - 1)
        self.components = np.zeros((len(kept), latent_dim), np.float32)
        if rank > 0:
            self.components[:, :rank] = top_right_singular_vectors(sample, rank, self.seed)

    def _kept_columns(self, matrix: sp.csr_matrix) -> sp.csr_matrix:
        columns = self.column_of[matrix.indices]
        keep = columns >= 0
        row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[keep]
        indptr = np.zeros(matrix.shape[0] + 1, np.int64)
        np.cumsum(np.bincount(row_of, minlength=matrix.shape[0]), out=indptr[1:])
        return sp.csr_matrix(
            (matrix.data[keep], columns[keep].astype(np.int32), indptr),
            shape=(matrix.shape[0], len(self.kept)),
        )

    def _unit(self, counts: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray]:
        """Weighted rows scaled to length 1, and each row's specific share."""
        weighted = counts.copy()
        weighted.data = counts.data * self.weight[counts.indices]
        full = counts.data * self.full_weight[counts.indices]
        norms = row_norms(weighted.data, counts.indptr)
        full_norms = row_norms(full, counts.indptr)
        specific = np.divide(norms, full_norms, out=np.zeros_like(norms), where=full_norms > 0)
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        weighted.data *= np.repeat(scale, np.diff(counts.indptr)).astype(np.float32)
        return weighted, specific

    # Encoding.

    def encode(self, people: Sequence[Person]) -> Profiles:
        """Vectors and topics for these people (fit first, usually on the same people)."""
        if not self._fitted:
            raise RuntimeError("Fit the encoder on the organisation before encoding.")
        n = len(people)
        width = self.meaning.width if self._meaning_on else 0
        out = {kind: np.zeros((n, self.dim + width), np.float32) for kind in self.dense_kinds}
        out.update({kind: None for kind in KINDS if kind not in out})
        meaning = {kind: np.zeros((n, width), np.float16) for kind in MEANING_KINDS}
        sketches = {
            "sketches": {kind: empty_sketch(n, self.sketch_width) for kind in SKETCH_KINDS},
            "needs": {kind: empty_sketch(n, self.sketch_width) for kind in NEED_KINDS},
            "covers": {
                kind: empty_sketch(n, self.cover_width, pad=COVER_PAD) for kind in COVER_KINDS
            },
        }
        topic_parts: dict[str, list[sp.csr_matrix]] = {kind: [] for kind in KINDS}
        for start in range(0, n, _CHUNK):
            chunk = people[start : start + _CHUNK]
            rows = slice(start, start + len(chunk))
            placed = self._meaning_rows(chunk) if width else {}
            for kind, counts in self._kind_counts(chunk).items():
                topic_parts[kind].append(counts[:, : self.topics])
                specific = self._encode_kind(kind, counts, rows, out, sketches)
                if kind in placed:
                    self._add_meaning(kind, placed[kind] * specific[:, None], rows, out, meaning)
        return Profiles(
            ids=tuple(p.id for p in people),
            **out,
            topics={kind: self._topic_sets(parts) for kind, parts in topic_parts.items()},
            **sketches,
            topic_names=dict(self.reader.names),
            topic_weight={slug: float(self.weight[i]) for i, slug in enumerate(self.reader.slugs)},
            encode_texts=self.encode_texts,
            topics_of=self.phrase_topics,
            text_similarity=self.text_similarity,
            meaning=Meaning(meaning, self.meaning.floor, self.meaning.weight) if width else None,
        )

    def _add_meaning(self, kind, rows_placed, rows, out, meaning) -> None:
        """Keep a kind's placed statements (length: how specific each is) for scores, and
        give candidate search them too: the dense row becomes [words * sqrt(1 - w),
        meaning * sqrt(w)], so its length stays at most 1 and a dot product mixes the two
        at `candidate_meaning`."""
        meaning[kind][rows] = rows_placed
        if out.get(kind) is not None:
            share = np.float32(self.candidate_meaning)
            out[kind][rows, : self.dim] *= np.sqrt(1 - share)
            out[kind][rows, self.dim :] = rows_placed * np.sqrt(share)

    def _kind_counts(self, people: Sequence[Person]) -> dict[str, sp.csr_matrix]:
        """Feature counts of every kind, interest built from work, posts and curiosity."""
        counts = self._source_counts(people)
        counts["interest"] = (
            counts.pop("posts") + counts["working"] + self.curious_share * counts["curious"]
        )
        return {kind: counts[kind] for kind in KINDS}

    def _encode_kind(
        self,
        kind: str,
        counts: sp.csr_matrix,
        rows: slice,
        out: dict[str, np.ndarray | None],
        sketches: dict[str, dict[str, Sketch]],
    ) -> None:
        """Fill one kind's dense rows and sketches (`sketches`, `needs`, `covers`) for
        a chunk of people, at `rows`; return how specific each statement is."""
        unit, specific = self._unit(counts)
        concepts = unit @ self.concepts
        if out[kind] is not None:
            out[kind][rows, : self.dim] = self._dense(unit, concepts, specific)
        if kind in SKETCH_KINDS or kind in NEED_KINDS:
            combined = self._sparse(unit, concepts, specific)
        if kind in SKETCH_KINDS:
            top = top_per_row(combined, self.sketch_width)
            sketch = sketches["sketches"][kind]
            sketch.ids[rows], sketch.weights[rows] = packed(top, self.sketch_width)
        if kind in NEED_KINDS:
            need = sketches["needs"][kind]
            need.ids[rows], need.weights[rows] = self._needs(combined, specific)
        if kind in COVER_KINDS:
            cover = sketches["covers"][kind]
            cover.ids[rows], cover.weights[rows] = self.covers_sketch(counts)
        return specific

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for loose texts (phrases), in the same space as the profiles."""
        texts = list(texts)
        unit, specific = self._unit(self._counts(texts))
        words = self._dense(unit, unit @ self.concepts, specific)
        if not self._meaning_on:
            return words
        share = np.float32(self.candidate_meaning)
        placed = self.meaning.place_texts(texts) * specific[:, None].astype(np.float32)
        return np.hstack([words * np.sqrt(1 - share), placed * np.sqrt(share)])

    def _dense(self, unit, concepts, specific) -> np.ndarray:
        """The dense rows: latent semantics next to projected concepts, of length `specific`."""
        parts = []
        if self.concept_dim < self.dim:
            latent = np.asarray(self._kept_columns(unit) @ self.components, dtype=np.float32)
            parts.append(latent * np.float32(1 - self.concept_share))
        if self.concept_dim:
            projected = np.asarray(concepts @ self.concept_projection, dtype=np.float32)
            parts.append(projected * np.float32(self.concept_share))
        vectors = np.hstack(parts) if len(parts) > 1 else parts[0]
        # Rows the space represents well become unit length; a row mostly made of
        # words too rare to place keeps its shortfall rather than having its
        # remainder blown up.
        norms = np.linalg.norm(vectors, axis=1)
        floor = self.floor * max(self.concept_share, 1 - self.concept_share)
        vectors *= (specific / np.maximum(norms, floor))[:, None].astype(np.float32)
        return vectors

    def _sparse(self, unit, concepts, specific) -> sp.csr_matrix:
        """Words (+) concepts as one sparse vector per row, of length `specific`."""
        words = unit[:, self.topics :] * np.float32(self.word_share)
        concepts = concepts * np.float32(1 - self.word_share)
        combined = sp.hstack([concepts, words], format="csr")
        norms = row_norms(combined.data, combined.indptr)
        scale = np.divide(specific, norms, out=np.zeros_like(norms), where=norms > 0)
        combined.data *= np.repeat(scale, np.diff(combined.indptr)).astype(np.float32)
        return combined

    def needs_sketch(self, counts: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """What statements ask for, as shares: each row's `sketch_width` strongest
        features (words and the concepts they point to, as in `_sparse`) that
        someone else could also name, weights summing to how specific the
        statement is (0 for generic words only)."""
        unit, specific = self._unit(counts)
        return self._needs(self._sparse(unit, unit @ self.concepts, specific), specific)

    def _needs(self, combined: sp.csr_matrix, specific: np.ndarray):
        combined = combined.copy()
        combined.data *= self.matchable[combined.indices]
        combined.eliminate_zeros()
        top = top_per_row(combined, self.sketch_width)
        sums = row_sums(top.data, top.indptr)
        scale = np.divide(specific, sums, out=np.zeros_like(specific), where=sums > 0)
        top.data *= np.repeat(scale, np.diff(top.indptr)).astype(np.float32)
        return packed(top, self.sketch_width)

    def covers_sketch(self, counts: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """What statements offer, as presence in [0, 1]: each word named (1) and each
        concept its words point to (capped at 1), keeping the `cover_width` most
        telling by weight; ids ascending per row, padded with COVER_PAD.

        Not normalised by length: someone who can help with ten things covers more
        needs than someone who can help with one, where a cosine would dilute the
        ten (see `scores` for how needs and covers meet)."""
        present = sp.csr_matrix(counts, copy=True)
        present.data[:] = 1
        concepts = sp.csr_matrix(present @ self.concepts)
        np.minimum(concepts.data, 1, out=concepts.data)
        concepts.data[concepts.data < 0.5] = 0  # a word only loosely tied to a topic
        concepts.eliminate_zeros()
        combined = sp.hstack([concepts, present[:, self.topics :]], format="csr")
        telling = combined.copy()
        telling.data = combined.data * self.weight[combined.indices]
        telling.data *= self.matchable[telling.indices]
        telling.eliminate_zeros()
        top = top_per_row(telling, self.cover_width)  # rows come back sorted by id
        top.data = np.minimum(top.data / self.weight[top.indices], 1).astype(np.float32)
        return packed(top, self.cover_width, pad=COVER_PAD)

    def text_similarity(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """len(left) x len(right): how alike loose texts are, measured as scores measure.

        Explanations ask this for a handful of phrases per pair, hundreds of
        thousands of times in a large round: each text's sparse vector is
        remembered, and the product is taken densely over the columns in use.
        """
        texts = [*left, *right]
        vectors = self._text_vectors(texts)
        if not left or not right:
            return np.zeros((len(left), len(right)), np.float32)
        columns = np.unique(np.concatenate([ids for ids, _, _ in vectors]))
        dense = np.zeros((len(texts), len(columns)), np.float32)
        for row, (ids, weights, _) in enumerate(vectors):
            dense[row, np.searchsorted(columns, ids)] = weights
        words = dense[: len(left)] @ dense[len(left) :].T
        if not self._meaning_on:
            return words
        placed = np.vstack([meaning for _, _, meaning in vectors])
        by_meaning = self.meaning.calibrated(placed[: len(left)] @ placed[len(left) :].T)
        return np.maximum(words, by_meaning)

    def _text_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Each text's `_sparse` vector as (ids, weights) and its placed meaning (length:
        how specific it is; empty without the semantic layer), remembered per text."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._text_memory))
        if missing:
            if len(self._text_memory) + len(missing) > PHRASES_REMEMBERED:
                self._text_memory.clear()
                missing = list(dict.fromkeys(texts))
            unit, specific = self._unit(self._counts(missing))
            rows = self._sparse(unit, unit @ self.concepts, specific)
            placed = (
                self.meaning.place_texts(missing) * specific[:, None].astype(np.float32)
                if self._meaning_on
                else np.zeros((len(missing), 0), np.float32)
            )
            for i, text in enumerate(missing):
                span = slice(rows.indptr[i], rows.indptr[i + 1])
                self._text_memory[text] = (
                    rows.indices[span].copy(),
                    rows.data[span].copy(),
                    placed[i],
                )
        return [self._text_memory[t] for t in texts]

    def _topic_sets(self, parts: list[sp.csr_matrix]) -> TopicSets:
        matrix = sp.vstack(parts).tocsr() if parts else sp.csr_matrix((0, self.topics))
        return TopicSets(
            matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32), self.reader.slugs
        )
