"""Statements to vectors with a sentence-embedding model found on this machine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from trellis.matching.engine.encoders.profiles import KINDS, SOURCES, Profiles, statements
from trellis.matching.engine.encoders.semantic import StaticEmbedding
from trellis.matching.engine.encoders.sparse import normalise_rows
from trellis.matching.engine.encoders.vocabulary import VocabularyEncoder
from trellis.matching.engine.people import Person


class SentenceEmbeddingEncoder:
    """Statements to vectors with a sentence-embedding model found on this machine.

    `model_path` is one of:
    - "wordllama": the WordLlama token table that ships inside the `wordllama`
      wheel (MIT licence), each text the mean of its token vectors;
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
        self.curious_share = curious_share
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
            normalise_rows(embedded)
            row_of = {text: i for i, text in enumerate(distinct)}
            vectors = np.zeros((len(texts), embedded.shape[1]), np.float32)
            for i, text in enumerate(texts):
                if text.strip():
                    vectors[i] = embedded[row_of[text.strip()]]
        return vectors

    def encode(self, people: Sequence[Person]) -> Profiles:
        """Model vectors scaled by how specific each statement is, plus topic sets."""
        lexical = self.words.encode(people)
        texts = {kind: statements(people, kind) for kind in SOURCES}
        vectors = {kind: self.encode_texts(texts[kind]) for kind in SOURCES}
        dim = max(v.shape[1] for v in vectors.values())
        for kind, v in vectors.items():
            if v.shape[1] != dim:
                vectors[kind] = np.zeros((len(people), dim), np.float32)
        vectors["interest"] = (
            vectors.pop("posts") + vectors["working"] + self.curious_share * vectors["curious"]
        )
        normalise_rows(vectors["interest"])
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
    return StaticEmbedding.wordllama().texts


def _import_or_explain(module: str, package: str, path: Path | str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"The sentence-embedding model {path} needs the Python package {package!r}; "
            f"install it (pip install {package}) or use the VocabularyEncoder."
        ) from error
