"""The list of initiatives: open and done tabs, the viewer's own, pages, empty states."""

import pytest
from django.urls import reverse

from trellis.initiatives import services

LIST = reverse("initiatives:initiative_list")


def titles(response, key: str = "page") -> list[str]:
    found = response.context[key]
    items = found.object_list if key == "page" else found
    return [initiative.title for initiative in items]


def test_the_open_tab_lists_open_and_underway_initiatives_but_no_draft_or_done_one(
    client, make_initiative, carla, ben
):
    make_initiative(title="Open one")
    underway = make_initiative(title="Underway one")
    services.initiative_move(initiative=underway, member=carla, to="underway")
    done = make_initiative(title="Done one")
    services.initiative_move(initiative=done, member=carla, to="done")
    make_initiative(title="Draft one", publish=False)
    client.force_login(ben.user)

    response = client.get(LIST)

    assert sorted(titles(response)) == ["Open one", "Underway one"]
    content = response.content.decode()
    assert "Draft one" not in content
    assert "Done one" not in content


def test_the_done_tab_lists_only_done_initiatives(client, make_initiative, carla, ben):
    make_initiative(title="Open one")
    done = make_initiative(title="Done one")
    services.initiative_move(initiative=done, member=carla, to="done")
    cancelled = make_initiative(title="Cancelled one")
    services.initiative_move(initiative=cancelled, member=carla, to="cancelled")
    client.force_login(ben.user)

    response = client.get(LIST, {"show": "done"})

    assert titles(response) == ["Done one"]
    assert response.context["tab"] == "done"


def test_an_unknown_tab_shows_the_open_one(client, initiative, ben):
    client.force_login(ben.user)

    response = client.get(LIST, {"show": "drafts"})

    assert response.context["tab"] == "open"
    assert titles(response) == ["Kubernetes cost reports"]


def test_an_item_shows_its_lead_places_and_topics(client, initiative, ben):
    client.force_login(ben.user)

    content = client.get(LIST).content.decode()

    assert initiative.get_absolute_url() in content
    assert "Led by" in content and "Carla Mendes" in content
    assert "0 of 2 helpers" in content
    assert reverse("home:topic_detail", args=["kubernetes"]) in content


def test_the_lead_sees_their_draft_under_yours_and_nobody_else_sees_it(client, draft, carla, ben):
    client.force_login(carla.user)
    response = client.get(LIST)
    assert titles(response, "led") == ["Retire the old billing cron"]
    assert draft.get_absolute_url() in response.content.decode()

    client.force_login(ben.user)
    response = client.get(LIST)
    assert response.context["led"] == []
    assert "Retire the old billing cron" not in response.content.decode()
    assert draft.get_absolute_url() not in response.content.decode()


def test_a_volunteer_on_the_team_sees_the_initiative_under_yours(client, on_team, ana, ben):
    client.force_login(ana.user)
    assert titles(client.get(LIST), "joined") == ["Kubernetes cost reports"]

    client.force_login(ben.user)
    assert client.get(LIST).context["joined"] == []


def test_a_volunteer_still_waiting_is_not_on_the_team_under_yours(client, offer, ana):
    client.force_login(ana.user)

    response = client.get(LIST)

    assert response.context["joined"] == []
    assert "You lead no initiative and are on no team yet." in response.content.decode()


def test_with_no_initiative_the_page_says_so(ana_client):
    content = ana_client.get(LIST).content.decode()

    assert "Nobody is asking for help right now." in content
    assert "You lead no initiative and are on no team yet." in content


def test_with_nothing_done_the_done_tab_says_so(ana_client, initiative):
    content = ana_client.get(LIST, {"show": "done"}).content.decode()

    assert "No initiative is done yet." in content
    assert "Kubernetes cost reports" not in content.split('id="yours"')[0]


def test_the_list_is_paged_and_the_next_page_keeps_the_tab(client, make_initiative, ben, settings):
    settings.INITIATIVES_PAGE_SIZE = 2
    for n in range(3):
        make_initiative(title=f"Initiative {n}")
    client.force_login(ben.user)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(first.context["page"].object_list) == 2
    assert "?show=open&amp;page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 1
    assert set(titles(first)) | set(titles(second)) == {f"Initiative {n}" for n in range(3)}


def test_initiatives_of_a_lead_who_left_are_not_listed(client, initiative, carla, ben):
    from trellis.people.services import member_update

    member_update(member=carla, status="left")
    client.force_login(ben.user)

    assert titles(client.get(LIST)) == []


def test_an_anonymous_visitor_is_sent_to_sign_in(client, initiative):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("many", [3, 12])
def test_the_list_costs_the_same_queries_whatever_the_number_of_initiatives(
    client, make_initiative, make_member, ana, ben, many, django_assert_num_queries
):
    # Ana leads one and is on the team of another, so "yours" costs its queries too.
    make_initiative(lead=ana, title="Ana's own")
    joined = make_initiative(title="Ana joined")
    offer = services.volunteer_offer(initiative=joined, member=ana, brings="Terraform")
    services.volunteer_accept(volunteer=offer, lead=joined.lead)
    for n in range(many):
        make_initiative(lead=make_member(team=f"Team {n}"), title=f"Initiative {n}")
    client.force_login(ana.user)

    # session, user, member (layout), unread count, page count, initiatives, their
    # topics, led, their topics, joined, their topics, why each fits the reader (as
    # stored), whether that was ever worked out
    with django_assert_num_queries(13):
        response = client.get(LIST)

    assert len(response.context["page"].object_list) == many + 2
