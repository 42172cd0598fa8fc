"""Offering to help, withdrawing, and the lead's list of volunteers with accept and decline."""

import pytest
from django.urls import reverse

from trellis.initiatives import fit, services
from trellis.initiatives.models import Initiative, Volunteer
from trellis.initiatives.tests.conftest import snapshot
from trellis.notifications.models import Notification


def offer_of(initiative) -> str:
    return reverse("initiatives:volunteer_new", args=[initiative.pk])


def withdraw_of(initiative) -> str:
    return reverse("initiatives:volunteer_withdraw", args=[initiative.pk])


def list_of(initiative) -> str:
    return reverse("initiatives:volunteer_list", args=[initiative.pk])


def accept_of(volunteer) -> str:
    return reverse("initiatives:volunteer_accept", args=[volunteer.pk])


def decline_of(volunteer) -> str:
    return reverse("initiatives:volunteer_decline", args=[volunteer.pk])


OFFER = {"brings": "I run our Go services and wrote the SQL for billing.", "wants_to_learn": "SQL"}


# Offering and withdrawing ---------------------------------------------------------------


def test_the_offer_form_asks_what_they_bring_and_want_to_learn(client, initiative, ben):
    client.force_login(ben.user)

    response = client.get(offer_of(initiative))

    content = response.content.decode()
    assert response.context["refusal"] is None
    assert 'name="brings"' in content
    assert 'name="wants_to_learn"' in content


def test_a_member_offers_to_help_and_the_lead_is_told(client, initiative, ben, carla):
    client.force_login(ben.user)

    response = client.post(offer_of(initiative), OFFER, follow=True)

    assert response.redirect_chain == [(initiative.get_absolute_url(), 302)]
    assert "Offer sent. Carla Mendes will see it with what you bring." in (
        response.content.decode()
    )
    volunteer = Volunteer.objects.get()
    assert (volunteer.member, volunteer.state, volunteer.brings) == (
        ben,
        "applied",
        OFFER["brings"],
    )
    told = Notification.objects.get(kind=Notification.Kind.VOLUNTEER_OFFERED)
    assert told.recipient == carla
    assert told.url == list_of(initiative)


def test_an_offer_without_what_they_bring_is_refused_and_nothing_written(client, initiative, ben):
    client.force_login(ben.user)
    before = snapshot()

    response = client.post(offer_of(initiative), {"brings": "  ", "wants_to_learn": "Go"})

    assert response.status_code == 200
    assert "Say what you bring: the lead reads it to see where you fit." in (
        response.content.decode()
    )
    assert snapshot() == before


def test_the_lead_cannot_volunteer_for_their_own_initiative(client, initiative, carla):
    client.force_login(carla.user)
    before = snapshot()

    page = client.get(offer_of(initiative)).content.decode()
    response = client.post(offer_of(initiative), OFFER)

    message = "You lead this initiative: volunteers offer to help you."
    assert message in page
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_member_cannot_offer_twice(client, offer, ana):
    client.force_login(ana.user)
    before = snapshot()

    response = client.post(offer_of(offer.initiative), OFFER)

    assert "You have already offered to help with this initiative." in response.content.decode()
    assert snapshot() == before


def test_a_declined_volunteer_cannot_offer_again(client, offer, carla, ana):
    services.volunteer_decline(volunteer=offer, lead=carla)
    client.force_login(ana.user)
    before = snapshot()

    response = client.post(offer_of(offer.initiative), OFFER)

    assert "You have already offered to help with this initiative." in response.content.decode()
    assert snapshot() == before


def test_nobody_can_offer_to_help_with_someone_elses_draft(client, draft, ben):
    client.force_login(ben.user)
    before = snapshot()

    assert client.get(offer_of(draft)).status_code == 404
    assert client.post(offer_of(draft), OFFER).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("state", ["done", "cancelled"])
def test_a_closed_initiative_takes_no_offers(client, initiative, carla, ben, state):
    services.initiative_move(initiative=initiative, member=carla, to=state)
    client.force_login(ben.user)
    before = snapshot()

    response = client.post(offer_of(initiative), OFFER)

    assert f"This initiative is {state}: it takes no offers." in response.content.decode()
    assert snapshot() == before


