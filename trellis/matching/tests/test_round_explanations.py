"""Each member of a suggested pair reads the explanation written to them ("You both…");
organisers read the one naming both."""

import html

import pytest
from django.urls import reverse

from trellis.matching import runs, services
from trellis.matching.engine import review
from trellis.matching.models import RecommendationRefresh, Round, Suggestion

HOME = reverse("home:home")


def page(client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


@pytest.fixture
def maya_and_noor(make_member):
    """Two people on the same problem, each able to teach what the other is learning."""
    maya = make_member(
        "Maya Rossi",
        discipline="Engineering",
        team="Platform",
        working_on="Kubernetes upgrades",
        can_help_with="Go",
        learning="Terraform",
    )
    noor = make_member(
        "Noor Haddad",
        discipline="Design",
        team="Checkout",
        working_on="Kubernetes upgrades",
        can_help_with="Terraform",
        learning="Go",
    )
    for member in (maya, noor):
        RecommendationRefresh.objects.create(member=member)  # not under test here
    return maya, noor


@pytest.fixture
def published(maya_and_noor, organiser) -> Suggestion:
    """A round over both, run with the real engine and published."""
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    round_obj = runs.round_run(round_id=round_obj.pk)
    assert round_obj.state == Round.State.DONE, round_obj.failure_reason
    services.round_publish(round_id=round_obj.pk, organiser=organiser.user)
    return Suggestion.objects.get(round=round_obj)


def test_each_member_reads_the_explanation_written_to_them(client, maya_and_noor, published):
    maya, noor = maya_and_noor

    client.force_login(maya.user)
    mayas = page(client, HOME)
    client.force_login(noor.user)
    noors = page(client, HOME)

    assert "You both work on Kubernetes upgrades." in mayas
    assert "Noor can help you with Terraform; you can help Noor with Go." in mayas
    assert "Noor comes from Design, you from Engineering." in mayas
    assert "You both work on Kubernetes upgrades." in noors
    assert "Maya can help you with Go; you can help Maya with Terraform." in noors
    assert "Maya comes from Engineering, you from Design." in noors
    # Neither reads the other's version, nor the one naming both.
    assert "Maya can help you" not in mayas and "Noor can help you" not in noors
    assert "Maya and Noor both" not in mayas + noors


def test_the_explanations_use_names_and_never_a_pronoun(published):
    for text in (published.explanation, published.explanation_for_a, published.explanation_for_b):
        words = {word.strip(".,;:").lower() for word in text.split()}
        assert not words & {"she", "her", "hers", "he", "him", "his", "they", "them", "their"}


def test_the_organiser_reviews_the_explanation_naming_both(client, organiser, published):
    client.force_login(organiser.user)

    review_page = page(client, published.round.get_absolute_url())

    assert published.explanation.startswith("Maya and Noor both work on Kubernetes upgrades.")
    assert published.explanation in review_page
    assert published.explanation_for_a not in review_page
    assert published.explanation_for_b not in review_page


def test_each_side_keeps_its_own_explanation_when_the_engine_names_the_pair_the_other_way(
    fake_engine, done_round, monkeypatch, cohort, organiser
):
    # The stand-in engine names each pair higher id first; rows are stored lower id first.
    monkeypatch.setattr(
        review,
        "addressed_explanations",
        lambda people, result, progress=None: [(f"to {p.a}", f"to {p.b}") for p in result.pairs],
    )
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    runs.round_run(round_id=round_obj.pk)

    pairs = list(Suggestion.objects.filter(round=round_obj))
    assert pairs
    for pair in pairs:
        assert pair.explanation_for_a == f"to {pair.member_a_id}"
        assert pair.explanation_for_b == f"to {pair.member_b_id}"
        assert pair.explanation_for(pair.member_a_id) == f"to {pair.member_a_id}"
        assert pair.explanation_for(pair.member_b_id) == f"to {pair.member_b_id}"


def test_a_pair_without_explanations_for_each_side_shows_the_one_naming_both(
    client, published_round, ana
):
    # An engine that cannot address each side (and rounds from before it could).
    suggestion = Suggestion.objects.filter(round=published_round, member_a=ana).get()
    assert suggestion.explanation_for_a == suggestion.explanation_for_b == ""

    client.force_login(ana.user)

    assert suggestion.explanation in page(client, HOME)


def test_a_recommendation_is_written_to_its_member_only(fake_engine, ana, ben):
    runs.recommendations_refresh(member_ids=[ana.pk])

    recommendation = Suggestion.objects.get(recommended_to=ana)
    assert recommendation.explanation == ""
    assert recommendation.explanation_for(ana.pk) == "You and Ben Okafor share a problem."
