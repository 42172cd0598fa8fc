"""Logging what one did for an initiative, and removing one's own entry."""

import pytest
from django.urls import reverse

from trellis.initiatives import services
from trellis.initiatives.models import Contribution
from trellis.initiatives.tests.conftest import snapshot

WORK = {"text": "Wrote the cost query per namespace.", "link": "https://git.example.org/pr/7"}


def log_of(initiative) -> str:
    return reverse("initiatives:contribution_new", args=[initiative.pk])


def delete_of(contribution) -> str:
    return reverse("initiatives:contribution_delete", args=[contribution.pk])


def test_a_team_member_logs_what_they_did_and_sees_it_in_the_log(client, on_team, ana):
    initiative = on_team.initiative
    client.force_login(ana.user)

    response = client.post(log_of(initiative), WORK, follow=True)

    assert response.redirect_chain == [(initiative.get_absolute_url() + "#contributions", 302)]
    contribution = Contribution.objects.get()
    assert (contribution.member, contribution.text, contribution.link) == (
        ana,
        WORK["text"],
        WORK["link"],
    )
    content = response.content.decode()
    assert "Logged. The lead and the team can see it." in content
    assert "Wrote the cost query per namespace." in content


def test_the_lead_logs_what_they_did(client, initiative, carla):
    client.force_login(carla.user)

    client.post(log_of(initiative), {"text": "Sketched the report.", "link": ""})

    assert Contribution.objects.get().member == carla


def test_a_link_without_a_scheme_is_read_as_https(client, on_team, ana):
    client.force_login(ana.user)

    client.post(log_of(on_team.initiative), {"text": "Wrote it.", "link": "git.example.org/pr/7"})

    assert Contribution.objects.get().link == "https://git.example.org/pr/7"


def test_members_off_the_team_cannot_log(client, offer, ana, ben, organiser):
    # Ana has offered but is not on the team yet; Ben and the organiser never offered.
    before = snapshot()
    for someone in (ana, ben, organiser):
        client.force_login(someone.user)
        assert client.post(log_of(offer.initiative), WORK).status_code == 404

    assert snapshot() == before


def test_nobody_can_log_to_someone_elses_draft(client, draft, ben):
    client.force_login(ben.user)

    assert client.post(log_of(draft), WORK).status_code == 404
    assert not Contribution.objects.exists()


def test_the_lead_cannot_log_to_a_draft_and_is_told_why(client, draft, carla):
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(log_of(draft), WORK)

    assert response.status_code == 400
    assert "This initiative is a draft." in response.content.decode()
    assert snapshot() == before


def test_logging_is_post_only(client, on_team, ana):
    client.force_login(ana.user)

    assert client.get(log_of(on_team.initiative)).status_code == 405


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "  ", "link": ""}, "Say what you did, in a line or two."),
        ({"text": "Wrote it.", "link": "javascript:alert(1)"}, "Give a web address starting"),
        ({"text": "Wrote it.", "link": "ftp://files.example.org/x"}, "Give a web address starting"),
        ({"text": "Wrote it.", "link": "not a link"}, "Give a web address starting"),
        ({"text": "x" * 2001, "link": ""}, "Keep this under 2000 characters; it has 2001."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    client, on_team, ana, fields, message
):
    client.force_login(ana.user)
    before = snapshot()

    response = client.post(log_of(on_team.initiative), fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_member_removes_their_own_contribution(client, contribution, ana):
    client.force_login(ana.user)

    response = client.post(delete_of(contribution), follow=True)

    assert response.redirect_chain == [
        (contribution.initiative.get_absolute_url() + "#contributions", 302)
    ]
    assert "Contribution removed." in response.content.decode()
    assert not Contribution.objects.exists()


def test_nobody_else_may_remove_a_contribution_not_even_the_lead(
    client, contribution, carla, ben, organiser
):
    before = snapshot()
    for someone in (carla, ben, organiser):
        client.force_login(someone.user)
        assert client.post(delete_of(contribution)).status_code == 404

    assert snapshot() == before


def test_removing_is_post_only(client, contribution, ana):
    client.force_login(ana.user)

    assert client.get(delete_of(contribution)).status_code == 405
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_the_page_offers_remove_only_on_ones_own_entries(client, contribution, carla, ana):
    initiative = contribution.initiative
    own = services.contribution_log(initiative=initiative, member=carla, text="Drafted the plan.")

    client.force_login(carla.user)
    content = client.get(initiative.get_absolute_url()).content.decode()
    assert delete_of(own) in content
    assert delete_of(contribution) not in content

    client.force_login(ana.user)
    content = client.get(initiative.get_absolute_url()).content.decode()
    assert delete_of(contribution) in content
    assert delete_of(own) not in content
