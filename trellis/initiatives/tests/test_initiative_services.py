"""Writing an initiative, changing it, and moving it through its states."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.initiatives import services
from trellis.initiatives.models import Initiative
from trellis.initiatives.tests.conftest import PROBLEM, in_days, snapshot
from trellis.notifications.models import Notification
from trellis.people.models import Member


def create(lead, **fields):
    fields = {"title": "Cost reports", "problem": PROBLEM, "ends_on": in_days(30)} | fields
    return services.initiative_create(lead=lead, **fields)


def test_a_new_initiative_is_a_draft_only_its_lead_has(carla):
    initiative = create(carla)

    assert initiative.state == Initiative.State.DRAFT
    assert initiative.opened_at is None
    assert initiative.lead == carla


def test_publishing_at_once_opens_it_for_volunteers(carla):
    initiative = create(carla, publish=True)

    assert initiative.state == Initiative.State.OPEN
    assert initiative.opened_at is not None


def test_it_links_the_topics_named_in_any_wording(carla):
    initiative = create(
        carla, title="k8s spend", problem="Who pays for what?", skills="terraform modules, golang"
    )

    slugs = set(initiative.topics.values_list("slug", flat=True))
    assert {"kubernetes", "terraform", "go-programming"} <= slugs


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "   "}, "title", "Give the initiative a title: what is the piece of work?"),
        ({"problem": ""}, "problem", "Say what problem it solves"),
        ({"ends_on": in_days(-1)}, "ends_on", "has passed: pick a later one."),
        ({"ends_on": None}, "ends_on", "Say when it ends (a date)."),
        ({"helpers_wanted": 0}, "helpers_wanted", "Ask for at least one helper."),
        ({"helpers_wanted": -3}, "helpers_wanted", "Ask for at least one helper."),
        ({"helpers_wanted": 51}, "helpers_wanted", "Ask for at most 50 helpers."),
        ({"title": "x" * 151}, "title", "Keep the title under 150 characters; it has 151."),
        ({"skills": "Go, " * 300}, "skills", "Keep this under 1,000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    carla, fields, field, message
):
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        create(carla, **fields)

    assert any(message in m for m in refused.value.message_dict[field])
    assert snapshot() == before


def test_a_member_who_is_paused_cannot_lead(carla):
    Member.objects.filter(pk=carla.pk).update(status=Member.Status.PAUSED)
    carla.refresh_from_db()

    with pytest.raises(ValidationError, match="not active"):
        create(carla)
    assert not Initiative.objects.exists()


def test_only_the_lead_may_change_it(initiative, ana):
    with pytest.raises(Initiative.DoesNotExist):
        services.initiative_update(initiative=initiative, member=ana, title="Mine now")
    initiative.refresh_from_db()
    assert initiative.title == "Kubernetes cost reports"


def test_the_lead_changes_it_and_its_topics_follow(initiative, carla):
    services.initiative_update(initiative=initiative, member=carla, skills="accessibility")

    initiative.refresh_from_db()
    assert initiative.skills == "accessibility"
    assert "accessibility" in set(initiative.topics.values_list("slug", flat=True))


def test_an_end_date_that_passed_may_stay_but_not_be_set_anew(initiative, carla):
    Initiative.objects.filter(pk=initiative.pk).update(ends_on=in_days(-3))
    initiative.refresh_from_db()

    services.initiative_update(initiative=initiative, member=carla, title="Renamed")
    with pytest.raises(ValidationError, match="has passed"):
        services.initiative_update(initiative=initiative, member=carla, ends_on=in_days(-2))


def test_it_cannot_ask_for_fewer_helpers_than_are_on_the_team(on_team, initiative, carla):
    with pytest.raises(ValidationError) as refused:
        services.initiative_update(initiative=initiative, member=carla, helpers_wanted=0)
    assert "at least one helper" in str(refused.value)

    services.initiative_update(initiative=initiative, member=carla, helpers_wanted=1)
    initiative.refresh_from_db()
    assert initiative.helpers_wanted == 1


def test_it_cannot_ask_for_fewer_helpers_than_it_welcomed(on_team, initiative, carla, dev):
    offer = services.volunteer_offer(initiative=initiative, member=dev, brings="Kubernetes")
    services.volunteer_accept(volunteer=offer, lead=carla)

    with pytest.raises(ValidationError) as refused:
        services.initiative_update(initiative=initiative, member=carla, helpers_wanted=1)

    assert refused.value.message_dict["helpers_wanted"] == [
        "2 volunteers are on the team already: ask for at least 2."
    ]


def test_a_done_initiative_no_longer_changes(initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")

    with pytest.raises(ValidationError, match="can no longer change"):
        services.initiative_update(initiative=initiative, member=carla, title="Again")


@pytest.mark.parametrize(
    ("path", "end"),
    [
        (["open", "underway", "done"], "done"),
        (["open", "underway", "open"], "open"),
        (["cancelled"], "cancelled"),
        (["open", "cancelled"], "cancelled"),
    ],
)
def test_the_lead_moves_it_along_its_states(draft, carla, path, end):
    for state in path:
        services.initiative_move(initiative=draft, member=carla, to=state)

    draft.refresh_from_db()
    assert draft.state == end
    assert (draft.closed_at is not None) == (end in ("done", "cancelled"))


@pytest.mark.parametrize(("start", "to"), [("done", "open"), ("cancelled", "open"), ("done", "x")])
def test_a_closed_initiative_goes_nowhere(initiative, carla, start, to):
    services.initiative_move(initiative=initiative, member=carla, to=start)
    before = snapshot()

    with pytest.raises(ValidationError, match="can't be moved"):
        services.initiative_move(initiative=initiative, member=carla, to=to)
    assert snapshot() == before


def test_a_draft_cannot_skip_to_done(draft, carla):
    with pytest.raises(
        ValidationError, match="An initiative that is a draft can't be moved to done"
    ):
        services.initiative_move(initiative=draft, member=carla, to="done")


def test_only_the_lead_moves_it(initiative, ana):
    with pytest.raises(Initiative.DoesNotExist):
        services.initiative_move(initiative=initiative, member=ana, to="cancelled")


def test_a_draft_past_its_end_date_cannot_be_opened(draft, carla):
    Initiative.objects.filter(pk=draft.pk).update(ends_on=timezone.localdate() - timedelta(1))

    with pytest.raises(ValidationError, match="end date has passed"):
        services.initiative_move(initiative=draft, member=carla, to="open")
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_marking_it_done_prompts_each_contributor_to_follow_up(contribution, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")

    prompt = Notification.objects.get(kind=Notification.Kind.INITIATIVE_DONE)
    assert prompt.recipient == contribution.member
    assert prompt.url == f"/intros/new/{carla.pk}/?initiative={initiative.pk}"
    assert "Follow up with Carla Mendes" in prompt.text


def test_team_members_who_logged_nothing_and_the_lead_are_not_prompted(on_team, initiative, carla):
    services.contribution_log(initiative=initiative, member=carla, text="Set up the dashboard.")

    services.initiative_move(initiative=initiative, member=carla, to="done")

    assert not Notification.objects.filter(kind=Notification.Kind.INITIATIVE_DONE).exists()


def test_cancelling_prompts_nobody(contribution, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="cancelled")

    assert not Notification.objects.filter(kind=Notification.Kind.INITIATIVE_DONE).exists()
