"""Profile statements to vectors, fully offline by default.

Every person has five statements' worth of vectors, one per *kind*: what they
are `working` on, what they are `curious` about, what they `offers` (can help
with), what they `wants` (are learning), and their `interest` (working on +
posts + half of what they are curious about). All kinds live in one space, so
`offers[a] . wants[b]` says how well a can teach b.

`VocabularyEncoder` (the default) reads statements phrase by phrase into
features: vocabulary topics however they are written ("k8s", "Kubernetes
clusters", "optimising cloud costs" for "cloud cost optimization"),
light-stemmed words and adjacent word pairs, British spellings read as
American. Features are weighed by idf over *this organisation's* statements,
damped for what a large share of it writes, and for words of working life in
general ("strategy", "leadership", "communication"). Every word also points,
through the vocabulary's own synonyms, to the topics it belongs to ("screen
readers" -> Accessibility): these *concepts* carry paraphrases across.

Each statement then has two representations:

- a dense float32 row (`dim` wide, 128 by default): the concepts projected so
  the organisation's most used topics each keep a dimension of their own, next
  to a latent-semantic part (randomized SVD of the weighted words). For
  nearest-neighbour candidate search.
- a `Sketch`: the 16 strongest entries of the sparse words (+) concepts vector,
  as ids and weights. Its dot products are exact, with none of the cross-talk
  of squeezing 1,000+ topics into 128 dimensions; `scores` uses them.

In both, a row's direction says what a statement is about and its length (at
most 1) how specific it is: close to 1 for a statement that names something
particular, close to 0 for one made only of generic words, exactly 0 for no
text. Similarities are therefore already discounted for generic wording.

`SentenceEmbeddingEncoder` does the same job with a sentence-embedding model
found locally (never downloaded).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp
import snowballstemmer

from trellis.matching.engine.people import Person
from trellis.text.normalise import WORD, fold, split_phrases, stem
from trellis.text.spelling import american
from trellis.text.vocabulary import AliasIndex, TopicEntry, load_vocabulary

DEFAULT_VOCABULARY = Path(__file__).resolve().parents[3] / "data" / "topics.csv"
KINDS = ("working", "curious", "offers", "wants", "interest")
# The statement each kind is read from (interest is built from several).
STATEMENT_OF = {
    "working": "working_on",
    "curious": "curious_about",
    "offers": "can_help_with",
    "wants": "learning",
}


def _words(text: str) -> list[str]:
    return text.split()


# Words that carry grammar, not a subject. Anything else common in an
# organisation's profiles is weighed down by its own frequency instead.
STOP_WORDS = frozenset(
    _words(
        """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing done down during
        each either etc few for from further get gets getting got had has have having he her
        here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its
        itself just let like me more most mostly much must my myself no nor not now of off
        on once only or other our ours ourselves out over own per quite rather really same
        she should so some still such than that the their theirs them themselves then there
        these they this those through to too under until up upon us very via was we we're
        were what when where whether which while who whom why will with within without would
        yet you your yours yourself yourselves e.g i.e vs ve ll re s t d m
        """
    )
)

# Words of working life in general rather than of any one problem: a profile
# that says only "strategy, leadership, communication" shares nothing specific
# with another that says the same. They weigh `GENERIC_WEIGHT` of their idf;
# so do word pairs made only of them and topics whose names are.
GENERIC_WORDS = frozenset(
    _words(
        """
        accountability accountable across cross crossfunctional functional achieve achieving
        align aligned aligning alignment approach approaches area areas aspect aspects best
        better bigger build building capabilities capability career careers centric
        challenge challenges collaborate collaborating collaboration collaborative
        communicate communicating communication communications company continuous core
        create creating creative creatively creativity critical culture cultures deliver
        delivering delivery develop developing development different drive driving effective
        effectiveness efficiency efficient empower empowering empowerment engage engagement
        engaging everyone everything excellence excellent execute executing execution focus
        focused framework frameworks general goal goals good great grow growing growth help
        helping high impact impactful improve improvement improvements improving initiative
        initiatives innovate innovation innovative journey key lead leader leaders
        leadership leading learn learning level levels lot making manage management managing
        mindset mission new next objective objectives operational opportunities opportunity
        organization organizational outcome outcomes overall own owning ownership partner
        partnering people performance personal plan planning plans practice practices
        prioritization prioritize prioritizing priorities priority problem problems process
        processes productive productivity professional progress quality raise raising
        relationship relationships result results right share sharing skill skills solve
        solving stakeholder stakeholders strategic strategies strategy strong success
        successful support supporting synergy team teams thing things thinking transform
        transformation value values vision visibility visible way ways work working world
        """
    )
)
GENERIC_WEIGHT = 0.05


@dataclass(frozen=True)
class TopicSets:
    """The vocabulary topics of one kind of statement, for every person (CSR arrays)."""

    indptr: np.ndarray
    ids: np.ndarray
    slugs: tuple[str, ...]

    def __getitem__(self, person: int) -> tuple[str, ...]:
        return tuple(self.slugs[t] for t in self.ids[self.indptr[person] : self.indptr[person + 1]])

    def __len__(self) -> int:
        return len(self.indptr) - 1


@dataclass(frozen=True)
class Sketch:
    """The strongest entries of each person's sparse vector, padded to width k.

    `ids` (n x k int32, -1 for padding) name features (topics first, then
    hashed words); `weights` (n x k float32, 0 for padding) are their values.
    Two sketches' dot product is exact over the entries they keep, with none of
    the cross-talk a dense projection has.
    """

    ids: np.ndarray
    weights: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Profiles:
    """n people as five float32 matrices (n x dim) plus the topics each statement names.

    Rows have length <= 1 (see the module docstring): the direction says what a
    statement is about, the length how specific it is; empty statements are 0.
    `sketches[kind]` are exact sparse versions of the same (None when an encoder
    has none; scores then use the matrices). `topics[kind][i]` are the topic
    slugs person i's statement of that kind names. `needs` and `covers` (None
    when an encoder has none) are what teaching is scored on, see `needs_sketch`
    and `covers_sketch`. The callables let
    explanations read and compare phrases the way the encoder does.
    """

    ids: tuple[str, ...]
    working: np.ndarray | None
    curious: np.ndarray | None
    offers: np.ndarray | None
    wants: np.ndarray | None
    interest: np.ndarray | None
    topics: dict[str, TopicSets]
    sketches: dict[str, Sketch] | None = None
    needs: dict[str, Sketch] | None = None
    covers: dict[str, Sketch] | None = None
    topic_names: dict[str, str] = field(default_factory=dict)
    topic_weight: dict[str, float] = field(default_factory=dict)
    encode_texts: Callable[[Sequence[str]], np.ndarray] | None = None
    topics_of: Callable[[str], tuple[str, ...]] | None = None
    text_similarity: Callable[[Sequence[str], Sequence[str]], np.ndarray] | None = None
    memory: dict = field(default_factory=dict, repr=False, compare=False)  # for explanations

    @property
    def dim(self) -> int:
        return self._dim

    def __post_init__(self):
        kept = [m for m in (self.interest, self.offers, self.wants) if m is not None]
        self._dim = kept[0].shape[1] if kept else 0

    def __len__(self) -> int:
        return len(self.ids)

    def matrix(self, kind: str) -> np.ndarray:
        if kind not in KINDS:
            raise KeyError(f"Unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        matrix = getattr(self, kind)
        if matrix is None:
            raise KeyError(f"These profiles keep no dense rows for {kind!r}")
        return matrix

    def drop_vectors(self) -> None:
        """Let every vector go (dense rows, sketches, needs, covers): what remains names
        topics and compares phrases, which is all explanations need."""
        self.working = self.curious = self.offers = self.wants = self.interest = None
        self.sketches = self.needs = self.covers = None

    def drop_dense(self) -> None:
        """Let the dense rows go once candidates are found, when scores and explanations
        need only the sketches (half the memory of a million-member round)."""
        if self.sketches is not None and self.needs is not None and self.covers is not None:
            self.working = self.curious = self.offers = self.wants = self.interest = None

    def index(self) -> dict[str, int]:
        """Position of each person id."""
        return {person_id: i for i, person_id in enumerate(self.ids)}


class Encoder(Protocol):
    """Turns people's statements into Profiles."""

    def fit(self, people: Sequence[Person]) -> Encoder: ...

    def encode(self, people: Sequence[Person]) -> Profiles: ...


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
def word_data(raw: str) -> tuple[str, str, str, str | None, str | None]:
    """What Trellis reads in one written word, computed once per distinct word.

    (as written, light stem as the vocabulary matches it, light stem of the
    American spelling, the feature it counts as (None for a stop word or a
    number), its aggressive stem for loose topic matching (None for a stop word)).
    """
    folded = fold(raw)
    americanised = american(folded)
    light = stem(folded)
    light_american = stem(americanised)
    stop = folded in STOP_WORDS or len(folded) == 1
    feature = None if stop or folded.isdigit() else light_american
    return raw, light, light_american, feature, None if stop else _SNOWBALL.stemWord(americanised)


