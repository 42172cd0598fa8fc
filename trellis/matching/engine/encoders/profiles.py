"""What an encoder returns: each person's statements as vectors, sketches and topic sets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from trellis.matching.engine.people import Person

KINDS = ("working", "curious", "offers", "wants", "interest")
# The statement each kind is read from (interest is built from several).
STATEMENT_OF = {
    "working": "working_on",
    "curious": "curious_about",
    "offers": "can_help_with",
    "wants": "learning",
}
SOURCES = ("working", "curious", "offers", "wants", "posts")  # what kinds are read from


def statements(people: Sequence[Person], source: str) -> list[str]:
    """Each person's text of one source: a statement, or their posts one per line."""
    if source == "posts":
        return ["\n".join(p.posts) for p in people]
    return [getattr(p, STATEMENT_OF[source]) for p in people]


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
class Meaning:
    """Statements placed by meaning (`semantic.MeaningLayer`), and how their cosines
    become similarities on the scale of word matches.

    `rows[kind]` (n x width, float16 to halve a million members' memory) have
    length: how specific each statement is, as the word vectors do, so generic
    statements stay weak whatever they mean. A cosine becomes 0 up to `floor`
    (what unrelated phrases of this organisation reach) and `weight` at 1.
    """

    rows: dict[str, np.ndarray]
    floor: float
    weight: float

    def similarity(self, kind_x: str, x: np.ndarray, kind_y: str, y: np.ndarray) -> np.ndarray:
        """Row-wise calibrated similarity of x's statements of one kind and y's of another."""
        cosine = np.einsum(
            "ij,ij->i",
            self.rows[kind_x][x].astype(np.float32),
            self.rows[kind_y][y].astype(np.float32),
        )
        rising = (cosine - np.float32(self.floor)) / np.float32(max(1.0 - self.floor, 1e-6))
        return (np.clip(rising, 0, 1) * np.float32(self.weight)).astype(np.float32)


@dataclass
class Profiles:
    """n people as five float32 matrices (n x dim) plus the topics each statement names.

    Rows have length <= 1 (see the module docstring): the direction says what a
    statement is about, the length how specific it is; empty statements are 0.
    `sketches[kind]` are exact sparse versions of the same (None when an encoder
    has none; scores then use the matrices). `topics[kind][i]` are the topic
    slugs person i's statement of that kind names. `needs` and `covers` (None
    when an encoder has none) are what teaching is scored on, see `needs_sketch`
    and `covers_sketch`. `meaning` (None without a semantic layer) places the
    statements by meaning; scores take the larger of it and the words. The callables let
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
    meaning: Meaning | None = None
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
        self.sketches = self.needs = self.covers = self.meaning = None

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
