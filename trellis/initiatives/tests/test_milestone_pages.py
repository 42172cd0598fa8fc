"""The milestone pages: the lead and organisers plan, every reader of the initiative sees
the plan, everyone else gets a 404 and writes nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.initiatives import services
from trellis.initiatives.models import Milestone
from trellis.initiatives.tests.conftest import in_days


def plan_url(initiative) -> str:
    return reverse("initiatives:milestone_list", args=[initiative.pk])


def form(**changes) -> dict:
    return {"title": "First weekly cost report sent", "due_on": in_days(14).isoformat()} | changes


@pytest.fixture
def milestone(initiative, carla) -> Milestone:
    return services.milestone_add(
        initiative=initiative,
        member=carla,
        title="Cost query reviewed",
        due_on=in_days(10),
        note="Finance reads it first.",
    )


def test_the_lead_adds_a_milestone_and_every_member_sees_it_on_the_initiative(
    client, initiative, carla, dev
):
    client.force_login(carla.user)
    response = client.post(plan_url(initiative), form())
    assert response.status_code == 302
    assert Milestone.objects.get().title == "First weekly cost report sent"

    client.force_login(dev.user)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "First weekly cost report sent" in page
    assert "(the final milestone)" in page
    assert plan_url(initiative) not in page


def test_an_organiser_plans_too(organiser_client, initiative):
    assert organiser_client.get(plan_url(initiative)).status_code == 200
    assert organiser_client.post(plan_url(initiative), form()).status_code == 302
    assert Milestone.objects.count() == 1


def test_a_member_who_is_not_the_lead_gets_a_404_and_writes_nothing(
    client, initiative, milestone, ana, on_team
):
    client.force_login(ana.user)
    before = list(Milestone.objects.values())
    edit = reverse("initiatives:milestone_edit", args=[milestone.pk])
    remove = reverse("initiatives:milestone_remove", args=[milestone.pk])

    assert client.get(plan_url(initiative)).status_code == 404
    assert client.post(plan_url(initiative), form()).status_code == 404
    assert client.get(edit).status_code == 404
    assert client.post(edit, form(title="Mine now")).status_code == 404
    assert client.post(remove).status_code == 404
    assert list(Milestone.objects.values()) == before


def test_an_organiser_cannot_plan_a_draft_they_cannot_see(organiser_client, draft):
    assert organiser_client.get(plan_url(draft)).status_code == 404
    assert organiser_client.post(plan_url(draft), form()).status_code == 404
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Name the milestone: what is done by then?"),
        ({"title": "Two\nlines"}, "on one line"),
        ({"due_on": "next Tuesday"}, "Give the date as a date, e.g. 2027-01-31."),
        ({"due_on": in_days(90).isoformat()}, "its final milestone"),
        ({"note": "n" * 501}, "Keep this under 500 characters; it has 501."),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(
    client, initiative, carla, changes, message
):
    client.force_login(carla.user)

    response = client.post(plan_url(initiative), form(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Milestone.objects.exists()


def test_the_lead_edits_and_removes_a_milestone(client, initiative, milestone, carla):
    client.force_login(carla.user)
    edit = reverse("initiatives:milestone_edit", args=[milestone.pk])

    assert client.get(edit).status_code == 200
    client.post(edit, form(title="Cost query signed off", due_on=in_days(12).isoformat()))
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Cost query signed off", in_days(12))

    client.post(reverse("initiatives:milestone_remove", args=[milestone.pk]))
    assert not Milestone.objects.exists()


def test_a_bad_edit_is_shown_and_changes_nothing(client, initiative, milestone, carla):
    client.force_login(carla.user)
    before = list(Milestone.objects.values())

    response = client.post(
        reverse("initiatives:milestone_edit", args=[milestone.pk]), form(title="")
    )

    assert "Name the milestone" in response.content.decode()
    assert list(Milestone.objects.values()) == before


def test_a_closed_initiative_shows_its_plan_without_forms(client, initiative, milestone, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")
    client.force_login(carla.user)

    page = client.get(plan_url(initiative)).content.decode()
    refused = client.post(plan_url(initiative), form())

    assert "its milestones no longer change" in page and "Add it" not in page
    assert "its milestones no longer change" in refused.content.decode()
    assert Milestone.objects.count() == 1


def test_the_plan_page_costs_the_same_with_more_milestones(client, initiative, carla):
    client.force_login(carla.user)
    counts = []
    for n in range(2):
        for step in range(5):
            services.milestone_add(
                initiative=initiative, member=carla, title=f"Step {n}.{step}", due_on=in_days(5)
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url(initiative)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
