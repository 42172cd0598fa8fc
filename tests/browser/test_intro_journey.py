"""From a suggestion to a two-way relationship: a grounded intro, an accept, exchanges both
ways, and a reflection only its author can read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from trellis.connections.models import Intro, Reflection, Relationship
from trellis.home import services as home

pytestmark = pytest.mark.browser

MENTOR_ASK = "Will you be my mentor?"
GROUNDED = (
    "Hi Noor,\n\n"
    "I saw you're working on Kubernetes upgrades too; we're halfway through ours on the "
    "Platform team.\n\n"
    "I can share what I've learned about Go, which you're learning, if that helps.\n\n"
    "One question: how do you keep Terraform state in step with the cluster during an "
    "upgrade?\n\n"
    "Best,\nMaya"
)
MAYA_SHARED = "Walked Noor through how we structure Go worker pools"
MAYA_LEARNED = "How Noor keeps one Terraform state per environment"
NOOR_SHARED = "Showed Maya our Terraform module layout and the state-locking gotchas"
NOOR_LEARNED = "How Maya's team drains nodes before a Kubernetes upgrade"
REFLECTION = (
    "Explaining our module layout out loud, I noticed we lock state by habit, "
    "not for a reason I could name."
)


def test_a_member_answers_a_suggestion_with_a_grounded_intro_after_the_linter_warns(
    signed_in_page, screenshot, no_full_reload, maya, noor, published_suggestion
):
    page = signed_in_page(maya)
    card = page.get_by_role("list", name="Suggestions").get_by_role("listitem")
    card = card.filter(has_text="Noor Haddad")
    expect(card).to_contain_text("You both work on Kubernetes upgrades.")

    card.get_by_role("link", name="Introduce yourself").click()
    expect(page.get_by_role("heading", name="Introduce yourself to Noor Haddad")).to_be_visible()
    expect(page.locator("#shared").locator("..")).to_contain_text("You both work on Kubernetes")
    findings = page.locator("#lint-findings")
    expect(findings).to_contain_text("The ask linter has nothing to add.")  # the draft is grounded

    message = page.get_by_label("Message")
    with no_full_reload(page):
        message.fill("")
        message.press_sequentially(MENTOR_ASK, delay=20)
        warning = findings.locator('[data-rule="mentor-ask"]')
        expect(warning).to_contain_text(MENTOR_ASK)
        expect(warning).to_contain_text("asks a busy person for an open-ended commitment")
        expect(warning.locator(".lint-suggestion")).to_contain_text("ask about the work you share")
    expect(message).to_have_value(MENTOR_ASK)
    screenshot(page)

    with no_full_reload(page):
        message.fill(GROUNDED)
        message.press("End")  # a key, as a person types: the linter runs on keyup
        expect(findings).to_contain_text("The ask linter has nothing to add.")
    expect(findings.locator("[data-rule]")).to_have_count(0)

    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Your intro to Noor Haddad")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Sent to Noor Haddad.")
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    screenshot(page, "sent")

    intro = Intro.objects.get()
    assert (intro.sender, intro.recipient, intro.state) == (maya, noor, Intro.State.SENT)
    assert intro.suggestion == published_suggestion and intro.origin == "suggestion"
    assert intro.message.replace("\r\n", "\n") == GROUNDED  # browsers send CRLF
    assert intro.findings == []


def record_exchange(page: Page, *, topics: str, shared: str, learned: str) -> None:
    page.get_by_role("textbox", name="Topics").fill(topics)
    page.get_by_label("What I shared").fill(shared)
    page.get_by_label("What I learned").fill(learned)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("heading", name="A moment to reflect")).to_be_visible()


def test_the_other_member_accepts_both_record_exchanges_and_a_reflection_stays_private(
    signed_in_page, screenshot, maya, noor, published_suggestion
):
    home.intro_send(sender=maya, recipient=noor, message=GROUNDED, suggestion=published_suggestion)

    # Noor sees the notification, reads the intro, accepts.
    noor_page = signed_in_page(noor)
    nav = noor_page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    noor_page.get_by_role("button", name="Maya Rossi sent you an intro.").click()
    expect(
        noor_page.get_by_role("heading", name="Maya Rossi introduced themselves")
    ).to_be_visible()
    expect(noor_page.get_by_text("One question: how do you keep Terraform state")).to_be_visible()
    expect(nav.get_by_label(re.compile("unread"))).to_have_count(0)
    noor_page.get_by_role("button", name="Accept").click()
    expect(noor_page.get_by_role("heading", name="You and Maya Rossi")).to_be_visible()
    relationship = Relationship.objects.get()
    assert relationship.has_member(maya.pk) and relationship.has_member(noor.pk)

    # Both record what they shared and learned.
    maya_page = signed_in_page(maya)
    maya_page.get_by_role("link", name="Relationships", exact=True).click()
    maya_page.get_by_role("link", name="Noor Haddad").click()
    record_exchange(maya_page, topics="Go", shared=MAYA_SHARED, learned=MAYA_LEARNED)

    noor_page.goto(relationship.get_absolute_url())
    expect(noor_page.get_by_text(MAYA_SHARED)).to_be_visible()
    record_exchange(noor_page, topics="Terraform, k8s", shared=NOOR_SHARED, learned=NOOR_LEARNED)

    # Noor, who helped, answers the journal's prompt.
    prompt = noor_page.locator(".reflection-prompt")
    expect(prompt).to_contain_text("What did explaining this reveal about how you work?")
    expect(noor_page.get_by_text("After your exchange with Maya Rossi")).to_be_visible()
    noor_page.get_by_label("Your reflection").fill(REFLECTION)
    noor_page.get_by_role("button", name="Save").click()
    expect(noor_page.get_by_role("status")).to_contain_text("Only you can read it.")
    reflection = Reflection.objects.get()
    assert reflection.author == noor and reflection.prompt.startswith("What did explaining")

    # Value went both ways: each gave twice and received twice.
    noor_page.get_by_role("link", name="Relationships", exact=True).click()
    noor_page.get_by_role("link", name="How value flows both ways").click()
    chart = noor_page.locator("figure.reciprocity")
    expect(chart.locator("rect.gave")).to_have_count(1)
    expect(chart.locator("rect.received")).to_have_count(1)
    expect(chart.locator("figcaption")).to_contain_text("You gave (2)")
    expect(chart.locator("figcaption")).to_contain_text("You received (2)")
    row = noor_page.get_by_role("row").filter(has_text="Maya Rossi")
    expect(row.get_by_role("cell")).to_have_text([re.compile("Maya Rossi"), "2", "2", ""])
    screenshot(noor_page)

    # Maya cannot read Noor's reflection: not at its address, nor anywhere on her pages.
    response = maya_page.goto(reflection.get_absolute_url())
    assert response is not None and response.status == 404
    expect(maya_page.get_by_text("Explaining our module layout")).to_have_count(0)
    screenshot(maya_page, "reflection-404")
    for url in (
        "/journal/",
        relationship.get_absolute_url(),
        "/reciprocity/",
        "/notifications/",
        "/intros/",
        "/",
    ):
        maya_page.goto(url)
        expect(maya_page.locator("main")).not_to_contain_text("module layout out loud")
        expect(maya_page.locator("main")).not_to_contain_text("lock state by habit")
    maya_page.goto("/journal/")
    expect(maya_page.get_by_text("Your journal is empty.")).to_be_visible()
