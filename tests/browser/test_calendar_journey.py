"""An initiative's lead plans a milestone; a member of its team follows it in a calendar.

Carla adds a milestone on the planning page (a bad one first: the message, nothing
saved); Ana, on her team, makes a feed address on her calendar page, a calendar program
(another client, signed in to nothing) fetches it and finds the milestone; Ana revokes
the address through the confirmation dialog and the program gets a 404.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trellis.initiatives import services
from trellis.initiatives.models import Milestone

pytestmark = pytest.mark.browser


@pytest.fixture
def feeds_on(settings, live_server):
    settings.CALENDAR_FEEDS = True
    settings.SITE_URL = live_server.url
    return settings


@pytest.fixture
def costs(carla, ana):
    initiative = services.initiative_create(
        lead=carla,
        title="Kubernetes cost reports",
        problem="Nobody can say what each cluster costs.",
        ends_on=timezone.localdate() + timedelta(days=60),
        publish=True,
    )
    offer = services.volunteer_offer(initiative=initiative, member=ana, brings="SQL")
    services.volunteer_accept(volunteer=offer, lead=carla)
    return initiative


def test_a_lead_plans_a_milestone_and_a_team_member_follows_it_in_a_calendar(
    feeds_on, costs, carla, ana, signed_in_page, browser, screenshot
):
    lead = signed_in_page(carla)
    lead.goto(costs.get_absolute_url())
    lead.get_by_role("link", name="Plan milestones").click()
    lead.get_by_label("Date").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    lead.get_by_label("Title").fill("First weekly report sent")
    lead.get_by_role("button", name="Add it").click()
    expect(lead.get_by_text("its final milestone: choose a date on or before it")).to_be_visible()
    assert not Milestone.objects.exists()
    lead.get_by_label("Date").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    lead.get_by_role("button", name="Add it").click()
    expect(lead.get_by_text("Milestone added.")).to_be_visible()
    expect(lead.locator(".milestone").first).to_contain_text("First weekly report sent")

    member = signed_in_page(ana)
    member.goto("/initiatives/")
    member.get_by_role("link", name="Follow their milestones in your calendar").click()
    member.get_by_role("button", name="Make a feed address").click()
    address = member.get_by_label("Address").input_value()
    assert address.startswith(f"{feeds_on.SITE_URL}/calendar/")
    screenshot(member, "address")

    program = browser.new_context().request  # a calendar program: no session at all
    feed = program.get(address)
    assert feed.status == 200
    assert "SUMMARY:First weekly report sent (Kubernetes cost reports)" in feed.text()

    member.goto("/calendar/")
    expect(member.get_by_label("Address")).to_have_count(0)  # shown once only
    member.get_by_role("button", name="Revoke it").click()
    dialog = member.get_by_role(
        "dialog", name="Revoke your feed address? Calendars that follow it stop updating."
    )
    dialog.get_by_role("button", name="Revoke it").click()
    expect(member.get_by_text("Revoked.")).to_be_visible()
    assert program.get(address).status == 404
    program.dispose()
