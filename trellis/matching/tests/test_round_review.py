"""The round review compares the round with the baselines on the same cohort (real engine)."""

import html
from io import StringIO

import pytest
from django.core.management import call_command

from trellis.matching import runs, services
from trellis.matching.engine import review
from trellis.matching.models import Round

BASELINES = {"random", "hierarchy", "tfidf_greedy"}
FIGURES = {
    "pairs",
    "coverage",
    "useful_coverage",
    "mean_shared",
    "mean_mutual",
    "mean_teach",
    "mean_score",
    "cross_discipline",
    "cross_team",
    "violations",
}


def run(organiser) -> Round:
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    round_obj = runs.round_run(round_id=round_obj.pk)
    assert round_obj.state == Round.State.DONE, round_obj.failure_reason
    return round_obj


def review_page(client, organiser, round_obj) -> str:
    client.force_login(organiser.user)
    return html.unescape(client.get(round_obj.get_absolute_url()).content.decode())


@pytest.fixture
def small_cohort(ana, ben, make_member):
    """Six people, two of them in one reporting line."""
    carla = make_member(
        "Carla Mendes",
        discipline="Data",
        team="Insights",
        working_on="Kubernetes cost reports",
        can_help_with="Go, SQL",
        learning="Terraform",
    )
    make_member(
        "Dev Patel",
        discipline="Engineering",
        team="Payments",
        working_on="making our payment forms accessible",
        can_help_with="screen reader testing",
        learning="usability testing",
    )
    make_member(
        "Eli Cohen",
        discipline="Data",
        team="Insights",
        manager=carla,
        working_on="Kubernetes cost reports",
        can_help_with="Terraform",
        learning="Go",
    )
    make_member(
        "Fay Ito",
        discipline="Design",
        team="Checkout",
        working_on="accessibility audit",
        can_help_with="usability testing",
        learning="screen readers",
    )


def test_a_round_is_measured_beside_each_baseline(small_cohort, organiser):
    metrics = run(organiser).metrics

    assert set(metrics["baselines"]) == BASELINES
    for figures in [metrics["trellis"], *metrics["baselines"].values()]:
        assert set(figures) == FIGURES
        assert figures["violations"] == 0  # every method obeys the round's constraints
        assert 0 <= figures["coverage"] <= 1
    # The round's own figures by the yardstick are those the engine reported.
    assert metrics["trellis"]["mean_shared"] == pytest.approx(metrics["mean_shared"], abs=1e-5)
    assert metrics["trellis"]["coverage"] == pytest.approx(metrics["coverage"])
    assert metrics["run"]["baselines_seconds"] >= 0


def test_the_review_page_shows_the_comparison_table(client, small_cohort, organiser):
    round_obj = run(organiser)

    content = review_page(client, organiser, round_obj)

    assert "Compared with the baselines" in content
    for name in (
        "Trellis (this round)",
        "Random pairing (the spreadsheet)",
        "Senior with junior in a discipline (the hierarchy)",
        "Plain TF-IDF, greedy assignment",
    ):
        assert f'<th scope="row">{name}</th>' in content
    for heading in ("Coverage", "Mean shared interest", "Mean mutual value", "Constraints broken"):
        assert f'<th scope="col">{heading}</th>' in content


def test_a_large_cohort_skips_the_tfidf_baseline_and_says_so(
    client, small_cohort, organiser, monkeypatch
):
    monkeypatch.setattr(review, "TFIDF_UP_TO", 3)

    round_obj = run(organiser)

    skipped = round_obj.metrics["baselines"]["tfidf_greedy"]
    assert set(skipped) == {"skipped"}
    assert set(round_obj.metrics["baselines"]["random"]) == FIGURES
    content = review_page(client, organiser, round_obj)
    assert "Plain TF-IDF, greedy assignment: Not run: plain TF-IDF compares every" in content
    assert "cohorts of up to 3 members; this one has 7." in content


def test_a_failed_comparison_leaves_the_round_ready_and_says_why(
    client, small_cohort, organiser, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("no yardstick")

    monkeypatch.setattr(review, "compare_with_baselines", broken)

    round_obj = run(organiser)

    assert "baselines" not in round_obj.metrics
    assert round_obj.suggestions.exists()
    content = review_page(client, organiser, round_obj)
    assert "The comparison could not be made: ValueError: no yardstick" in content


def test_on_the_demo_organisation_trellis_finds_more_shared_interest_than_every_baseline(db):
    call_command("demo", "--no-serve", "--members", "80", stdout=StringIO(), stderr=StringIO())

    metrics = Round.objects.latest("created_at").metrics
    trellis = metrics["trellis"]

    assert set(metrics["baselines"]) == BASELINES
    for name, baseline in metrics["baselines"].items():
        assert trellis["mean_shared"] >= baseline["mean_shared"], name
        assert trellis["mean_score"] >= baseline["mean_score"], name
        assert trellis["useful_coverage"] >= baseline["useful_coverage"], name
