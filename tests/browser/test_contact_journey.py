"""After Accept, two people reach each other: "how to reach me", a proposed time as a calendar
invitation both can download, and nothing of it for anyone outside the relationship."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from trellis.connections import services
from trellis.connections.models import MeetingProposal

pytestmark = pytest.mark.browser

INTRO = (
    "Hi Noor, we're both in the middle of Kubernetes upgrades. I can share our Go worker-pool "
    "notes. How do you keep Terraform state in step with the cluster during an upgrade?"
)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def connected(maya, noor):
    """Maya's intro to Noor, accepted: the two are in a relationship."""
    intro = services.intro_send(sender=maya, recipient=noor, message=INTRO)
    return services.intro_accept(intro=intro, member=noor)


def test_two_connected_members_reach_each_other_and_nobody_else_can_see_how(
    signed_in_page, screenshot, maya, noor, make_member, connected
):
    # Noor says how to reach her, on her own profile form.
    noor_page = signed_in_page(noor)
    noor_page.goto("/me/edit/")
    noor_page.get_by_label("How to reach me: booking link").fill("http://cal.example.org/noor")
    noor_page.get_by_role("button", name="Save profile").click()
    expect(noor_page.get_by_text("Give a booking link that starts with https://")).to_be_visible()
    noor_page.get_by_label("How to reach me: chat handle").fill("@noor on Matrix")
    noor_page.get_by_label("How to reach me: booking link").fill("https://cal.example.org/noor")
    noor_page.get_by_role("button", name="Save profile").click()
    expect(noor_page.get_by_text("Your profile is saved.")).to_be_visible()

    # Maya sees it on their relationship page, near the top.
    page = signed_in_page(maya)
    page.goto(connected.get_absolute_url())
    card = page.locator(".contact-card")
    expect(card).to_contain_text("How to reach Noor Haddad")
    expect(card).to_contain_text("noor@example.org")
    expect(card).to_contain_text("@noor on Matrix")
    expect(card.get_by_role("link", name="https://cal.example.org/noor")).to_be_visible()

    # She proposes a time: tomorrow at 10:00 (her zone is UTC), 45 minutes, by video.
    day = (timezone.now() + timedelta(days=1)).date().isoformat()
    page.get_by_role("link", name="Propose a time").click()
    form = page.locator("form", has=page.get_by_role("button", name="Propose this time"))
    form.get_by_label("Day").fill(day)
    form.get_by_label("Start time").fill("10:00")
    form.get_by_label("How long").select_option("45")
    form.get_by_label("Video link").fill("https://meet.example.org/maya-noor")
    form.get_by_label("Note (optional)").fill("I'll bring our upgrade runbook.")
    form.get_by_role("button", name="Propose this time").click()
    expect(page.get_by_text("Proposed. Noor Haddad has it by e-mail")).to_be_visible()
    meeting = MeetingProposal.objects.get()
    screenshot(page, "desktop")

    # The invitation downloads, and reads back as the meeting she proposed.
    with page.expect_download() as caught:
        page.get_by_role("link", name="Add to your calendar (.ics)").click()
    download = caught.value
    assert download.suggested_filename == f"trellis-meeting-{meeting.pk}.ics"
    (event,) = Calendar.from_ical(download.path().read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert str(event["ATTENDEE"]) == "mailto:noor@example.org"
    assert str(event["URL"]) == "https://meet.example.org/maya-noor"

    # At phone width Noor finds the main actions without scrolling past everything.
    phone = signed_in_page(noor, **PHONE)
    phone.goto(connected.get_absolute_url())
    for name in ("Propose a time", "Record an exchange"):
        box = phone.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], name
    expect(phone.get_by_role("link", name="Add to your calendar (.ics)")).to_be_visible()
    screenshot(phone, "phone")

    # Someone outside the relationship gets nothing: not the page, not the invitation.
    outsider = signed_in_page(make_member("Omar Outsider", email="omar@example.org"))
    for url in (connected.get_absolute_url(), meeting.get_ics_url()):
        response = outsider.request.get(url)
        assert response.status == 404, url
    outsider.goto(noor.get_absolute_url())
    expect(outsider.get_by_role("heading", name="Noor Haddad", exact=True)).to_be_visible()
    expect(outsider.locator("body")).not_to_contain_text("@noor on Matrix")
    expect(outsider.locator("body")).not_to_contain_text("cal.example.org")
