"""Home puts what needs the member first, and never offers a dead end (issue 13, items 2,
3 and 11): an intro waiting for their answer is on top and accepted from there, its
notification is then no longer "New"; a suggestion of someone with an open intro is not
shown; an old suggestion link explains itself; a dismissal can be undone; a member at
capacity is told so, and the composer's Send is disabled with the reason."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from trellis.connections import services as connections
from trellis.connections.tests.conftest import GROUNDED
from trellis.matching import services as matching
from trellis.people.models import Member

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def both_widths(page: Page, screenshot, name: str) -> None:
    """Screenshots at 1280 and 390 px wide, the page not scrolling sideways on a phone."""
    screenshot(page, name)
    page.set_viewport_size(PHONE)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    assert not wide, f"{name}: the page scrolls sideways at 390 px"


def top(page: Page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def test_an_intro_waiting_for_the_member_is_first_on_home_and_accepted_from_there(
    signed_in_page, screenshot, maya, noor, published_suggestion
):
    connections.intro_send(sender=noor, recipient=maya, message=GROUNDED)
    page = signed_in_page(maya)

    waiting = page.get_by_role("list", name="Intros waiting for your answer")
    expect(waiting).to_contain_text("Noor Haddad")
    assert top(page, "#to-answer") < top(page, "#suggestions")
    # Noor has an open intro with Maya: the round's suggestion of Noor is not shown.
    expect(page.get_by_role("list", name="Suggestions")).to_have_count(0)
    both_widths(page, screenshot, "waiting")

    waiting.get_by_role("button", name="Accept Noor Haddad's intro").click()
    expect(page.get_by_text("Accepted.")).to_be_visible()

    page.goto("/")
    expect(page.get_by_role("list", name="Your relationships")).to_contain_text("Noor Haddad")
    expect(page.get_by_role("heading", name="Intros waiting for your answer")).to_have_count(0)
    page.goto("/notifications/")
    item = page.locator(".notification", has_text="Noor Haddad sent you an intro.")
    expect(item).to_contain_text("Read")
    expect(item.locator(".badge", has_text="New")).to_have_count(0)
    box, date = item.locator("button").bounding_box(), item.locator("time").bounding_box()
    assert abs(box["y"] - date["y"]) < 12 and date["x"] > box["x"], "the date sits beside"
    both_widths(page, screenshot, "notifications")


def test_an_old_suggestion_link_explains_itself_and_the_dismissal_can_be_undone(
    signed_in_page, screenshot, maya, noor, published_suggestion
):
    matching.suggestion_dismiss(suggestion_id=published_suggestion.pk, member=maya)
    page = signed_in_page(maya)

    page.goto(f"/intros/new/{noor.pk}/?suggestion={published_suggestion.pk}")
    expect(page.get_by_role("heading", name="This suggestion has moved on")).to_be_visible()
    expect(page.get_by_text("You dismissed this suggestion to meet Noor Haddad")).to_be_visible()
    expect(page.get_by_role("navigation").first).to_be_visible()  # the site's layout
    both_widths(page, screenshot, "old-link")

    page.get_by_role("button", name="Undo the dismissal").click()
    expect(page.get_by_text("Noor Haddad is back in your suggestions.")).to_be_visible()
    expect(page.get_by_role("list", name="Suggestions")).to_contain_text("Noor Haddad")


def test_dismissing_a_suggestion_offers_undo_in_place(
    signed_in_page, screenshot, no_full_reload, maya, noor, published_suggestion
):
    page = signed_in_page(maya)
    page.wait_for_function("typeof htmx === 'object'")
    item = page.locator(f"#suggestion-{published_suggestion.pk}")

    with no_full_reload(page):
        item.get_by_role("button", name="Dismiss Noor Haddad").click()
        expect(item).to_contain_text("Dismissed Noor Haddad")
    screenshot(page, "dismissed")

    with no_full_reload(page):
        item.get_by_role("button", name="Undo dismissing Noor Haddad").click()
        expect(item.get_by_role("link", name="Introduce yourself")).to_be_visible()
    page.reload()
    expect(page.get_by_role("list", name="Suggestions")).to_contain_text("Noor Haddad")


def test_a_member_at_capacity_is_told_first_and_cannot_send(
    signed_in_page, screenshot, make_member, maya, noor, published_suggestion
):
    Member.objects.filter(pk=maya.pk).update(capacity=1)
    friend = make_member("Fern Ode", working_on="Kubernetes upgrades")
    intro = connections.intro_send(sender=friend, recipient=maya, message=GROUNDED)
    connections.intro_accept(intro=intro, member=maya)
    page = signed_in_page(maya)

    notice = page.locator("#capacity-notice")
    expect(notice).to_contain_text("You have no room for another relationship.")
    expect(notice.get_by_role("link", name="Raise your capacity")).to_be_visible()
    suggestions = page.get_by_role("list", name="Suggestions")
    expect(suggestions).to_contain_text("Noor Haddad")
    expect(suggestions.get_by_role("link", name="Introduce yourself")).to_have_count(0)
    assert top(page, "#capacity-notice") < top(page, f"#suggestion-{published_suggestion.pk}")
    both_widths(page, screenshot, "home")

    page.goto(f"/intros/new/{noor.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("you can't start another now")
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    both_widths(page, screenshot, "composer")
