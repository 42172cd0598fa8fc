"""With the real engine: a round runs, is reviewed and published from the organiser's
pages, and its suggestions, with explanations, appear on both members' home pages."""

import re

import pytest
from django.db.models import Q
from django.urls import reverse

from trellis.matching import config as round_config
from trellis.matching import runs, services
from trellis.matching.models import RecommendationRefresh, Round, Suggestion

HOME = reverse("home:home")
NEW = reverse("matching:round_new")


@pytest.fixture
def organisation(make_member, organiser):
    """Two pairs who could clearly help each other, and a manager with her report."""
    people = {
        "ana": make_member(
            "Ana Lima",
            discipline="Engineering",
            team="Platform",
            working_on="Kubernetes upgrades, on-call load",
            can_help_with="Terraform, incident reviews",
            learning="Go",
        ),
        "carla": make_member(
            "Carla Mendes",
            discipline="Data",
            team="Insights",
            working_on="Kubernetes cost reports, migrating jobs to Kubernetes",
            can_help_with="Go, SQL",
            learning="Terraform, incident reviews",
        ),
        "ben": make_member(
            "Ben Okafor",
            discipline="Design",
            team="Checkout",
            working_on="accessibility audit of the checkout forms",
            can_help_with="usability testing, user interviews",
            learning="screen reader testing, a11y",
        ),
        "dev": make_member(
            "Dev Patel",
            discipline="Engineering",
            team="Payments",
            working_on="making our payment forms accessible",
            can_help_with="accessibility, screen reader testing",
            learning="usability testing, user interviews",
        ),
    }
    people["eli"] = make_member(
        "Eli Cohen",
        discipline="Engineering",
        team="Platform",
        manager=people["ana"],
        working_on="Kubernetes upgrades",
        can_help_with="Go",
        learning="Terraform",
    )
    for member in people.values():
        RecommendationRefresh.objects.create(member=member)  # not under test here
    return people


def start_round(client) -> Round:
    form = {
        "cohort_kind": "all",
        "cohort_value": "",
        **{f"weight_{k}": v for k, v in round_config.default_config()["weights"].items()},
        "candidates_per_member": "20",
        "seed": "1",
    }
    response = client.post(NEW, form)
    assert response.status_code == 302, response.content.decode()
    round_obj = Round.objects.get()
    return runs.round_run(round_id=round_obj.pk)  # what the worker does


def test_a_round_is_run_reviewed_and_published_and_both_members_see_it(
    client, organisation, organiser
):
    client.force_login(organiser.user)
    round_obj = start_round(client)

    assert round_obj.state == Round.State.DONE, round_obj.failure_reason
    pairs = list(Suggestion.objects.filter(round=round_obj).select_related("member_a", "member_b"))
    assert pairs, "the round found no pair"
    assert all(p.explanation.strip() and p.score > 0 for p in pairs)
    ana, eli = organisation["ana"], organisation["eli"]
    assert not any({p.member_a_id, p.member_b_id} == {ana.pk, eli.pk} for p in pairs)
    for member in organisation.values():
        mine = [p for p in pairs if member.pk in (p.member_a_id, p.member_b_id)]
        assert len(mine) <= member.capacity
    review = client.get(round_obj.get_absolute_url()).content.decode()
    assert "Coverage: members with at least one pair" in review
    assert pairs[0].explanation in review.replace("&#x27;", "'").replace("&quot;", '"')

    first = pairs[0]
    for member in (first.member_a, first.member_b):
        client.force_login(member.user)
        assert first.explanation not in client.get(HOME).content.decode()

    client.force_login(organiser.user)
    client.post(reverse("matching:round_publish", args=[round_obj.pk]))

    for member, other in ((first.member_a, first.member_b), (first.member_b, first.member_a)):
        client.force_login(member.user)
        response = client.get(HOME)
        assert [s.pk for s in response.context["suggestions"] if s.other_member == other] == [
            first.pk
        ]


def test_a_dismissed_pair_is_not_in_the_next_round(client, organisation, organiser):
    client.force_login(organiser.user)
    first = start_round(client)
    services.round_publish(round_id=first.pk, organiser=organiser.user)
    best = Suggestion.objects.filter(round=first).order_by("-score").first()
    services.suggestion_dismiss(suggestion_id=best.pk, member=best.member_a)

    second = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    second = runs.round_run(round_id=second.pk)

    assert second.state == Round.State.DONE, second.failure_reason
    again = Suggestion.objects.filter(round=second).filter(
        Q(member_a=best.member_a_id, member_b=best.member_b_id)
    )
    assert not again.exists()


def test_recommendations_are_stored_with_explanations(organisation):
    ana = organisation["ana"]

    runs.recommendations_refresh(member_ids=[ana.pk])

    recommended = Suggestion.objects.filter(recommended_to=ana)
    assert 1 <= recommended.count() <= 5
    # Written to Ana, the only one who sees them; there is no version naming both.
    assert all(re.search(r"\byou\b", s.explanation_for(ana.pk), re.I) for s in recommended)
    assert not any(s.explanation for s in recommended)
    assert not recommended.filter(Q(member_a=organisation["eli"]) | Q(member_b=organisation["eli"]))