def test_a_volunteer_withdraws_their_offer_and_may_offer_again(client, offer, ana):
    client.force_login(ana.user)

    response = client.post(withdraw_of(offer.initiative), follow=True)

    offer.refresh_from_db()
    assert offer.state == "withdrawn"
    assert "Withdrawn. You can offer again while it is open." in response.content.decode()

    client.post(offer_of(offer.initiative), OFFER)
    offer.refresh_from_db()
    assert offer.state == "applied"


def test_a_team_member_leaves_the_team(client, on_team, ana):
    client.force_login(ana.user)

    client.post(withdraw_of(on_team.initiative))

    on_team.refresh_from_db()
    assert on_team.state == "withdrawn"


def test_withdrawing_is_post_only(client, offer, ana):
    client.force_login(ana.user)

    assert client.get(withdraw_of(offer.initiative)).status_code == 405
    offer.refresh_from_db()
    assert offer.state == "applied"


def test_a_member_who_never_offered_has_nothing_to_withdraw(client, offer, ben):
    client.force_login(ben.user)
    before = snapshot()

    assert client.post(withdraw_of(offer.initiative)).status_code == 404
    assert snapshot() == before


def test_a_declined_offer_cannot_be_withdrawn(client, offer, carla, ana):
    services.volunteer_decline(volunteer=offer, lead=carla)
    client.force_login(ana.user)
    before = snapshot()

    response = client.post(withdraw_of(offer.initiative), follow=True)

    assert "This offer is no longer open." in response.content.decode()
    assert snapshot() == before


# The lead's list --------------------------------------------------------------------------


def test_the_volunteer_list_is_the_leads_alone(client, offer, ana, ben, organiser):
    for someone in (ana, ben, organiser):
        client.force_login(someone.user)
        assert client.get(list_of(offer.initiative)).status_code == 404


def test_the_lead_sees_each_offer_with_what_they_bring_and_why_they_fit(client, offer, carla):
    fit.volunteer_fit_refresh_pending()  # the background worker's run
    client.force_login(carla.user)

    response = client.get(list_of(offer.initiative))

    content = response.content.decode()
    assert "Ana Lima" in content
    assert "I wrote our Terraform modules for the clusters." in content
    assert "<strong>Wants to learn:</strong> Go" in content
    [ranked] = response.context["ranked"]
    assert ranked.fit.reason
    assert f'<p class="fit-reason">{ranked.fit.reason}</p>' in content
    assert accept_of(offer) in content
    assert decline_of(offer) in content


def test_the_list_ranks_the_better_fit_first(client, initiative, ana, ben, carla):
    # Ben offers first, but usability testing is not what the cost reports need.
    services.volunteer_offer(
        initiative=initiative, member=ben, brings="I can run usability tests with users."
    )
    services.volunteer_offer(
        initiative=initiative,
        member=ana,
        brings="I wrote our Terraform modules and the SQL for the data pipelines.",
        wants_to_learn="Go",
    )
    fit.volunteer_fit_refresh_pending()  # the background worker's run
    client.force_login(carla.user)

    ranked = client.get(list_of(initiative)).context["ranked"]

    assert [r.volunteer.member.display_name for r in ranked] == ["Ana Lima", "Ben Okafor"]
    assert ranked[0].fit.score > ranked[1].fit.score
    # Ana's reason names something the initiative needs; Ben's says to read his note.
    assert any(need in ranked[0].fit.reason for need in ("Terraform", "Go programming", "SQL"))
    assert ranked[1].fit.reason != ranked[0].fit.reason


def test_waiting_offers_come_before_the_team_and_declines(client, initiative, make_member, carla):
    offers = {}
    for name in ("Accepted Al", "Declined Di", "Waiting Wu"):
        member = make_member(name, can_help_with="Go, Terraform, SQL")
        offers[name] = services.volunteer_offer(initiative=initiative, member=member, brings="Go")
    services.volunteer_accept(volunteer=offers["Accepted Al"], lead=carla)
    services.volunteer_decline(volunteer=offers["Declined Di"], lead=carla)
    client.force_login(carla.user)

    ranked = client.get(list_of(initiative)).context["ranked"]

    names = [r.volunteer.member.display_name for r in ranked]
    assert names == ["Waiting Wu", "Accepted Al", "Declined Di"]


