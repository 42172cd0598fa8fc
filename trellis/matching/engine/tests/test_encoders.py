"""Statements to vectors: offline, deterministic, synonyms alike, generic words weak."""

from __future__ import annotations

import dataclasses
import importlib.util
import socket

import numpy as np
import pytest

from trellis.matching.engine.encoders import (
    DENSE_KINDS,
    KINDS,
    SentenceEmbeddingEncoder,
    VocabularyEncoder,
)
from trellis.matching.engine.people import Person
from trellis.matching.engine.tests.test_paraphrase import organisation
from trellis.text.spelling import american


def person(id: str, **statements) -> Person:
    fields = dict(working_on="", curious_about="", can_help_with="", learning="")
    fields.update(statements)
    return Person(
        id=id,
        name=id.title(),
        discipline="Engineering",
        team="Core",
        level=3,
        manager=None,
        background=(),
        capacity=2,
        **fields,
    )


NAMED = [
    person("k8s", working_on="upgrading our k8s clusters", can_help_with="k8s, Helm"),
    person("kube", working_on="Kubernetes upgrades", learning="Kubernetes"),
    person("empty"),
    person("generic", working_on="strategy, leadership, communication"),
    person("spelling", working_on="optimising cloud costs", curious_about="organisational design"),
    person("posts", posts=("Notes from our accessibility audit",)),
]


@pytest.fixture(scope="module")
def people() -> list[Person]:
    return NAMED + organisation(120, seed=3)


@pytest.fixture(scope="module")
def encoder(people) -> VocabularyEncoder:
    return VocabularyEncoder(dim=64, concept_dim=48).fit(people)


@pytest.fixture(scope="module")
def profiles(encoder, people):
    return encoder.encode(people)


def test_every_kind_is_a_float32_matrix_of_dim_columns(profiles, people):
    for kind in DENSE_KINDS:
        matrix = profiles.matrix(kind)
        assert matrix.shape == (len(people), 64) and matrix.dtype == np.float32
    for sketch in [profiles.sketches["interest"], *profiles.needs.values()]:
        assert sketch.ids.shape == sketch.weights.shape == (len(people), 16)
    for sketch in profiles.covers.values():
        assert sketch.ids.shape == sketch.weights.shape == (len(people), 64)
        assert (np.diff(sketch.ids.astype(np.int64), axis=1) >= 0).all()  # ascending, searchable
    assert profiles.dim == 64 and len(profiles) == len(people)
    assert profiles.ids[:2] == ("k8s", "kube")


def test_rows_are_at_most_unit_length(profiles):
    for kind in DENSE_KINDS:
        assert np.linalg.norm(profiles.matrix(kind), axis=1).max() <= 1 + 1e-5
    assert np.linalg.norm(profiles.sketches["interest"].weights, axis=1).max() <= 1 + 1e-5
    for kind, need in profiles.needs.items():
        assert need.weights.sum(axis=1).max() <= 1 + 1e-5, kind  # shares of one need
    for kind, cover in profiles.covers.items():
        assert cover.weights.max() <= 1, kind  # presence


def test_statements_with_no_text_are_all_zero(profiles):
    empty = 2
    for kind in KINDS:
        if kind in DENSE_KINDS:
            assert not profiles.matrix(kind)[empty].any()
        for sketches in (profiles.sketches, profiles.needs, profiles.covers):
            if kind in sketches:
                assert not sketches[kind].weights[empty].any()
        assert profiles.topics[kind][empty] == ()


def test_an_abbreviation_and_its_topic_are_the_same_thing(profiles):
    offers = profiles.covers["offers"]
    wants = profiles.needs["wants"]
    same = set(offers.ids[0][offers.weights[0] > 0]) & set(wants.ids[1][wants.weights[1] > 0])
    assert same, "k8s and Kubernetes share no feature"
    assert "kubernetes" in profiles.topics["offers"][0]
    assert profiles.topics["wants"][1] == ("kubernetes",)
    assert float(profiles.offers[0] @ profiles.wants[1]) > 0.5


def test_posts_count_as_interest_not_as_work(profiles):
    assert "accessibility" in profiles.topics["interest"][5]
    assert profiles.topics["working"][5] == ()


def test_british_spellings_read_as_american(profiles):
    assert "cloud-cost-optimization" in profiles.topics["working"][4]
    assert american("optimising") == "optimizing"
    assert american("organisational") == "organizational"
    assert american("behaviour") == "behavior"
    assert american("modelling") == "modeling"
    assert american("centre") == "center"
    assert american("licence") == "license"
    assert american("kubernetes") == "kubernetes"


