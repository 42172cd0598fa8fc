"""Pair scores: zero without shared interest, symmetric, blind to seniority."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from trellis.matching.engine import scores
from trellis.matching.engine.encoders import VocabularyEncoder
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import PairScores, Weights, attributes, score_pairs
from trellis.matching.engine.tests.test_paraphrase import organisation


def person(id: str, discipline="Engineering", team="Core", background=(), **statements):
    fields = dict(working_on="", curious_about="", can_help_with="", learning="")
    fields.update(statements)
    return Person(
        id=id,
        name=id.title(),
        discipline=discipline,
        team=team,
        level=3,
        manager=None,
        background=tuple(background),
        capacity=2,
        **fields,
    )


NAMED = [
    person(
        "ana",
        "Design",
        "Checkout",
        ("physics",),
        working_on="Kubernetes upgrades",
        can_help_with="Terraform",
        learning="Go",
    ),
    person(
        "ben",
        "Engineering",
        "Platform",
        ("music",),
        working_on="upgrading our k8s clusters",
        can_help_with="Go, gRPC",
        learning="Terraform",
    ),
    person(
        "cleo",
        "Legal",
        "Privacy",
        ("law",),
        working_on="medieval manuscripts",
        can_help_with="sourdough baking",
        learning="watercolour painting",
    ),
    person("dan", "Engineering", "Platform", ("music",), working_on="Kubernetes upgrades"),
    person("eve", "Sales", "EMEA", working_on="strategy, leadership, communication"),
    person("fay", "Finance", "FP&A", working_on="communication and leadership strategy"),
    person("gus", learning="Terraform"),
]
ANA, BEN, CLEO, DAN, EVE, FAY, GUS = range(7)


@pytest.fixture(scope="module")
def people() -> list[Person]:
    return NAMED + organisation(150, seed=5)


@pytest.fixture(scope="module")
def profiles(people):
    return VocabularyEncoder(dim=64, concept_dim=48).fit(people).encode(people)


@pytest.fixture(scope="module")
def attrs(people):
    return attributes(people)


def scored(profiles, attrs, pairs, weights=None) -> PairScores:
    pairs = np.array(pairs)
    return score_pairs(profiles, attrs, pairs[:, 0], pairs[:, 1], weights)


def test_a_pair_with_nothing_in_common_scores_exactly_zero(profiles, attrs):
    result = scored(profiles, attrs, [(ANA, CLEO), (BEN, CLEO)])
    assert result.score.tolist() == [0.0, 0.0]
    assert result.diversity.min() > 0.9  # differing in everything does not help


def test_generic_words_alone_score_zero(profiles, attrs):
    assert scored(profiles, attrs, [(EVE, FAY)]).score[0] == 0


def test_a_shared_problem_and_two_way_teaching_score_well(profiles, attrs):
    pair = scored(profiles, attrs, [(ANA, BEN)]).pair(0)
    assert pair.shared > 0.3
    assert pair.teach_ab > 0.2 and pair.teach_ba > 0.2
    assert pair.mutual == pytest.approx(max(pair.shared, np.sqrt(pair.teach_ab * pair.teach_ba)))
    assert pair.score > 0.5


def test_teaching_has_a_direction(profiles, attrs):
    pair = scored(profiles, attrs, [(ANA, GUS)]).pair(0)
    assert pair.teach_ab > 0.3 and pair.teach_ba == 0
    assert pair.mutual == pytest.approx(pair.shared)


def test_shared_and_diversity_are_symmetric_and_teaching_swaps(profiles, attrs, people):
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(people), 300), rng.integers(0, len(people), 300)
    forth = score_pairs(profiles, attrs, a, b)
    back = score_pairs(profiles, attrs, b, a)
    for name in ("shared", "diversity", "mutual", "score"):
        np.testing.assert_allclose(getattr(forth, name), getattr(back, name), rtol=1e-6)
    np.testing.assert_allclose(forth.teach_ab, back.teach_ba, rtol=1e-6)
    np.testing.assert_allclose(forth.teach_ba, back.teach_ab, rtol=1e-6)


def test_seniority_changes_nothing(people, profiles, attrs):
    promoted = [dataclasses.replace(p, level=(i * 7) % 9) for i, p in enumerate(people)]
    again = VocabularyEncoder(dim=64, concept_dim=48).fit(promoted).encode(promoted)
    pairs = [(ANA, BEN), (ANA, GUS), (BEN, DAN), (EVE, FAY)]
    before = scored(profiles, attrs, pairs)
    after = scored(again, attributes(promoted), pairs)
    for name in ("teach_ab", "teach_ba", "shared", "mutual", "diversity", "score"):
        assert np.array_equal(getattr(before, name), getattr(after, name))


def test_diversity_counts_discipline_team_and_background(profiles, attrs):
    same, different = scored(profiles, attrs, [(BEN, DAN), (ANA, BEN)]).diversity
    assert same == 0
    assert different == pytest.approx(1.0)


def test_diversity_amplifies_a_shared_interest(profiles, attrs):
    both = scored(profiles, attrs, [(BEN, DAN), (ANA, DAN)])
    alike, unlike = both.pair(0), both.pair(1)
    assert alike.diversity == 0 and unlike.diversity > 0.9
    base = Weights()
    expected = (
        base.mutual * unlike.mutual
        + base.shared * unlike.shared
        + base.teach * (unlike.teach_ab + unlike.teach_ba) / 2
    ) * (1 + base.diversity * unlike.diversity)
    assert unlike.score == pytest.approx(expected, rel=1e-5)


def test_background_difference_is_a_jaccard_distance():
    group = [
        person("a", background=("Physics", "music")),
        person("b", background=("physics", "law")),
        person("c", background=()),
    ]
    attrs = attributes(group)
    value = scores.diversity(attrs, np.array([0, 0]), np.array([1, 2]))
    assert value.tolist() == pytest.approx([(1 - 1 / 3) / 3, 0.0])


def test_weights_change_the_score_and_the_threshold(profiles, attrs):
    pairs = [(ANA, BEN), (ANA, GUS)]
    default = scored(profiles, attrs, pairs).score
    strict = scored(profiles, attrs, pairs, Weights(min_interest=0.99)).score
    no_diversity = scored(profiles, attrs, pairs, Weights(diversity=0)).score
    assert strict.tolist() == [0.0, 0.0]
    assert (no_diversity < default).all()


def test_weights_must_be_non_negative_numbers():
    with pytest.raises(ValueError, match="mutual"):
        Weights(mutual=-1)
    with pytest.raises(ValueError, match="min_interest"):
        Weights(min_interest="high")


def test_chunks_and_threads_give_the_same_scores(profiles, attrs, people, monkeypatch):
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, len(people), 1000), rng.integers(0, len(people), 1000)
    whole = score_pairs(profiles, attrs, a, b, threads=1)
    monkeypatch.setattr(scores, "CHUNK", 64)
    chunked = score_pairs(profiles, attrs, a, b, threads=2)
    for name in ("teach_ab", "shared", "score"):
        assert np.array_equal(getattr(whole, name), getattr(chunked, name))


def test_dense_vectors_serve_when_an_encoder_has_no_sketches(profiles, attrs):
    dense = dataclasses.replace(profiles, sketches=None)
    result = scored(dense, attrs, [(ANA, BEN), (ANA, CLEO)])
    assert result.shared[0] > result.shared[1]
    assert result.score[1] == 0


def test_pairs_must_be_aligned_arrays(profiles, attrs):
    with pytest.raises(ValueError, match="same length"):
        score_pairs(profiles, attrs, np.array([0, 1]), np.array([1]))


def test_no_pairs_give_empty_scores(profiles, attrs):
    result = score_pairs(profiles, attrs, np.array([], int), np.array([], int))
    assert len(result) == 0 and result.score.dtype == np.float32


def test_attributes_code_disciplines_and_teams_case_insensitively():
    group = [
        person("a", "Design", "Core"),
        person("b", "design ", "core"),
        person("c", "", "Edge"),
    ]
    attrs = attributes(group)
    assert attrs.discipline.tolist() == [0, 0, -1]
    assert attrs.team.tolist() == [0, 0, 1]
    assert len(attrs) == 3


def _teach_to_gus(giver: Person) -> float:
    group = [giver, NAMED[GUS], *organisation(60, seed=3)]
    profiles = VocabularyEncoder(dim=64, concept_dim=48).fit(group).encode(group)
    return float(score_pairs(profiles, attributes(group), [0], [1]).teach_ab[0])


def test_a_broad_helper_covers_a_need_as_well_as_a_narrow_one():
    narrow = person("nia", can_help_with="Terraform")
    broad = person(
        "bo",
        can_help_with="Terraform, Go, gRPC, PostgreSQL tuning, incident reviews, React, "
        "accessibility audits, pricing experiments",
    )
    assert _teach_to_gus(broad) == pytest.approx(_teach_to_gus(narrow), rel=0.05)
    assert _teach_to_gus(broad) > 0.5


def test_teaching_is_the_share_of_the_need_that_is_covered():
    learner = person("lu", learning="Terraform, watercolour painting")
    group = [person("nia", can_help_with="Terraform"), learner, *organisation(60, seed=3)]
    group.append(person("wes", working_on="watercolour painting"))  # someone else says it too
    profiles = VocabularyEncoder(dim=64, concept_dim=48).fit(group).encode(group)
    half = float(score_pairs(profiles, attributes(group), [0], [1]).teach_ab[0])
    assert 0.2 < half < 0.8


def test_a_word_nobody_else_writes_does_not_crowd_out_the_need():
    learner = person("lu", learning="Terraform with the zqxjv-9 wrapper")
    group = [person("nia", can_help_with="Terraform"), learner, *organisation(60, seed=3)]
    profiles = VocabularyEncoder(dim=64, concept_dim=48).fit(group).encode(group)
    assert float(score_pairs(profiles, attributes(group), [0], [1]).teach_ab[0]) > 0.5


def test_coverage_finds_every_id_a_giver_holds():
    rng = np.random.default_rng(7)
    width, pairs = 32, 500
    covers = np.sort(rng.choice(10_000, size=(pairs, width)), axis=1).astype(np.int32)
    covers[:, 20:] = np.iinfo(np.int32).max  # padding, as the encoder pads
    presence = rng.random((pairs, width)).astype(np.float32)
    needs = np.where(rng.random((pairs, 16)) < 0.5, covers[:, rng.integers(0, 20, 16)], -1)
    shares = np.full((pairs, 16), 1 / 16, np.float32)
    expected = [
        sum(
            shares[p, k] * presence[p, list(covers[p]).index(needs[p, k])]
            for k in range(16)
            if needs[p, k] in covers[p, :20]
        )
        for p in range(pairs)
    ]
    got = scores._coverage((covers, presence), (needs.astype(np.int32), shares))
    np.testing.assert_allclose(got, expected, rtol=1e-5)
