"""Encoders by name: what `TRELLIS_ENCODER` and `trellis match --encoder` choose from.

- `semantic` (the default): the vocabulary encoder with the semantic layer
  (`semantic.MeaningLayer` over WordLlama's static embedding, which ships in a
  pinned wheel): words, word families, vocabulary topics and senses.
- `vocabulary`: words, word families and vocabulary topics only; no model.
- `sentence`: `SentenceEmbeddingEncoder` with WordLlama alone (directions from
  the model, lengths and topics from the vocabulary encoder).
- `sentence:PATH`: `SentenceEmbeddingEncoder` with a sentence-transformers or
  model2vec model in the directory PATH (its package must be installed).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from trellis.matching.engine.encoders.profiles import Encoder
from trellis.matching.engine.encoders.semantic import MeaningLayer, StaticEmbedding
from trellis.matching.engine.encoders.sentence import SentenceEmbeddingEncoder
from trellis.matching.engine.encoders.vocabulary import VocabularyEncoder

DEFAULT_ENCODER = "semantic"
NAMES = ("semantic", "vocabulary", "sentence")
PATH_PREFIX = "sentence:"


class UnknownEncoder(ValueError):
    """An encoder name that is none of NAMES nor `sentence:PATH`."""


def check_encoder_name(name: str) -> str:
    """The name, stripped, if it names an encoder; UnknownEncoder saying what would."""
    name = name.strip()
    if name in NAMES:
        return name
    if name.startswith(PATH_PREFIX):
        path = Path(name[len(PATH_PREFIX) :]).expanduser()
        if not path.is_dir():
            raise UnknownEncoder(f"Encoder {name!r}: {path} is not a directory holding a model.")
        return name
    raise UnknownEncoder(
        f"Unknown encoder {name!r}; use one of {', '.join(NAMES)} or sentence:PATH "
        "(a directory holding a sentence-transformers or model2vec model)."
    )


@cache
def wordllama() -> StaticEmbedding:
    """WordLlama's table, read once per process (32 MB)."""
    return StaticEmbedding.wordllama()


def make_encoder(name: str = DEFAULT_ENCODER, *, seed: int = 0) -> Encoder:
    """A fresh, unfitted encoder of this name."""
    name = check_encoder_name(name)
    if name == "semantic":
        return VocabularyEncoder(seed=seed, meaning=MeaningLayer(wordllama(), seed=seed))
    if name == "vocabulary":
        return VocabularyEncoder(seed=seed)
    if name == "sentence":
        return SentenceEmbeddingEncoder("wordllama")
    return SentenceEmbeddingEncoder(name[len(PATH_PREFIX) :])
