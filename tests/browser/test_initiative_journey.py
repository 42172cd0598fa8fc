"""From an initiative to being known for the work: a lead champions it, a member who fits
volunteers and logs what they did, the lead records what they saw (past the linter's nudge
on vague praise), the member shows it on their profile, and the lead's "done" prompts the
member to follow up with a draft grounded in their own contribution."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Kubernetes cost reports"
PROBLEM = (
    "Nobody can say what each Kubernetes cluster costs, so teams over-provision. "
    "We want a weekly cost report per team."
)
WHY = "Cloud spend is our second-largest cost, and nobody owns it."
SKILLS = "Terraform, Go, cost reporting"
BRINGS = "I wrote our Terraform modules for the clusters."
WANTS = "Go, by writing the exporter"
CONTRIBUTION = "Wrote the Terraform that tags every node pool with its team."
VAGUE = "Great job!"
SPECIFIC = (
    "Noor tagged every node pool with its team in Terraform, so the first weekly cost "
    "report could split the bill by team; she found two untagged pools nobody owned."
)


def test_a_member_volunteers_is_seen_by_the_lead_and_is_prompted_to_follow_up(
    signed_in_page, screenshot, no_full_reload, maya, noor
):
    from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
    from trellis.notifications.models import Notification

    # Maya, the lead, champions an initiative and opens it for volunteers.
    lead = signed_in_page(maya)
    lead.get_by_role("navigation", name="Main").get_by_role("link", name="Initiatives").click()
    lead.get_by_role("link", name="Champion an initiative").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Champion an initiative")
    lead.get_by_label("Title").fill(TITLE)
    lead.get_by_label("The problem").fill(PROBLEM)
    lead.get_by_label("Why it matters").fill(WHY)
    lead.get_by_label("Skills and topics it needs").fill(SKILLS)
    lead.get_by_label("Helpers wanted").fill("2")
    lead.get_by_label("Time it asks for").fill("2 hours a week for six weeks")
    ends_on = timezone.localdate() + timedelta(days=60)
    lead.get_by_label("Ends on").fill(ends_on.isoformat())
    lead.get_by_role("button", name="Open for volunteers").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(lead.get_by_role("status")).to_contain_text("Opened: members who can help see it now.")
    initiative = Initiative.objects.get()
    assert (initiative.lead, initiative.state) == (maya, Initiative.State.OPEN)

    # Opening it queued everyone's fit for the background worker; do its work here.
    from trellis.initiatives import fit

    fit.fit_refresh(member_ids=[noor.pk])

    # Noor, who can help with Terraform and is learning Go, sees it on her home page, with why.
    member = signed_in_page(noor)
    fits = member.get_by_role("list", name="Initiatives that could use you").get_by_role("listitem")
    item = fits.filter(has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item.locator(".fit-reason")).to_have_text(
        "You would practise Go programming, which you are learning."
    )
    expect(item).to_contain_text("Led by Maya Rossi")
    item.scroll_into_view_if_needed()
    screenshot(member, "home")

    # She volunteers from the initiative's page.
    item.get_by_role("link", name=TITLE).click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    member.get_by_label("What you bring").fill(BRINGS)
    member.get_by_label("What you want to learn").fill(WANTS)
    member.get_by_role("button", name="Offer to help").click()
    expect(member.get_by_role("status")).to_contain_text(
        "Offer sent. Maya Rossi will see it with what you bring."
    )
    expect(member.locator(".volunteer-state")).to_have_text("Waiting for the lead")

    # Maya sees the offer, ranked with why Noor fits (worked out by the worker, as the
    # offer asked), and welcomes her onto the team.
    fit.volunteer_fit_refresh_pending()
    lead.reload()
    lead.get_by_role("link", name="Volunteers (1 waiting)").click()
    offer = lead.locator(".volunteer").filter(has_text="Noor Haddad")
    expect(offer.locator(".fit-reason")).to_have_text(
        "Wants to learn Go programming, which it uses."
    )
    expect(offer).to_contain_text(BRINGS)
    offer.get_by_role("button", name="Welcome onto the team").click()
    expect(lead.get_by_role("status")).to_contain_text("Noor Haddad is on the team.")
    assert Volunteer.objects.get().state == Volunteer.State.ACCEPTED

    # Noor, now on the team, logs what she did.
    member.reload()
    expect(member.locator(".volunteer-state")).to_have_text("On the team")
    member.get_by_label("What you did").fill(CONTRIBUTION)
    member.get_by_role("button", name="Log it").click()
    expect(member.get_by_role("status")).to_contain_text(
        "Logged. The lead and the team can see it."
    )
    expect(member.locator(".contribution")).to_contain_text(CONTRIBUTION)

    # Maya reads the log and records what she saw; the linter nudges vague praise.
    lead.get_by_role("link", name="Back to the initiative").click()
    expect(lead.locator(".contribution").filter(has_text="Noor Haddad")).to_contain_text(
        CONTRIBUTION
    )
    lead.get_by_role("link", name="Record what you saw").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Record what you saw Noor Haddad do")
    expect(lead.get_by_label("On an initiative")).to_have_value(str(initiative.pk))
    findings = lead.locator("#observation-findings")
    text = lead.get_by_label("What you saw")
    with no_full_reload(lead):
        text.press_sequentially(VAGUE, delay=20)
        nudge = findings.locator('[data-rule="vague-praise"]')
        expect(nudge).to_be_visible()
        expect(nudge).to_contain_text("Great job")
    screenshot(lead, "nudge")

    with no_full_reload(lead):
        text.fill(SPECIFIC)
        text.press("End")  # a key, as a person types: the linter runs on keyup
        expect(findings).to_contain_text("Specific: the observation linter has nothing to add.")
    expect(findings.locator("[data-rule]")).to_have_count(0)
    lead.get_by_role("button", name="Record it").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Noor Haddad")
    expect(lead.get_by_role("status")).to_contain_text(
        "Recorded. Noor Haddad can read it, and chooses whether it shows on their profile."
    )
    seen = lead.locator(".observation").filter(has_text=SPECIFIC)
    expect(seen.locator(".hidden-note")).to_contain_text("has not chosen to show it")
    observation = Observation.objects.get()
    assert (observation.observer, observation.subject) == (maya, noor)
    assert observation.initiative == initiative and not observation.shown_on_profile

    # Noor finds it on her visibility map and shows it on her profile.
    nav = member.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Visibility").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Who has seen your work")
    about_her = member.locator("#about-you .observation").filter(has_text=SPECIFIC)
    expect(about_her).to_contain_text("Maya Rossi (Platform)")
    expect(about_her).to_contain_text(f"on {TITLE}")
    about_her.get_by_role("button", name="Show on my profile").click()
    expect(member.get_by_role("status")).to_contain_text("It shows on your profile now.")
    expect(about_her.locator(".shown-state")).to_have_text("Shown on your profile.")
    expect(member.get_by_role("region", name="Observers by team")).to_contain_text("Platform")
    member.wait_for_function(  # the chart, served by the app, has loaded and drawn
        "document.querySelector('img.visibility-chart').naturalWidth > 0"
    )
    screenshot(member, "visibility")

    # On Noor's profile, Maya now sees it shown, not only as its author.
    lead.reload()
    expect(seen).to_be_visible()
    expect(seen.locator(".hidden-note")).to_have_count(0)
    observation.refresh_from_db()
    assert observation.shown_on_profile

    # Maya marks the initiative done; Noor is prompted to follow up, with a grounded draft.
    lead.get_by_role("link", name=TITLE).first.click()
    expect(lead.get_by_role("heading", level=1)).to_have_text(TITLE)
    lead.get_by_role("button", name="Mark done").click()
    expect(lead.get_by_role("status")).to_contain_text(
        "Marked done. Everyone who contributed is asked to follow up with you."
    )
    expect(lead.locator(".state")).to_have_text("Done")

    member.reload()
    expect(nav.get_by_role("link", name=re.compile("^Notifications .* unread"))).to_be_visible()
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    member.get_by_role(
        "button", name=f"“{TITLE}” is done. Follow up with Maya Rossi", exact=False
    ).click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Introduce yourself to Maya Rossi")
    expect(member.get_by_text(f"You worked together on {TITLE}, which is done")).to_be_visible()
    draft = member.get_by_label("Message")
    expect(draft).to_have_value(
        re.compile(
            rf"^Hi Maya,\n\nI really enjoyed working on {re.escape(TITLE)} with you\. "
            r"I wrote the Terraform that tags every node pool with its team\.\n\n"
        )
    )
    expect(member.locator("#lint-findings")).to_contain_text("The ask linter has nothing to add.")
    screenshot(member, "follow-up")

    done = Notification.objects.get(recipient=noor, kind=Notification.Kind.INITIATIVE_DONE)
    assert done.read_at is not None
    assert Contribution.objects.get().member == noor
    assert Initiative.objects.get().state == Initiative.State.DONE
