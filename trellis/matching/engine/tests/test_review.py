"""What a finished round gets before review: explanations for each side, and the baselines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trellis.matching.engine import review
from trellis.matching.engine.baselines import profile_text, tfidf_neighbours
from trellis.matching.engine.people import Person
from trellis.matching.engine.pipeline import PairResult, RoundConfig, RoundResult, run_round
from trellis.matching.engine.synthetic import synthetic_organisation

TOPICS = Path(__file__).resolve().parents[4] / "data" / "topics.csv"
CONFIG = RoundConfig(seed=3)


@pytest.fixture(scope="module")
def organisation() -> list[Person]:
    return synthetic_organisation(300, topics_path=TOPICS, seed=3)


@pytest.fixture(scope="module")
def declined(organisation) -> list[tuple[str, str]]:
    """Pairs declined recently: each of 15 members with their nearest TF-IDF neighbour."""
    i, j, _ = tfidf_neighbours([profile_text(p) for p in organisation], k=1)
    return [(organisation[a].id, organisation[b].id) for a, b in zip(i[:15], j[:15], strict=True)]


@pytest.fixture(scope="module")
def result(organisation, declined) -> RoundResult:
    return run_round(organisation, config=CONFIG, blocked=declined)


@pytest.fixture(scope="module")
def compared(organisation, declined, result) -> dict:
    return review.compare_with_baselines(organisation, result, config=CONFIG, blocked=declined)


def person(id: str, name: str, **fields) -> Person:
    defaults = dict(discipline="", team="", level=3, manager=None, background=(), capacity=2)
    statements = dict.fromkeys(("working_on", "curious_about", "can_help_with", "learning"), "")
    return Person(id=id, name=name, **(defaults | statements | fields))


def test_every_pair_is_explained_to_each_of_its_members(result, organisation):
    addressed = review.addressed_explanations(organisation, result)

    assert len(addressed) == len(result.pairs) > 0
    for pair, (for_a, for_b) in zip(result.pairs, addressed, strict=True):
        assert for_a != pair.explanation and for_b != pair.explanation
        assert re.search(r"\byou\b", for_a, re.I) and re.search(r"\byou\b", for_b, re.I)


def test_the_explanation_for_each_side_names_the_other():
    ana = person(
        "1",
        "Ana Lima",
        discipline="Design",
        working_on="Kubernetes upgrades",
        can_help_with="Terraform",
        learning="Go",
    )
    ben = person(
        "2",
        "Ben Okafor",
        discipline="Engineering",
        working_on="Kubernetes upgrades",
        can_help_with="Go",
        learning="Terraform",
    )
    people = [ana, ben]
    result = run_round(people, config=CONFIG)
    [(for_a, for_b)] = review.addressed_explanations(people, result)
    to_ana, to_ben = (for_a, for_b) if result.pairs[0].a == "1" else (for_b, for_a)

    assert to_ana == (
        "You both work on Kubernetes upgrades. Ben can help you with Go; you can help Ben "
        "with Terraform. Ben comes from Engineering, you from Design."
    )
    assert to_ben == (
        "You both work on Kubernetes upgrades. Ana can help you with Terraform; you can help "
        "Ana with Go. Ana comes from Design, you from Engineering."
    )


def test_a_result_without_scored_candidates_gets_no_addressed_explanations(organisation):
    pair = PairResult(organisation[0].id, organisation[1].id, 0.5, 0.5, 0, 0, 0, "Both…")
    result = RoundResult(pairs=[pair], candidates=[pair])

    assert review.addressed_explanations(organisation, result) == [("", "")]


def test_each_baseline_is_measured_with_the_rounds_yardstick(compared, result):
    assert set(compared["baselines"]) == set(review.BASELINES)
    trellis = compared["trellis"]
    assert trellis["pairs"] == len(result.pairs)
    assert trellis["coverage"] == pytest.approx(result.metrics["coverage"])
    assert trellis["mean_shared"] == pytest.approx(result.metrics["mean_shared"], abs=1e-5)
    assert trellis["mean_mutual"] == pytest.approx(result.metrics["mean_mutual"], abs=1e-5)
    assert trellis["mean_score"] == pytest.approx(result.metrics["mean_score"], abs=1e-5)


def test_no_method_breaks_a_constraint_of_the_round(compared):
    for figures in [compared["trellis"], *compared["baselines"].values()]:
        assert figures["violations"] == 0


def test_trellis_beats_every_baseline_on_shared_interest_and_mutual_value(compared):
    trellis = compared["trellis"]
    for name, baseline in compared["baselines"].items():
        assert trellis["mean_shared"] > baseline["mean_shared"], name
        assert trellis["mean_mutual"] > baseline["mean_mutual"], name
        assert trellis["useful_coverage"] >= baseline["useful_coverage"], name


def test_tfidf_is_skipped_above_its_limit_with_the_reason(organisation, declined, result):
    compared = review.compare_with_baselines(
        organisation, result, config=CONFIG, blocked=declined, tfidf_up_to=100
    )

    assert compared["baselines"]["tfidf_greedy"] == {
        "skipped": "Not run: plain TF-IDF compares every profile with every other, so it runs "
        "on cohorts of up to 100 members; this one has 300."
    }
    assert "mean_shared" in compared["baselines"]["random"]


def test_without_the_rounds_encoding_the_same_encoder_is_fitted_again(
    organisation, declined, result, compared
):
    pairs_only = RoundResult(pairs=result.pairs, candidates=list(result.pairs))

    again = review.compare_with_baselines(organisation, pairs_only, config=CONFIG, blocked=declined)

    assert again["trellis"]["mean_shared"] == pytest.approx(
        compared["trellis"]["mean_shared"], abs=1e-5
    )