def test_generic_statements_are_short_and_specific_ones_long(profiles):
    generic = profiles.needs["working"].weights[3].sum()  # shares sum to specificity
    specific = profiles.needs["working"].weights[1].sum()
    assert generic < 0.3 < 0.6 < specific


def test_encoding_is_deterministic(people, profiles):
    again = VocabularyEncoder(dim=64, concept_dim=48).fit(people).encode(people)
    for kind in DENSE_KINDS:
        assert np.array_equal(profiles.matrix(kind), again.matrix(kind))
    for name in ("sketches", "needs", "covers"):
        for kind, sketch in getattr(profiles, name).items():
            assert np.array_equal(sketch.ids, getattr(again, name)[kind].ids)
            assert np.array_equal(sketch.weights, getattr(again, name)[kind].weights)


def test_it_never_touches_the_network(people, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    profiles = VocabularyEncoder(dim=32, concept_dim=16).fit(people).encode(people[:10])
    assert profiles.interest.shape == (10, 32)


def test_it_encodes_people_it_was_not_fitted_on(encoder):
    newcomer = person("new", working_on="Kubernetes and zygomorphic flowers")
    profiles = encoder.encode([newcomer])
    assert profiles.topics["working"][0] == ("kubernetes",)
    assert 0 < np.linalg.norm(profiles.interest[0]) <= 1 + 1e-6


def test_it_refuses_to_encode_before_fitting():
    with pytest.raises(RuntimeError, match="Fit the encoder"):
        VocabularyEncoder().encode(NAMED)


def test_loose_topic_matching_finds_other_word_orders(encoder):
    assert "cloud-cost-optimization" in encoder.reader("costs of our cloud, optimized")
    assert "data-quality" in encoder.reader("the quality of our data")
    assert "system-design" in encoder.reader("system design interviews")
    assert "design-systems" not in encoder.reader("system design interviews")


def test_loose_texts_are_encoded_in_the_same_space(encoder, profiles):
    vectors = encoder.encode_texts(["Kubernetes upgrades", ""])
    assert vectors.shape == (2, 64)
    assert not vectors[1].any()
    assert float(vectors[0] @ profiles.interest[1]) > 0.5


def test_a_small_dim_still_works(people):
    profiles = VocabularyEncoder(dim=8, concept_dim=8).fit(people[:20]).encode(people[:20])
    assert profiles.interest.shape == (20, 8)


def test_the_sentence_encoder_names_a_missing_model_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-model"):
        SentenceEmbeddingEncoder(tmp_path / "no-such-model").fit(NAMED)


def test_the_sentence_encoder_names_a_missing_package(tmp_path, monkeypatch):
    (tmp_path / "modules.json").write_text("[]")
    real = importlib.import_module

    def missing(name, *args):
        if name == "sentence_transformers":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(ImportError, match="sentence-transformers"):
        SentenceEmbeddingEncoder(tmp_path).fit(NAMED)


def test_the_sentence_encoder_encodes_with_the_model_trellis_ships(people):
    profiles = SentenceEmbeddingEncoder("wordllama").fit(people).encode(people)
    assert profiles.interest.shape[0] == len(people)
    assert not profiles.working[2].any()
    assert profiles.sketches is None
    interest = profiles.interest
    assert float(interest[0] @ interest[1]) > float(interest[0] @ interest[4])


def test_profiles_know_where_each_person_is(profiles):
    index = profiles.index()
    assert index["kube"] == 1
    with pytest.raises(KeyError):
        profiles.matrix("hobbies")
    assert dataclasses.is_dataclass(profiles)


def test_only_the_kinds_candidate_search_reads_have_dense_rows(profiles):
    assert profiles.working is None and profiles.curious is None
    with pytest.raises(KeyError, match="no dense rows for 'working'"):
        profiles.matrix("working")


def test_dense_rows_can_be_let_go_once_candidates_are_found(people):
    profiles = VocabularyEncoder(dim=32, concept_dim=16).fit(people).encode(people)
    profiles.drop_dense()
    assert profiles.interest is None and profiles.offers is None
    assert profiles.dim == 32 and profiles.sketches["interest"] is not None


def test_explanations_need_no_vectors(people):
    from trellis.matching.engine.explain import explain
    from trellis.matching.engine.scores import attributes, score_pairs

    profiles = VocabularyEncoder(dim=32, concept_dim=16).fit(people).encode(people)
    pair = score_pairs(profiles, attributes(people), [0], [1]).pair(0)
    before = explain(people[0], people[1], profiles, pair)
    profiles.drop_vectors()
    assert profiles.sketches is None and profiles.interest is None
    assert explain(people[0], people[1], profiles, pair) == before
