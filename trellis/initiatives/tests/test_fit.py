"""Which initiatives a member sees on their home page, and how a lead sees volunteers:
ranked by the engine's teach and shared scores, with a reason in one line, worked out by
the background worker and read back as stored."""

import pytest

from trellis.initiatives import fit, selectors, services
from trellis.initiatives.tests.conftest import in_days
from trellis.people.models import Member


@pytest.fixture(params=["everyone", "one member"])
def worked_out(request):
    """Fits as a page reads them once the worker has run: over everyone in one batched
    pass, or for the one member alone (a profile change)."""

    def read(member):
        if request.param == "everyone":
            fit.fit_refresh_everything()
        else:
            fit.fit_refresh(member_ids=[member.pk])
        return selectors.initiatives_fitting(member=member, limit=5).items

    return read


def titles(found):
    return [item.initiative.title for item in found]


def test_an_initiative_needing_what_you_can_help_with_comes_with_why(
    make_initiative, make_member, worked_out
):
    make_initiative(skills="Kubernetes, PostgreSQL")
    helper = make_member("Hana", working_on="mobile release trains", can_help_with="k8s, Postgres")

    found = worked_out(helper)

    assert titles(found) == ["Kubernetes cost reports"]
    assert found[0].fit.reason == "It needs Kubernetes and PostgreSQL, which you can help with."


def test_an_initiative_using_what_you_are_learning_says_so(make_initiative, ben, worked_out):
    make_initiative(skills="Kubernetes")  # Ben is learning k8s

    found = worked_out(ben)

    assert found[0].fit.reason == "You would practise Kubernetes, which you are learning."


def test_better_fits_come_first_and_unrelated_ones_not_at_all(
    make_initiative, make_member, worked_out
):
    # Each says why it matters in its own words: the fixture's "Cloud spend is our
    # second-largest cost" would tie every one of them to Ivo's "Kubernetes spend".
    make_initiative(
        title="Accessibility audit",
        problem="Checkout fails WCAG.",
        skills="WCAG",
        why_it_matters="Customers who use screen readers cannot pay.",
    )
    make_initiative(title="Cluster costs", problem="Kubernetes spend.", skills="Kubernetes, Go")
    make_initiative(
        title="Team offsite",
        problem="Plan the offsite.",
        skills="event planning",
        why_it_matters="People who never met should meet once a year.",
    )
    member = make_member("Ivo", working_on="Kubernetes spend", can_help_with="golang, k8s")

    assert titles(worked_out(member)) == ["Cluster costs"]


def test_your_own_initiatives_and_ones_you_offered_to_help_are_not_suggested(
    initiative, offer, carla, ana, worked_out
):
    assert worked_out(carla) == []
    assert worked_out(ana) == []


def test_only_open_or_underway_initiatives_are_suggested(make_initiative, carla, ben, worked_out):
    draft = make_initiative(skills="Kubernetes", publish=False)
    done = make_initiative(skills="Kubernetes")
    services.initiative_move(initiative=done, member=carla, to="done")
    underway = make_initiative(title="Underway", skills="Kubernetes")
    services.initiative_move(initiative=underway, member=carla, to="underway")

    assert titles(worked_out(ben)) == ["Underway"]
    assert draft.pk and done.pk


def test_initiatives_of_someone_who_left_are_not_suggested(make_initiative, carla, ben, worked_out):
    make_initiative(skills="Kubernetes")
    Member.objects.filter(pk=carla.pk).update(status=Member.Status.LEFT)

    assert worked_out(ben) == []


def test_the_lead_sees_offers_waiting_first_best_fit_first_with_why(
    make_initiative, make_member, carla
):
    initiative = make_initiative(skills="Terraform, SQL", ends_on=in_days(10))
    vague = make_member("Vera", working_on="brand refresh")
    strong = make_member("Sol", working_on="billing", can_help_with="PostgreSQL queries")
    for member, brings in ((vague, "Enthusiasm!"), (strong, "I write Terraform modules daily")):
        services.volunteer_offer(initiative=initiative, member=member, brings=brings)

    fit.volunteer_fit_refresh_pending()
    ranked = selectors.ranked_volunteers(
        volunteers=selectors.volunteers_for_lead(initiative=initiative)
    )

    assert [r.volunteer.member.display_name for r in ranked] == ["Sol", "Vera"]
    assert ranked[0].fit.reason == "Can help with Terraform, which it needs."
    assert ranked[1].fit.reason.startswith("Nothing in their profile or note names")