def test_a_withdrawn_offer_is_not_on_the_list(client, offer, ana, carla):
    services.volunteer_withdraw(volunteer=offer, member=ana)
    client.force_login(carla.user)

    response = client.get(list_of(offer.initiative))

    assert response.context["ranked"] == []
    assert "Nobody has offered to help yet." in response.content.decode()


@pytest.mark.parametrize("many", [2, 10])
def test_the_volunteer_list_costs_the_same_queries_whatever_the_number_of_volunteers(
    client, initiative, make_member, carla, many, django_assert_num_queries
):
    for n in range(many):
        member = make_member(team=f"Team {n}", can_help_with="Go, SQL", learning="Terraform")
        services.volunteer_offer(
            initiative=initiative, member=member, brings=f"Go and SQL, project {n}"
        )
    fit.volunteer_fit_refresh_pending()  # the background worker's run
    client.force_login(carla.user)

    # session, user, member (layout), unread count, initiative, its topics, volunteers
    # with how they fit (as stored: no engine, no vocabulary)
    with django_assert_num_queries(7):
        response = client.get(list_of(initiative))

    assert len(response.context["ranked"]) == many


# Accepting and declining ------------------------------------------------------------------


def test_the_lead_accepts_an_offer_and_the_volunteer_is_told(client, offer, carla, ana):
    client.force_login(carla.user)

    response = client.post(accept_of(offer), follow=True)

    assert response.redirect_chain == [(list_of(offer.initiative), 302)]
    assert "Ana Lima is on the team." in response.content.decode()
    offer.refresh_from_db()
    assert offer.state == "accepted"
    told = Notification.objects.get(kind=Notification.Kind.VOLUNTEER_ACCEPTED)
    assert told.recipient == ana


def test_the_lead_declines_an_offer_and_only_the_volunteer_is_told(client, offer, carla, ana):
    client.force_login(carla.user)

    response = client.post(decline_of(offer), follow=True)

    content = response.content.decode()
    assert "Declined. Only Ana Lima is told." in content
    assert f'id="volunteer-{offer.pk}" data-state="declined"' in content  # the lead still sees it
    offer.refresh_from_db()
    assert offer.state == "declined"
    told = Notification.objects.filter(kind=Notification.Kind.VOLUNTEER_DECLINED)
    assert [n.recipient for n in told] == [ana]


@pytest.mark.parametrize("answer", [accept_of, decline_of])
def test_nobody_but_the_lead_may_answer_an_offer(client, offer, ana, ben, organiser, answer):
    before = snapshot()
    for someone in (ana, ben, organiser):
        client.force_login(someone.user)
        assert client.post(answer(offer)).status_code == 404

    assert snapshot() == before


@pytest.mark.parametrize("answer", [accept_of, decline_of])
def test_answering_is_post_only(client, offer, carla, answer):
    client.force_login(carla.user)

    assert client.get(answer(offer)).status_code == 405
    offer.refresh_from_db()
    assert offer.state == "applied"


def test_accepting_when_the_team_is_full_is_refused_with_why(client, initiative, carla, ana, ben):
    Initiative.objects.filter(pk=initiative.pk).update(helpers_wanted=1)
    first = services.volunteer_offer(initiative=initiative, member=ana, brings="Terraform")
    second = services.volunteer_offer(initiative=initiative, member=ben, brings="Testing")
    services.volunteer_accept(volunteer=first, lead=carla)
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(accept_of(second), follow=True)

    assert (
        "The team is full: you asked for 1 helper. Ask for more on the initiative to welcome "
        "another." in response.content.decode()
    )
    assert snapshot() == before


def test_an_offer_answered_already_cannot_be_answered_again(client, offer, carla):
    services.volunteer_decline(volunteer=offer, lead=carla)
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(accept_of(offer), follow=True)

    assert "This offer was answered already or withdrawn." in response.content.decode()
    assert snapshot() == before
