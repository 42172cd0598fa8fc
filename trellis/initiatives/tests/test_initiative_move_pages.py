"""Moving an initiative through its states from its page: open, underway, done, cancelled."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from trellis.initiatives import services
from trellis.initiatives.models import Initiative
from trellis.initiatives.tests.conftest import snapshot
from trellis.notifications.models import Notification


def move_of(initiative) -> str:
    return reverse("initiatives:initiative_move", args=[initiative.pk])


def state_of(initiative) -> str:
    return Initiative.objects.values_list("state", flat=True).get(pk=initiative.pk)


def test_moving_is_post_only(client, initiative, carla):
    client.force_login(carla.user)

    assert client.get(move_of(initiative), {"to": "done"}).status_code == 405
    assert state_of(initiative) == "open"


def test_the_lead_opens_their_draft(client, draft, carla):
    client.force_login(carla.user)

    response = client.post(move_of(draft), {"to": "open"}, follow=True)

    assert response.redirect_chain == [(draft.get_absolute_url(), 302)]
    assert state_of(draft) == "open"
    assert "Opened: members who can help see it now." in response.content.decode()


def test_the_lead_marks_it_underway_then_cancels_it(client, initiative, carla):
    client.force_login(carla.user)

    underway = client.post(move_of(initiative), {"to": "underway"}, follow=True)
    assert state_of(initiative) == "underway"
    assert "Marked underway." in underway.content.decode()

    cancelled = client.post(move_of(initiative), {"to": "cancelled"}, follow=True)
    assert state_of(initiative) == "cancelled"
    assert "Cancelled. Nobody can volunteer for it now." in cancelled.content.decode()


def test_another_member_or_the_organiser_cannot_move_it(client, initiative, ana, organiser):
    before = snapshot()
    for someone in (ana, organiser):
        client.force_login(someone.user)
        assert client.post(move_of(initiative), {"to": "done"}).status_code == 404

    assert snapshot() == before


def test_a_volunteer_on_the_team_cannot_move_it(client, on_team, ana):
    client.force_login(ana.user)
    before = snapshot()

    assert client.post(move_of(on_team.initiative), {"to": "cancelled"}).status_code == 404
    assert snapshot() == before


def test_nobody_but_the_lead_can_open_a_draft(client, draft, ben):
    client.force_login(ben.user)

    assert client.post(move_of(draft), {"to": "open"}).status_code == 404
    assert state_of(draft) == "draft"


def test_a_move_that_is_not_allowed_says_why_and_changes_nothing(client, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(move_of(initiative), {"to": "open"}, follow=True)

    assert "An initiative that is done can&#x27;t be moved to open." in response.content.decode()
    assert snapshot() == before


def test_an_unknown_state_says_why_and_changes_nothing(client, initiative, carla):
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(move_of(initiative), {"to": "archived"}, follow=True)

    assert "can&#x27;t be moved to archived." in response.content.decode()
    assert snapshot() == before


def test_a_draft_whose_end_date_passed_is_not_opened(client, draft, carla):
    Initiative.objects.filter(pk=draft.pk).update(ends_on=timezone.localdate() - timedelta(days=1))
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(move_of(draft), {"to": "open"}, follow=True)

    content = response.content.decode()
    assert "The end date has passed: pick a later one before opening it." in content
    assert snapshot() == before


def test_done_prompts_each_contributor_but_the_lead_to_follow_up_with_the_lead(
    client, contribution, carla, ana, ben
):
    initiative = contribution.initiative
    services.contribution_log(initiative=initiative, member=carla, text="Drafted the plan.")
    client.force_login(carla.user)

    response = client.post(move_of(initiative), {"to": "done"}, follow=True)

    assert state_of(initiative) == "done"
    content = response.content.decode()
    assert "Marked done. Everyone who contributed is asked to follow up with you." in content
    prompt = Notification.objects.get(kind=Notification.Kind.INITIATIVE_DONE)
    assert prompt.recipient == ana
    compose = reverse("home:compose", args=[carla.pk])
    assert prompt.url == f"{compose}?initiative={initiative.pk}"
    assert "Kubernetes cost reports" in prompt.text
    assert not Notification.objects.filter(
        kind=Notification.Kind.INITIATIVE_DONE, recipient__in=[carla, ben]
    ).exists()


def test_the_follow_up_link_opens_the_composer_with_a_draft_grounded_in_the_work(
    client, contribution, carla, ana
):
    services.initiative_move(initiative=contribution.initiative, member=carla, to="done")
    prompt = Notification.objects.get(kind=Notification.Kind.INITIATIVE_DONE)
    client.force_login(ana.user)

    response = client.get(prompt.url)

    assert response.status_code == 200
    message = response.context["form"]["message"].value()
    assert "I really enjoyed working on Kubernetes cost reports with you." in message
    assert "I wrote the Terraform that tags every node pool with its team." in message


def test_a_team_member_who_logged_nothing_is_not_prompted(client, on_team, carla):
    client.force_login(carla.user)

    client.post(move_of(on_team.initiative), {"to": "done"})

    assert state_of(on_team.initiative) == "done"
    assert not Notification.objects.filter(kind=Notification.Kind.INITIATIVE_DONE).exists()


def test_cancelling_prompts_nobody(client, contribution, carla):
    client.force_login(carla.user)

    client.post(move_of(contribution.initiative), {"to": "cancelled"})

    assert not Notification.objects.filter(kind=Notification.Kind.INITIATIVE_DONE).exists()