def term(raw: str) -> str | None:
    """The feature a written word counts as, or None for a stop word or a number."""
    return word_data(raw)[3]


# Words are hashed into this many features (crc32, so the same in every process).
TERM_BUCKETS = 1 << 20
PHRASES_REMEMBERED = 1 << 20  # TopicReader's memory of phrases it has read
_CHUNK = 65_536  # people encoded at a time, to bound memory


def _term_id(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) % TERM_BUCKETS


def _people_statements(people: Sequence[Person], kind: str) -> list[str]:
    if kind == "posts":
        return ["\n".join(p.posts) for p in people]
    return [getattr(p, STATEMENT_OF[kind]) for p in people]


_SOURCES = ("working", "curious", "offers", "wants", "posts")
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
        cover_width: int = 32,
        word_share: float = 0.4,
        dense_kinds: Sequence[str] = DENSE_KINDS,
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
        self.reader = TopicReader(load_vocabulary(self.vocabulary_path))
        self.topics = len(self.reader.slugs)
        self.features = self.topics + TERM_BUCKETS
        self.generic = self._generic_factors()
        self._phrases: dict[str, bytes] = {}  # phrase -> its feature ids, packed int32
        self._text_memory: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.concepts = self._concepts()
        self._fitted = False

    def _generic_factors(self) -> np.ndarray:
        """GENERIC_WEIGHT for generic words, pairs of them, and topics named by them."""
        words = sorted({term(word) for word in GENERIC_WORDS} - {None})
        ids = [_term_id(w) for w in words] + [_term_id(f"{x} {y}") for x in words for y in words]
        factors = np.ones(self.features, np.float32)
        factors[self.topics + np.array(ids)] = GENERIC_WEIGHT
        for i, slug in enumerate(self.reader.slugs):
            named = [fold(m.group()) for m in WORD.finditer(self.reader.names[slug])]
            named = [word for word in named if word not in STOP_WORDS]
            if named and all(term(word) in words for word in named):
                factors[i] = GENERIC_WEIGHT
        return factors

    def _concepts(self) -> sp.csr_matrix:
        """features x topics: a topic feature is its topic; a word points to the topics
        whose names and synonyms use it, by tf-idf over the vocabulary."""
        texts = ["; ".join(alias.text for alias in entry.aliases) for entry in self.reader.entries]
        words = self._counts(texts)[:, self.topics :].tocsc()
        in_topics = np.diff(words.indptr)
        idf = np.log((self.topics + 1) / (in_topics + 1)) + 1
        words = sp.csr_matrix(words @ sp.diags(idf.astype(np.float32)))
        norms = _row_norms(words.data, words.indptr)
        words = sp.diags(np.divide(1, norms, out=np.zeros_like(norms), where=norms > 0)) @ words
        pointing = sp.csr_matrix(words.T * np.float32(self.related))
        # A word the vocabulary uses for many topics ("data", "customer") is broad:
        # it says little about which problem a statement is about.
        breadth = np.diff(pointing.indptr)
        self.breadth = np.ones(self.features, np.float32)
        self.breadth[self.topics :] = self.broad / np.maximum(breadth, self.broad)
        pointing = _top_per_row(pointing, self.broad)
        return sp.vstack([sp.identity(self.topics, np.float32, format="csr"), pointing]).tocsr()

    # Reading text into feature counts.

    def _phrase(self, phrase: str) -> bytes:
        """Feature ids of one phrase (its topics first, then words and adjacent word pairs), as
        packed int32: a million members write millions of distinct phrases, and a
        tuple of Python ints took five times the memory (1.3 GB at a million)."""
        found = self._phrases.get(phrase)
        if found is not None:
            return found
        words = [word_data(m.group()) for m in WORD.finditer(phrase)]
        ids = self.reader.topic_ids(phrase, words)
        previous = None
        for word in words:
            feature = word[3]
            if feature is None:
                previous = None
                continue
            ids.append(self.topics + _term_id(feature))
            if previous is not None:
                ids.append(self.topics + _term_id(f"{previous} {feature}"))
            previous = feature
        found = self._phrases[phrase] = array("i", ids).tobytes()
        return found

    def phrase_topics(self, phrase: str) -> tuple[str, ...]:
        """Topic slugs one phrase names, in order of first mention (as `TopicReader`),
        from the features encoding already read for it."""
        slugs = []
        for i in array("i", self._phrase(phrase)):
            if i >= self.topics:
                break  # a phrase's topics come before its words (see `_phrase`)
            slugs.append(self.reader.slugs[i])
        return tuple(slugs)

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear term frequencies (1 + ln count), one row per text."""
        indices = array("i")
        indptr = array("q", [0])
        phrase = self._phrase
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

    def _source_counts(self, people: Sequence[Person]) -> dict[str, sp.csr_matrix]:
        return {kind: self._counts(_people_statements(people, kind)) for kind in _SOURCES}

    # Fitting: weights from this organisation's text, then the latent space.

    def fit(self, people: Sequence[Person]) -> VocabularyEncoder:
        """Learn word weights and the latent space from these people's statements."""
        rng = np.random.default_rng(self.seed)
        df = np.zeros(self.features, np.int64)
        people_using = np.zeros(self.features, np.int64)
        documents = 0
        per_person = max(1, self.svd_sample // len(_SOURCES))
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
            self.components[:, :rank] = _top_right_singular_vectors(sample, rank, self.seed)

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
        norms = _row_norms(weighted.data, counts.indptr)
        full_norms = _row_norms(full, counts.indptr)
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
        out = {kind: np.zeros((n, self.dim), np.float32) for kind in self.dense_kinds}
        out.update({kind: None for kind in KINDS if kind not in out})
        sketches = {kind: _empty_sketch(n, self.sketch_width) for kind in SKETCH_KINDS}
        topic_parts: dict[str, list[sp.csr_matrix]] = {kind: [] for kind in KINDS}
        needs = {kind: _empty_sketch(n, self.sketch_width) for kind in NEED_KINDS}
        covers = {kind: _empty_sketch(n, self.cover_width, pad=COVER_PAD) for kind in COVER_KINDS}
        for start in range(0, n, _CHUNK):
            chunk = people[start : start + _CHUNK]
            rows = slice(start, start + len(chunk))
            counts = self._source_counts(chunk)
            counts["interest"] = (
                counts.pop("posts") + counts["working"] + self.curious_share * counts["curious"]
            )
            for kind in KINDS:
                unit, specific = self._unit(counts[kind])
                concepts = unit @ self.concepts
                if out[kind] is not None:
                    out[kind][rows] = self._dense(unit, concepts, specific)
                topic_parts[kind].append(counts[kind][:, : self.topics])
                if kind in SKETCH_KINDS or kind in NEED_KINDS:
                    combined = self._sparse(unit, concepts, specific)
                if kind in SKETCH_KINDS:
                    top = _top_per_row(combined, self.sketch_width)
                    sketches[kind].ids[rows], sketches[kind].weights[rows] = _packed(
                        top, self.sketch_width
                    )
                if kind in NEED_KINDS:
                    needs[kind].ids[rows], needs[kind].weights[rows] = self._needs(
                        combined, specific
                    )
                if kind in COVER_KINDS:
                    covers[kind].ids[rows], covers[kind].weights[rows] = self.covers_sketch(
                        counts[kind]
                    )
        return Profiles(
            ids=tuple(p.id for p in people),
            **out,
            topics={kind: self._topic_sets(parts) for kind, parts in topic_parts.items()},
            sketches=sketches,
            needs=needs,
            covers=covers,
            topic_names=dict(self.reader.names),
            topic_weight={slug: float(self.weight[i]) for i, slug in enumerate(self.reader.slugs)},
            encode_texts=self.encode_texts,
            topics_of=self.phrase_topics,
            text_similarity=self.text_similarity,
        )

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for loose texts (phrases), in the same space as the profiles."""
        return self._vectors(self._counts(list(texts)))

    def _vectors(self, counts: sp.csr_matrix) -> np.ndarray:
        unit, specific = self._unit(counts)
        return self._dense(unit, unit @ self.concepts, specific)

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
        norms = _row_norms(combined.data, combined.indptr)
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
        top = _top_per_row(combined, self.sketch_width)
        sums = _row_sums(top.data, top.indptr)
        scale = np.divide(specific, sums, out=np.zeros_like(specific), where=sums > 0)
        top.data *= np.repeat(scale, np.diff(top.indptr)).astype(np.float32)
        return _packed(top, self.sketch_width)

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
        top = _top_per_row(telling, self.cover_width)  # rows come back sorted by id
        top.data = np.minimum(top.data / self.weight[top.indices], 1).astype(np.float32)
        return _packed(top, self.cover_width, pad=COVER_PAD)

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
        columns = np.unique(np.concatenate([ids for ids, _ in vectors]))
        dense = np.zeros((len(texts), len(columns)), np.float32)
        for row, (ids, weights) in enumerate(vectors):
            dense[row, np.searchsorted(columns, ids)] = weights
        return dense[: len(left)] @ dense[len(left) :].T

    def _text_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's `_sparse` vector as (ids, weights), remembered per text."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._text_memory))
        if missing:
            if len(self._text_memory) + len(missing) > PHRASES_REMEMBERED:
                self._text_memory.clear()
                missing = list(dict.fromkeys(texts))
            unit, specific = self._unit(self._counts(missing))
            rows = self._sparse(unit, unit @ self.concepts, specific)
            for i, text in enumerate(missing):
                span = slice(rows.indptr[i], rows.indptr[i + 1])
                self._text_memory[text] = (rows.indices[span].copy(), rows.data[span].copy())
        return [self._text_memory[t] for t in texts]

    def _topic_sets(self, parts: list[sp.csr_matrix]) -> TopicSets:
        matrix = sp.vstack(parts).tocsr() if parts else sp.csr_matrix((0, self.topics))
        return TopicSets(
            matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32), self.reader.slugs
        )


def _empty_sketch(n: int, width: int, pad: int = -1) -> Sketch:
    return Sketch(np.full((n, width), pad, np.int32), np.zeros((n, width), np.float32))


def _packed(top: sp.csr_matrix, width: int, pad: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """A CSR matrix with at most `width` entries per row as fixed-width id and weight arrays."""
    n = top.shape[0]
    counts = np.diff(top.indptr)
    rows = np.repeat(np.arange(n), counts)
    slots = np.arange(len(top.indices)) - np.repeat(top.indptr[:-1], counts)
    ids = np.full((n, width), pad, np.int32)
    weights = np.zeros((n, width), np.float32)
    ids[rows, slots] = top.indices
    weights[rows, slots] = top.data
    return ids, weights


def _row_sums(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    sums = np.zeros(len(data) + 1, np.float64)
    np.cumsum(np.asarray(data, np.float64), out=sums[1:])
    return sums[indptr[1:]] - sums[indptr[:-1]]


def _row_norms(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    squares = np.zeros(len(data) + 1, np.float64)
    np.cumsum(np.asarray(data, np.float64) ** 2, out=squares[1:])
    return np.sqrt(np.maximum(squares[indptr[1:]] - squares[indptr[:-1]], 0.0))


def _normalise(matrix: np.ndarray) -> None:
    norms = np.linalg.norm(matrix, axis=1)
    np.divide(matrix, norms[:, None], out=matrix, where=norms[:, None] > 0)


def _top_per_row(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep each row's k entries of largest magnitude (ties: lower column first)."""
    matrix = sp.csr_matrix(matrix)
    matrix.sort_indices()
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= k:
        return matrix
    # Only rows longer than k lose entries: rank just theirs, with one stable
    # sort on (row, -magnitude) packed into a float, so ties keep column order.
    long_rows = np.flatnonzero(counts > k)
    lengths = counts[long_rows]
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    entries = np.repeat(matrix.indptr[long_rows] - offsets, lengths) + np.arange(lengths.sum())
    magnitude = np.abs(matrix.data[entries]).astype(np.float64)
    scale = 2 * magnitude.max(initial=0.0) + 1
    row = np.repeat(np.arange(len(long_rows), dtype=np.float64), lengths)
    order = np.argsort(row - magnitude / scale, kind="stable")
    rank = np.arange(len(order)) - np.repeat(offsets, lengths)
    keep = np.ones(len(matrix.data), bool)
    keep[entries[order[rank >= k]]] = False
    kept = np.flatnonzero(keep)
    indptr = np.r_[0, np.cumsum(keep)][matrix.indptr]
    return sp.csr_matrix(
        (matrix.data[kept], matrix.indices[kept], indptr.astype(np.int64)), shape=matrix.shape
    )


def _top_right_singular_vectors(matrix: sp.csr_matrix, rank: int, seed: int) -> np.ndarray:
    """columns x rank: the leading right singular vectors (randomized SVD, Halko et al.)."""
    rng = np.random.default_rng(seed)
    sketch = matrix.T @ rng.standard_normal((matrix.shape[0], rank + 10)).astype(np.float32)
    basis, _ = np.linalg.qr(np.asarray(sketch))
    for _ in range(3):  # power iterations sharpen the spectrum
        basis, _ = np.linalg.qr(np.asarray(matrix @ basis))
        basis, _ = np.linalg.qr(np.asarray(matrix.T @ basis))
    _, _, vt = np.linalg.svd(np.asarray(matrix @ basis), full_matrices=False)
    return (basis @ vt.T[:, :rank]).astype(np.float32)


class SentenceEmbeddingEncoder:
    """Statements to vectors with a sentence-embedding model found on this machine.

    `model_path` is one of:
    - "wordllama": the WordLlama model whose weights ship inside the `wordllama`
      wheel (MIT licence);
    - a directory holding a sentence-transformers model (`modules.json`), read
      with `sentence_transformers`, offline;
    - a directory holding a model2vec static model, read with `model2vec`.

    Nothing is ever downloaded; a missing package or path raises an error that
    names it. Vector directions come from the model; their lengths (how
    specific each statement is) and the topic sets come from a
    VocabularyEncoder fitted on the same organisation, so scores and
    explanations behave the same with either encoder.
    """

    def __init__(
        self,
        model_path: Path | str,
        vocabulary_path: Path | str | None = None,
        *,
        batch_size: int = 256,
        curious_share: float = 0.5,
    ):
        self.model_path = str(model_path)
        self.batch_size = batch_size
        self.words = VocabularyEncoder(
            vocabulary_path, curious_share=curious_share, dense_kinds=KINDS
        )
        self._embed: Callable[[list[str]], np.ndarray] | None = None

    def _model(self) -> Callable[[list[str]], np.ndarray]:
        if self._embed is None:
            self._embed = _load_sentence_model(self.model_path, self.batch_size)
        return self._embed

    def fit(self, people: Sequence[Person]) -> SentenceEmbeddingEncoder:
        """Load the model and learn this organisation's word weights."""
        self._model()
        self.words.fit(people)
        return self

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for loose texts (zero for empty ones)."""
        texts = list(texts)
        distinct = sorted({t.strip() for t in texts if t.strip()})
        vectors = np.zeros((len(texts), 0), np.float32)
        if distinct:
            embedded = np.asarray(self._model()(distinct), dtype=np.float32)
            _normalise(embedded)
            row_of = {text: i for i, text in enumerate(distinct)}
            vectors = np.zeros((len(texts), embedded.shape[1]), np.float32)
            for i, text in enumerate(texts):
                if text.strip():
                    vectors[i] = embedded[row_of[text.strip()]]
        return vectors

    def encode(self, people: Sequence[Person]) -> Profiles:
        """Model vectors scaled by how specific each statement is, plus topic sets."""
        lexical = self.words.encode(people)
        texts = {kind: _people_statements(people, kind) for kind in _SOURCES}
        vectors = {kind: self.encode_texts(texts[kind]) for kind in _SOURCES}
        dim = max(v.shape[1] for v in vectors.values())
        for kind, v in vectors.items():
            if v.shape[1] != dim:
                vectors[kind] = np.zeros((len(people), dim), np.float32)
        vectors["interest"] = (
            vectors.pop("posts") + vectors["working"] + self.curious_share * vectors["curious"]
        )
        _normalise(vectors["interest"])
        for kind in KINDS:
            specific = np.linalg.norm(lexical.matrix(kind), axis=1)
            vectors[kind] *= np.minimum(specific, 1.0)[:, None].astype(np.float32)
        return Profiles(
            ids=lexical.ids,
            **vectors,
            topics=lexical.topics,
            topic_names=lexical.topic_names,
            topic_weight=lexical.topic_weight,
            encode_texts=self.encode_texts,
            topics_of=lexical.topics_of,
        )


def _load_sentence_model(model_path: str, batch_size: int) -> Callable[[list[str]], np.ndarray]:
    """An embed(texts) function for the model at `model_path`, loaded without network."""
    if model_path == "wordllama":
        return _load_wordllama(batch_size)
    path = Path(model_path).expanduser()
    if not path.exists():
        raise FileNotFoundError(
            f"No sentence-embedding model at {path}: give a directory holding a "
            "sentence-transformers or model2vec model, or 'wordllama'."
        )
    if (path / "modules.json").exists() or (path / "config_sentence_transformers.json").exists():
        module = _import_or_explain("sentence_transformers", "sentence-transformers", path)
        model = module.SentenceTransformer(str(path), device="cpu", local_files_only=True)
        return lambda texts: model.encode(texts, batch_size=batch_size, convert_to_numpy=True)
    module = _import_or_explain("model2vec", "model2vec", path)
    model = module.StaticModel.from_pretrained(str(path))
    return lambda texts: model.encode(texts, batch_size=batch_size)


def _load_wordllama(batch_size: int) -> Callable[[list[str]], np.ndarray]:
    module = _import_or_explain("wordllama", "wordllama", "wordllama")
    package = Path(module.__file__).parent
    weights = package / "weights" / "l2_supercat_256.safetensors"
    tokenizer = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
    if not weights.exists() or not tokenizer.exists():
        raise FileNotFoundError(f"The wordllama package at {package} ships no 256-d weights.")
    from safetensors import safe_open
    from wordllama.inference import WordLlamaInference

    with safe_open(str(weights), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    model = WordLlamaInference(embedding, module.WordLlama.load_tokenizer(tokenizer))
    return lambda texts: model.embed(texts, batch_size=batch_size)


def _import_or_explain(module: str, package: str, path: Path | str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"The sentence-embedding model {path} needs the Python package {package!r}; "
            f"install it (pip install {package}) or use the VocabularyEncoder."
        ) from error
