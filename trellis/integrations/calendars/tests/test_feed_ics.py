"""The milestone feed at a member's secret address: valid iCalendar as an independent
parser reads it, the member's own initiatives (an organiser's: every open one too), no
private text, a 404 for anything but a live address, and a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.connections import services as connections
from trellis.initiatives import services as initiatives
from trellis.integrations.calendars import services
from trellis.integrations.calendars.tests.conftest import PLANTED, in_days
from trellis.people.models import Member

pytestmark = pytest.mark.usefixtures("feeds_on")


def feed_url(secret: str) -> str:
    return reverse("calendars:feed_ics", args=[secret])


def secret_of(member) -> str:
    return services.feed_make(member=member).secret


def events(response) -> dict[str, object]:
    """The feed's events by summary, parsed and validated by vobject."""
    calendar = vobject.readOne(response.content.decode("utf-8"), validate=True)
    return {event.summary.value: event for event in calendar.contents.get("vevent", [])}


def test_a_members_feed_holds_the_milestones_of_initiatives_they_lead_or_are_on(
    client, costs, payments, ana, carla
):
    response = client.get(feed_url(secret_of(ana)))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert sorted(events(response)) == [
        "Cost query reviewed (Kubernetes cost reports)",
        "Ends: Kubernetes cost reports",
        "First weekly report sent (Kubernetes cost reports)",
    ]
    assert sorted(events(client.get(feed_url(secret_of(carla))))) == sorted(events(response))


def test_the_feed_is_valid_icalendar_with_all_day_events_and_stable_uids(client, costs, ana):
    secret = secret_of(ana)
    first, again = client.get(feed_url(secret)), client.get(feed_url(secret))
    calendar = vobject.readOne(first.content.decode(), validate=True)
    text = first.content.decode()

    assert calendar.prodid.value == "-//Trellis//Initiative milestones//EN"
    assert calendar.version.value == "2.0"
    assert calendar.method.value == "PUBLISH"
    assert calendar.contents["x-wr-calname"][0].value == "Trellis milestones"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
    assert "X-PUBLISHED-TTL:PT12H\r\n" in text
    assert "DTSTART;VALUE=DATE:" in text
    assert b"\n" not in first.content.replace(b"\r\n", b"")
    step = events(first)["Cost query reviewed (Kubernetes cost reports)"]
    milestone = costs.milestones.get(title="Cost query reviewed")
    assert step.uid.value == f"trellis-milestone-{milestone.pk}@trellis.example.org"
    assert (step.dtstart.value, step.dtend.value) == (in_days(10), in_days(11))
    assert type(step.dtstart.value) is date
    assert step.url.value == f"https://trellis.example.org/initiatives/{costs.pk}/"
    assert step.description.value.startswith("Public note 0.")
    assert first.content == again.content


def test_a_member_on_no_team_sees_no_one_elses_initiatives(client, costs, payments, ben):
    response = client.get(feed_url(secret_of(ben)))

    assert response.status_code == 200
    assert events(response) == {}


def test_an_organiser_follows_every_open_or_underway_initiative(
    client, costs, payments, make_initiative, organiser, dev
):
    make_initiative(dev, "A draft of Dev's", publish=False, milestones=[("Secret step", 3)])
    cancelled = make_initiative(dev, "Given up", milestones=[("Never", 3)])
    initiatives.initiative_move(initiative=cancelled, member=dev, to="cancelled")

    summaries = sorted(events(client.get(feed_url(secret_of(organiser)))))

    assert "Dry run (Retire the payments batch job)" in summaries
    assert "Ends: Kubernetes cost reports" in summaries
    assert not [s for s in summaries if "draft" in s or "Given up" in s or "Secret" in s]


def test_drafts_and_cancelled_initiatives_stay_out_of_their_own_leads_feed(
    client, make_initiative, dev
):
    make_initiative(dev, "A draft", publish=False, milestones=[("Secret step", 3)])
    cancelled = make_initiative(dev, "Given up", milestones=[("Never", 3)])
    initiatives.initiative_move(initiative=cancelled, member=dev, to="cancelled")

    assert events(client.get(feed_url(secret_of(dev)))) == {}


def test_no_private_text_is_in_any_feed(client, costs, payments, ana, ben, carla, organiser):
    connections.reflection_write(author=ana, body=PLANTED["reflection"])
    connections.intro_send(sender=ben, recipient=ana, message=PLANTED["intro message"])
    initiatives.observation_record(
        observer=ana, subject=carla, text=PLANTED["observation"], seen_on=in_days(-1)
    )

    for member in (ana, carla, organiser):
        text = client.get(feed_url(secret_of(member))).content.decode()
        for what, secret in PLANTED.items():
            assert secret not in text, f"{what} leaked into {member}'s feed"
        assert "ana@example.org" not in text


def test_an_unknown_a_revoked_and_a_replaced_address_are_all_the_same_404(client, costs, ana):
    revoked = secret_of(ana)
    services.feed_revoke(member=ana)
    replaced = secret_of(ana)
    live = secret_of(ana)

    answers = [client.get(feed_url(s)) for s in (revoked, replaced, "x" * 43, "a" * 101)]

    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert len({a.content for a in answers}) == 1
    assert b"Kubernetes" not in answers[0].content
    assert client.get(feed_url(live)).status_code == 200


def test_the_feed_of_a_member_who_left_is_gone(client, costs, ana):
    secret = secret_of(ana)
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.LEFT)

    assert client.get(feed_url(secret)).status_code == 404


def test_feeds_are_404_while_the_setting_is_off(client, costs, ana, settings):
    secret = secret_of(ana)
    settings.CALENDAR_FEEDS = False

    assert client.get(feed_url(secret)).status_code == 404


def test_it_answers_304_to_its_own_etag_and_200_once_a_milestone_changes(client, costs, ana, carla):
    url = feed_url(secret_of(ana))
    first = client.get(url)
    assert first["ETag"].startswith('"') and first["Last-Modified"].endswith("GMT")
    assert first["Cache-Control"] == "private, no-cache"

    unchanged = client.get(url, headers={"if-none-match": first["ETag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")

    initiatives.milestone_add(initiative=costs, member=carla, title="Go live", due_on=in_days(50))
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Go live (Kubernetes cost reports)" in events(changed)


def test_removing_a_milestone_changes_the_etag_even_though_no_timestamp_moved(
    client, costs, ana, carla
):
    url = feed_url(secret_of(ana))
    first = client.get(url)
    initiatives.milestone_remove(milestone=costs.milestones.first(), member=carla)

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


@pytest.mark.parametrize("who", ["ana", "organiser"])
def test_a_feed_costs_three_queries_however_many_initiatives_there_are(
    client, make_initiative, make_member, costs, ana, organiser, who
):
    secret = secret_of({"ana": ana, "organiser": organiser}[who])
    counts = []
    for batch in range(2):
        for n in range(4):
            lead = make_member(f"Lead {batch}.{n}")
            make_initiative(lead, f"Initiative {batch}.{n}", milestones=[("Step", 3)])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_url(secret)).status_code == 200
        counts.append(len(queries))

    # the address with its member, the initiatives, their milestones
    assert counts == [3, 3]


def test_the_refresh_interval_follows_the_setting(client, costs, ana, settings):
    settings.CALENDAR_REFRESH_HOURS = 3

    text = client.get(feed_url(secret_of(ana))).content.decode()

    assert "REFRESH-INTERVAL;VALUE=DURATION:PT3H\r\n" in text
    assert "X-PUBLISHED-TTL:PT3H\r\n" in text
