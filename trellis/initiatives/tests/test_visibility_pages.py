"""The visibility map: who has seen a member's work, as groups and a chart; only their own."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives import services

MAP = reverse("initiatives:visibility")
CHART = reverse("initiatives:visibility_chart")
SVG = "{http://www.w3.org/2000/svg}"


def record(observer, subject, text="Ran the incident review and wrote the timeline."):
    return services.observation_record(
        observer=observer, subject=subject, text=text, seen_on=timezone.localdate()
    )


def test_a_member_sees_who_has_seen_their_work_grouped(client, ana, ben, dev, make_member):
    record(ben, ana)  # Checkout, Design
    record(dev, ana)  # Payments, Engineering
    record(make_member(team="Platform", discipline="Engineering"), ana)
    client.force_login(ana.user)

    response = client.get(MAP)

    found = response.context["map"]
    assert (found.observers, found.observations, found.outside_team) == (3, 3, 2)
    assert {g.label: g.observers for g in found.by_discipline} == {"Engineering": 2, "Design": 1}
    content = response.content.decode()
    assert "3 observations from 3 observers; 2 from outside your team." in content
    assert 'Platform <span class="muted">(yours)</span>' in content


def test_the_page_shows_each_observation_about_them_and_those_they_wrote(client, ana, ben):
    record(ben, ana, "Rewrote the on-call runbook.")
    record(ana, ben, "Ran the usability test with six customers.")
    client.force_login(ana.user)

    content = client.get(MAP).content.decode()

    assert "Rewrote the on-call runbook." in content
    assert "Ran the usability test with six customers." in content
    assert "Show on my profile" in content
    assert "Take it back" in content


def test_each_list_has_its_own_pages_and_keeps_the_others_page(client, ana, ben, monkeypatch):
    from trellis.initiatives.views import visibility

    monkeypatch.setattr(visibility, "OBSERVATIONS_PER_PAGE", 1)
    for n in range(2):
        record(ben, ana, f"Rewrote runbook {n}.")
        record(ana, ben, f"Ran usability test {n}.")
    client.force_login(ana.user)

    content = client.get(MAP, {"page": 2}).content.decode()

    about_me, written = content.split('id="written"')
    assert 'href="?page=1" rel="prev"' in about_me
    assert 'href="?page=2&amp;written_page=2" rel="next"' in written


def test_the_map_is_one_members_own_another_sees_only_their_own(client, ana, ben, dev):
    record(ben, ana, "Rewrote the on-call runbook.")
    client.force_login(dev.user)

    response = client.get(MAP)

    assert response.context["member"] == dev
    assert response.context["map"].observations == 0
    assert "Rewrote the on-call runbook." not in response.content.decode()


def test_the_map_does_not_take_another_members_id(client, ana, ben):
    record(ben, ana, "Rewrote the on-call runbook.")
    client.force_login(ben.user)

    response = client.get(MAP, {"member": ana.pk, "member_id": ana.pk})

    assert response.context["member"] == ben
    assert "Rewrote the on-call runbook." in response.content.decode()  # he wrote it
    assert response.context["map"].observations == 0


def test_a_login_without_a_member_profile_has_no_map(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(MAP).status_code == 404
    assert client.get(CHART).status_code == 404


def test_with_nobody_having_seen_their_work_the_page_says_so(ana_client):
    content = ana_client.get(MAP).content.decode()

    assert "Nobody has recorded seeing your work yet." in content
    assert "hint-own-team" not in content


def test_a_hint_is_shown_when_only_their_own_team_has_seen_their_work(client, ana, make_member):
    record(make_member(team="Platform"), ana)
    client.force_login(ana.user)

    content = client.get(MAP).content.decode()

    assert "So far only people in your own team (Platform) have recorded seeing your work." in (
        content
    )


def test_no_hint_once_someone_from_another_team_has_seen_their_work(client, ana, ben, make_member):
    record(make_member(team="Platform"), ana)
    record(ben, ana)
    client.force_login(ana.user)

    content = client.get(MAP).content.decode()

    assert "hint-own-team" not in content
    assert "So far only people in your own team" not in content


def test_the_chart_is_an_svg_image_of_well_formed_xml(client, ana, ben, make_member):
    record(ben, ana)
    record(make_member(team="Platform"), ana)
    client.force_login(ana.user)

    response = client.get(CHART)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "private" in response["Cache-Control"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title").text
    assert "1 from other teams, 1 from their own team" in title
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == 2


def test_the_chart_of_someone_nobody_has_seen_is_still_well_formed(ana_client):
    response = ana_client.get(CHART)

    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert "0 from other teams, 0 from their own team" in root.find(f"{SVG}title").text


def test_a_name_with_markup_is_escaped_in_the_chart(client, make_member):
    member = make_member('Zoë <b>&"Quotes"</b>', email="zoe@example.org")
    client.force_login(member.user)

    response = client.get(CHART)

    title = ElementTree.fromstring(response.content).find(f"{SVG}title").text
    assert 'Zoë <b>&"Quotes"</b>' in title


def test_the_chart_is_only_of_the_viewers_own_work(client, ana, ben):
    record(ben, ana)
    client.force_login(ben.user)

    title = ElementTree.fromstring(client.get(CHART).content).find(f"{SVG}title").text

    assert "Ben Okafor" in title
    assert "0 from other teams, 0 from their own team" in title


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    for path in (MAP, CHART):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("many", [2, 10])
def test_the_map_costs_the_same_queries_whatever_the_number_of_observations(
    client, ana, make_member, many, django_assert_num_queries
):
    for n in range(many):
        observer = make_member(team=f"Team {n}", discipline=f"Discipline {n}")
        record(observer, ana, f"Saw Ana run the upgrade of cluster {n}.")
        record(ana, observer, f"Saw them fix the alert on cluster {n}.")
    client.force_login(ana.user)

    # session, user, member (layout), unread count, the map's rows, observations about
    # her and observations she wrote (each a page and its count)
    with django_assert_num_queries(9):
        response = client.get(MAP)

    assert response.context["map"].observations == many
    assert len(response.context["written"]) == many


@pytest.mark.parametrize("many", [2, 10])
def test_the_chart_costs_the_same_queries_whatever_the_number_of_observations(
    client, ana, make_member, many, django_assert_num_queries
):
    for n in range(many):
        record(make_member(team=f"Team {n}"), ana, f"Saw Ana run the upgrade of cluster {n}.")
    client.force_login(ana.user)

    # session, user, member, the map's rows
    with django_assert_num_queries(4):
        client.get(CHART)
