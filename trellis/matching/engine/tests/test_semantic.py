"""The semantic layer and the encoders by name: meaning added to words, never instead."""

from __future__ import annotations

import numpy as np
import pytest

from trellis.matching.engine.encoders import VocabularyEncoder
from trellis.matching.engine.encoders.reading import meaning_words
from trellis.matching.engine.encoders.registry import (
    DEFAULT_ENCODER,
    UnknownEncoder,
    check_encoder_name,
    make_encoder,
    wordllama,
)
from trellis.matching.engine.encoders.semantic import MeaningLayer
from trellis.matching.engine.encoders.sentence import SentenceEmbeddingEncoder
from trellis.matching.engine.scores import attributes, score_pairs
from trellis.matching.engine.tests.test_encoders import person
from trellis.matching.engine.tests.test_paraphrase import organisation


@pytest.fixture(scope="module")
def crowd():
    return organisation(300, seed=5)


@pytest.fixture(scope="module")
def layer(crowd):
    texts = [p.working_on for p in crowd] + ["onboarding new hires", "quarterly VAT returns"]
    phrases = [meaning_words(t) for t in texts]
    return MeaningLayer(wordllama()).fit(phrases, [1] * len(phrases))


def test_the_static_embedding_ships_with_trellis_and_reads_words_offline():
    embedding = wordllama()
    sums, tokens = embedding.words(["onboarding", "x"])
    assert sums.shape == (2, embedding.dim) and tokens[0] >= 1


def test_placed_phrases_are_unit_vectors_and_empty_ones_zero(layer):
    placed = layer.place([["onboarding", "new", "hires"], []])
    assert placed.shape == (2, layer.width)
    assert np.linalg.norm(placed[0]) == pytest.approx(1, abs=1e-5)
    assert not placed[1].any()


def test_a_paraphrase_lies_closer_than_an_unrelated_problem(layer):
    onboarding, ramp_up, tax = layer.place(
        [["onboarding", "new", "hires"], ["new", "joiner", "ramp", "up"], ["VAT", "returns"]]
    )
    assert onboarding @ ramp_up > onboarding @ tax


def test_calibration_gives_nothing_below_chance_and_its_weight_at_one(layer):
    similarity = layer.calibrated(np.array([layer.floor - 0.1, layer.floor, 1.0]))
    assert similarity.tolist() == pytest.approx([0, 0, layer.weight])


def test_a_layer_fitted_on_too_little_text_stays_silent():
    layer = MeaningLayer(wordllama()).fit([["one"]], [1])
    assert not layer.fitted and layer.width == 0
    assert layer.place([["one"]]).shape == (1, 0)


def _pair_score(encoder, left: dict, right: dict, crowd) -> float:
    group = [person("left", **left), person("right", **right), *crowd]
    profiles = encoder.fit(group).encode(group)
    scores = score_pairs(profiles, attributes(group), [0], [1])
    return float(max(scores.shared[0], scores.teach_ab[0], scores.teach_ba[0]))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ventilation", "ventilating"),
        ("negotiation", "negotiator"),
        ("scalability", "scaling"),
        ("durability", "durable"),
        ("reconciliation", "reconciling"),
        ("prescription", "prescribing"),
        ("litigation", "litigator"),
    ],
)
def test_word_families_match_statements_across_derivation(left, right, crowd):
    statements = {"working_on": left}, {"working_on": right}
    assert _pair_score(VocabularyEncoder(), *statements, crowd) >= 0.05
    assert _pair_score(VocabularyEncoder(families=False), *statements, crowd) < 0.05


def test_an_acronym_meets_its_expansion_written_by_someone_else(crowd):
    score = _pair_score(
        VocabularyEncoder(),
        {"can_help_with": "VAP bundle audits"},
        {"learning": "ventilator associated pneumonia prevention"},
        crowd,
    )
    assert score >= 0.05  # enough to be suggested (Weights.min_interest)


def test_the_semantic_encoder_keeps_meaning_beside_words(crowd):
    group = [person("a", working_on="onboarding new hires"), *crowd]
    encoder = make_encoder("semantic")
    profiles = encoder.fit(group).encode(group)
    assert profiles.meaning is not None
    width = encoder.meaning.width
    assert profiles.interest.shape == (len(group), encoder.dim + width)
    assert np.linalg.norm(profiles.interest, axis=1).max() <= 1 + 1e-5
    assert profiles.meaning.rows["interest"].shape == (len(group), width)
    assert encoder.encode_texts(["onboarding"]).shape == (1, encoder.dim + width)
    similarity = profiles.text_similarity(["onboarding new hires"], ["new-joiner ramp-up"])
    words_only = VocabularyEncoder().fit(group).encode(group)
    assert (
        similarity[0, 0]
        >= words_only.text_similarity(["onboarding new hires"], ["new-joiner ramp-up"])[0, 0]
    )


def test_generic_statements_stay_unmatched_by_meaning(crowd):
    score = _pair_score(
        make_encoder("semantic"),
        {"working_on": "strategy, leadership, communication"},
        {"working_on": "stakeholder management and alignment"},
        crowd,
    )
    assert score < 0.05


def test_encoders_are_chosen_by_name():
    assert DEFAULT_ENCODER == "semantic"
    assert isinstance(make_encoder("vocabulary"), VocabularyEncoder)
    assert make_encoder("vocabulary").meaning is None
    assert make_encoder("semantic").meaning is not None
    assert isinstance(make_encoder("sentence"), SentenceEmbeddingEncoder)
    assert check_encoder_name(" vocabulary ") == "vocabulary"


def test_an_unknown_encoder_name_is_refused_with_the_choices(tmp_path):
    with pytest.raises(UnknownEncoder, match="semantic, vocabulary, sentence"):
        check_encoder_name("bert")
    with pytest.raises(UnknownEncoder, match="not a directory"):
        check_encoder_name(f"sentence:{tmp_path / 'missing'}")
    assert check_encoder_name(f"sentence:{tmp_path}") == f"sentence:{tmp_path}"
