"""Meaning beyond the vocabulary: statements placed by a static embedding.

The vocabulary encoder matches what people write in the same words, in words
of one family, or in words its topic vocabulary lists together. Two people
who describe one problem in different words ("new-joiner ramp-up" and
"onboarding new hires") share none of those. `MeaningLayer` places every
phrase in a small semantic space where such paraphrases lie close:

1. A phrase's vector is the weighted mean of its words' token vectors in a
   static embedding (`StaticEmbedding`: WordLlama's 256-d table, which ships
   inside the `wordllama` wheel, MIT licence; nothing is downloaded). Words the
   organisation writes everywhere weigh less (smooth inverse frequency,
   a / (a + p(word))), stop words not at all.
2. Vectors are centred on the organisation's mean phrase and projected on its
   `dims` principal directions, which removes what all phrases share, then
   scaled to unit length.
3. How alike two placed statements are becomes a similarity on the scale of
   the vocabulary encoder's (`calibrated`): 0 up to what the `quantile` most
   alike pairs of unrelated phrases in this organisation reach, rising to
   `weight` for the same meaning. So the layer only speaks for pairs that are
   closer than chance would make them, in this organisation's own language.

Scores take, for each pair, the larger of the word match and the meaning match
(see `scores`), candidate search reads the placed vectors next to the word
vectors, and explanations compare phrases the same way.

Cost: words are embedded once per distinct word; phrases by one sparse
product (phrases x words) and one small dense one (x dims).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from trellis.matching.engine.encoders.reading import meaning_words
from trellis.matching.engine.encoders.sparse import normalise_rows
from trellis.text.normalise import split_phrases

_CHUNK = 65_536  # phrases placed at a time, to bound memory


class StaticEmbedding:
    """Token vectors of a static model and its tokenizer: one vector sum per word."""

    def __init__(self, table: np.ndarray, tokenizer):
        self.table = np.asarray(table, dtype=np.float32)
        self.tokenizer = tokenizer
        self.dim = self.table.shape[1]

    @classmethod
    def wordllama(cls) -> StaticEmbedding:
        """WordLlama's 256-d token table, read from the installed `wordllama` wheel."""
        try:
            import wordllama
        except ImportError as error:  # a pinned dependency: only a broken install lacks it
            raise ImportError(
                "The semantic layer reads WordLlama's weights from the 'wordllama' package; "
                "reinstall Trellis (pip install -e .) or choose the 'vocabulary' encoder."
            ) from error
        from safetensors import safe_open
        from tokenizers import Tokenizer

        package = Path(wordllama.__file__).parent
        weights = package / "weights" / "l2_supercat_256.safetensors"
        config = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
        if not weights.exists() or not config.exists():
            raise FileNotFoundError(f"The wordllama package at {package} ships no 256-d weights.")
        with safe_open(str(weights), framework="np", device="cpu") as f:
            table = f.get_tensor("embedding.weight")
        tokenizer = Tokenizer.from_file(str(config))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return cls(table, tokenizer)

    def texts(self, texts: Sequence[str]) -> np.ndarray:
        """The mean token vector of each text (0 for a text with no tokens)."""
        vectors = np.zeros((len(texts), self.dim), np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        for i, encoding in enumerate(encodings):
            ids = [t for t in encoding.ids if t < len(self.table)]
            if ids:
                vectors[i] = self.table[ids].mean(axis=0)
        return vectors

    def words(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per word, the sum of its token vectors (n x dim) and its token count."""
        sums = np.zeros((len(words), self.dim), np.float32)
        counts = np.zeros(len(words), np.float32)
        if not words:
            return sums, counts
        for i, encoding in enumerate(
            self.tokenizer.encode_batch(list(words), add_special_tokens=False)
        ):
            ids = [t for t in encoding.ids if t < len(self.table)]
            if ids:
                sums[i] = self.table[ids].sum(axis=0)
                counts[i] = len(ids)
        return sums, counts


@dataclass
class _Space:
    """What fitting learned: the mean phrase and the principal directions."""

    mean: np.ndarray  # (dim,)
    axes: np.ndarray  # (dim, dims)


class MeaningLayer:
    """Phrases to unit vectors in this organisation's semantic space, and a calibrated
    similarity between them."""

    def __init__(
        self,
        embedding: StaticEmbedding,
        *,
        dims: int = 64,
        quantile: float = 0.99,
        weight: float = 0.3,
        smoothing: float = 1e-3,
        sample: int = 50_000,
        seed: int = 0,
    ):
        self.embedding = embedding
        self.dims = dims
        self.quantile = quantile
        self.weight = weight
        self.smoothing = smoothing
        self.sample = sample
        self.seed = seed
        self._row_of: dict[str, int] = {}
        self._sums = np.zeros((0, embedding.dim), np.float32)
        self._tokens = np.zeros(0, np.float32)
        self._frequency: dict[str, float] = {}
        self._space: _Space | None = None
        self.floor = 1.0  # similarity of unrelated phrases, learned by `fit`

    @property
    def fitted(self) -> bool:
        return self._space is not None

    @property
    def width(self) -> int:
        """How many numbers a placed vector has (0 before fitting)."""
        return 0 if self._space is None else self._space.axes.shape[1]

    # Words and phrases to vectors.

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        """Rows of these words in the word table, embedding the ones not seen yet."""
        new = [w for w in dict.fromkeys(words) if w not in self._row_of]
        if new:
            sums, tokens = self.embedding.words(new)
            start = len(self._tokens)
            self._row_of.update({w: start + i for i, w in enumerate(new)})
            self._sums = np.vstack([self._sums, sums])
            self._tokens = np.concatenate([self._tokens, tokens])
        return np.fromiter((self._row_of[w] for w in words), np.int64, len(words))

    def _weight(self, word: str) -> float:
        return self.smoothing / (self.smoothing + self._frequency.get(word, 0.0))

    def _vectors(self, phrases: Sequence[Sequence[str]]) -> np.ndarray:
        """The weighted mean token vector of each phrase's words (0 for none)."""
        flat = [w for words in phrases for w in words]
        rows = self._word_rows(flat)
        vectors = np.zeros((len(phrases), self.embedding.dim), np.float32)
        if not len(self._tokens):
            return vectors
        indptr = np.zeros(len(phrases) + 1, np.int64)
        np.cumsum([len(words) for words in phrases], out=indptr[1:])
        weights = np.fromiter((self._weight(w) for w in flat), np.float32, len(flat))
        mix = sp.csr_matrix((weights, rows, indptr), shape=(len(phrases), len(self._tokens)))
        sums = np.asarray(mix @ self._sums)
        tokens = mix @ self._tokens
        has = tokens > 0
        vectors[has] = sums[has] / tokens[has, None]
        return vectors

    def place(self, phrases: Sequence[Sequence[str]]) -> np.ndarray:
        """Each phrase (its words) as a unit vector of `width` numbers (0 for no words)."""
        if self._space is None:
            return np.zeros((len(phrases), 0), np.float32)
        placed = np.zeros((len(phrases), self.width), np.float32)
        for start in range(0, len(phrases), _CHUNK):
            vectors = self._vectors(phrases[start : start + _CHUNK])
            placed[start : start + len(vectors)] = self._placed(vectors)
        return placed

    def place_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's meaning: the normalised sum of its phrases' placed vectors."""
        parts_of = [split_phrases(text) if text else [] for text in texts]
        distinct = list(dict.fromkeys(p for parts in parts_of for p in parts))
        placed = self.place([meaning_words(p) for p in distinct])
        row_of = {phrase: i for i, phrase in enumerate(distinct)}
        indptr = np.zeros(len(texts) + 1, np.int64)
        np.cumsum([len(parts) for parts in parts_of], out=indptr[1:])
        columns = np.fromiter((row_of[p] for parts in parts_of for p in parts), np.int64)
        summing = sp.csr_matrix(
            (np.ones(len(columns), np.float32), columns, indptr),
            shape=(len(texts), len(distinct)),
        )
        rows = np.asarray(summing @ placed, dtype=np.float32)
        normalise_rows(rows)
        return rows

    def _placed(self, vectors: np.ndarray) -> np.ndarray:
        space = self._space
        empty = ~vectors.any(axis=1)
        placed = (vectors - space.mean) @ space.axes
        norms = np.linalg.norm(placed, axis=1, keepdims=True)
        placed = np.divide(placed, norms, out=np.zeros_like(placed), where=norms > 0)
        placed[empty] = 0
        return placed.astype(np.float32)

    def calibrated(self, cosine: np.ndarray) -> np.ndarray:
        """Cosines of placed vectors as similarities: 0 up to `floor`, `weight` at 1."""
        rising = (np.asarray(cosine, np.float32) - self.floor) / max(1.0 - self.floor, 1e-6)
        return (np.clip(rising, 0, 1) * self.weight).astype(np.float32)

    # Fitting.

    def fit(self, phrases: Sequence[Sequence[str]], uses: Sequence[int]) -> MeaningLayer:
        """Learn word frequencies, the space and the floor from the organisation's
        distinct phrases (each a list of its words) and how often each is written."""
        counts: dict[str, float] = {}
        for words, used in zip(phrases, uses, strict=True):
            for w in words:
                counts[w] = counts.get(w, 0.0) + used
        total = max(sum(counts.values()), 1.0)
        self._frequency = {w: c / total for w, c in counts.items()}
        rng = np.random.default_rng(self.seed)
        chosen = [phrases[i] for i in np.sort(rng.permutation(len(phrases))[: self.sample])]
        vectors = self._vectors(chosen)
        vectors = vectors[vectors.any(axis=1)]
        if len(vectors) < 8:
            self._space = None  # too little text to learn a space from
            return self
        mean = vectors.mean(axis=0)
        dims = min(self.dims, len(vectors) - 1, vectors.shape[1])
        # The principal directions from the small covariance matrix (dim x dim), not
        # an SVD of every sampled phrase: the same axes, at a fraction of the cost.
        centred = (vectors - mean).astype(np.float64)
        values, axes = np.linalg.eigh(centred.T @ centred)
        order = np.argsort(values)[::-1][:dims]
        self._space = _Space(mean, axes[:, order].astype(np.float32))
        placed = self._placed(vectors)
        left = rng.integers(0, len(placed), 20_000)
        right = rng.integers(0, len(placed), 20_000)
        apart = left != right
        cosines = np.einsum("ij,ij->i", placed[left[apart]], placed[right[apart]])
        self.floor = float(np.quantile(cosines, self.quantile))
        return self
