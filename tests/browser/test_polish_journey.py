"""Trust and polish (issue 13, items 7 to 10): irreversible actions ask first, buttons look
like what they do, error pages say what to do next, and every page fits a phone.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
GROUNDED = (
    "Hi Maya, I saw you're working on Kubernetes upgrades too; I can share the Terraform "
    "module we use for node pools. What part of the upgrade takes you longest?"
)


@pytest.fixture
def post(maya):
    from trellis.community import services

    return services.post_create(
        author=maya,
        title="Making Kubernetes upgrades boring",
        body="Our cluster upgrades take a whole weekend. What are we missing?",
    )


@pytest.fixture
def relationship(maya, noor):
    from trellis.connections import services

    intro = services.intro_send(sender=noor, recipient=maya, message=GROUNDED)
    return services.intro_accept(intro=intro, member=maya)


@pytest.fixture
def unseen_work(maya):
    """Maya logged work on her own initiative, and nobody outside her team saw it."""
    from trellis.initiatives import services

    initiative = services.initiative_create(
        lead=maya,
        title="Boring cluster upgrades",
        problem="Upgrades take a weekend and page whoever is on call.",
        ends_on=datetime.date.today() + datetime.timedelta(days=60),
        publish=True,
    )
    services.contribution_log(
        initiative=initiative, member=maya, text="Wrote the node-pool drain runbook."
    )
    return initiative


def confirm_dialog(page: Page, question: str):
    dialog = page.get_by_role("dialog", name=question)
    expect(dialog).to_be_visible()
    # Focus moved into the dialog, onto the safe choice.
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    return dialog


# Item 7: irreversible actions confirm first.


def test_deleting_a_post_asks_first_and_only_yes_deletes_it(signed_in_page, screenshot, maya, post):
    from trellis.community.models import Post

    page = signed_in_page(maya)
    page.goto(post.get_absolute_url())
    question = "Delete this post? It cannot be brought back."

    page.get_by_role("button", name="Delete this post").click()
    dialog = confirm_dialog(page, question)
    screenshot(page, "asks")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Delete this post")).to_be_focused()

    page.get_by_role("button", name="Delete this post").click()
    confirm_dialog(page, question).get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(post.title)
    assert Post.objects.get(pk=post.pk).state != Post.State.DELETED

    page.get_by_role("button", name="Delete this post").click()
    confirm_dialog(page, question).get_by_role("button", name="Delete the post").click()
    expect(page.get_by_role("status")).to_contain_text("Post deleted.")
    assert Post.objects.get(pk=post.pk).state == Post.State.DELETED


def test_without_javascript_deleting_a_post_submits_as_before(browser, live_server, maya, post):
    from trellis.community.models import Post

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(maya.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(post.get_absolute_url())

    page.get_by_role("button", name="Delete this post").click()

    expect(page.get_by_role("status")).to_contain_text("Post deleted.")
    assert Post.objects.get(pk=post.pk).state == Post.State.DELETED
    context.close()


def test_closing_a_relationship_asks_first_and_only_yes_closes_it(
    signed_in_page, screenshot, maya, noor, relationship
):
    page = signed_in_page(maya)
    page.goto(relationship.get_absolute_url())
    question = "Close your relationship with Noor Haddad? It cannot be reopened."

    page.get_by_role("button", name="Close", exact=True).click()
    confirm_dialog(page, question).get_by_role("button", name="Cancel").click()
    relationship.refresh_from_db()
    assert not relationship.is_closed

    page.get_by_role("button", name="Close", exact=True).click()
    dialog = confirm_dialog(page, question)
    screenshot(page, "asks")
    dialog.get_by_role("button", name="Close the relationship").click()
    expect(page.get_by_role("status")).to_contain_text("Closed.")
    relationship.refresh_from_db()
    assert relationship.is_closed


def test_an_htmx_form_asks_through_the_same_dialog_and_swaps_only_on_yes(
    signed_in_page, no_full_reload, maya
):
    from trellis.community.models import TopicFollow

    page = signed_in_page(maya)
    page.goto(reverse("home:topic_detail", kwargs={"slug": "kubernetes"}))
    # The follow button is an htmx form; give it a question as any template would.
    page.locator("form.follow").evaluate(
        "form => form.setAttribute('data-confirm', 'Follow Kubernetes?')"
    )
    with no_full_reload(page):
        page.get_by_role("button", name="Follow Kubernetes", exact=True).click()
        confirm_dialog(page, "Follow Kubernetes?").get_by_role("button", name="Cancel").click()
        expect(page.get_by_role("button", name="Follow Kubernetes", exact=True)).to_be_visible()
        assert not TopicFollow.objects.exists()

        page.get_by_role("button", name="Follow Kubernetes", exact=True).click()
        confirm_dialog(page, "Follow Kubernetes?").get_by_role(
            "button", name="Follow Kubernetes"
        ).click()
        expect(page.get_by_role("button", name="Unfollow Kubernetes")).to_be_visible()
        assert TopicFollow.objects.filter(member=maya).count() == 1

        # hx-confirm, htmx's own attribute, asks through the same dialog.
        page.locator("form.follow").evaluate(
            "form => form.setAttribute('hx-confirm', 'Stop following Kubernetes?')"
        )
        page.get_by_role("button", name="Unfollow Kubernetes").click()
        confirm_dialog(page, "Stop following Kubernetes?").get_by_role(
            "button", name="Unfollow Kubernetes"
        ).click()
        expect(page.get_by_role("button", name="Follow Kubernetes", exact=True)).to_be_visible()
    assert not TopicFollow.objects.exists()


# Item 8: buttons look like what they do; the focus ring shows.


def luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_of(locator, prop: str) -> str:
    return locator.evaluate(f"element => getComputedStyle(element).{prop}")


def test_primary_secondary_and_danger_buttons_differ_and_focus_shows(
    signed_in_page, screenshot, maya, relationship
):
    page = signed_in_page(maya)
    page.goto(relationship.get_absolute_url())
    primary = page.get_by_role("button", name="Record")
    secondary = page.get_by_role("button", name="Close", exact=True)
    secondary.click()
    danger = page.get_by_role("dialog").get_by_role("button", name="Close the relationship")

    filled = {
        name: style_of(button, "backgroundColor")
        for name, button in {"primary": primary, "secondary": secondary, "danger": danger}.items()
    }
    assert len(set(filled.values())) == 3, filled
    screenshot(page, "buttons")

    page.keyboard.press("Escape")  # back on "Close", focused from the keyboard's point of view
    ring = style_of(secondary, "outlineColor")
    inner_band = style_of(secondary, "boxShadow")
    page_background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    card_background = page.locator(".card").last.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert contrast(ring, page_background) >= 3
    assert contrast(ring, card_background) >= 3
    inner = re.match(r"rgba?\([^)]*\)", inner_band).group(0)
    for name in ("primary", "danger"):
        assert contrast(inner, filled[name]) >= 3, name
    screenshot(page, "focus")


# Item 9: error pages keep the site's navigation and say what to do next.


def test_error_pages_show_the_navigation_and_the_next_step(signed_in_page, screenshot, maya, post):
    page = signed_in_page(maya)

    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("There is no page here")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="People")
    ).to_be_visible()
    screenshot(page, "404")
    page.get_by_role("link", name="Go to your home page").click()
    expect(page).to_have_url(re.compile(r"/$"))

    delete_url = reverse("community:post_delete", kwargs={"post_id": post.pk})
    response = page.goto(delete_url)
    assert response.status == 405
    expect(page.get_by_role("main")).to_contain_text(
        f"This address is for a button on {post.get_absolute_url()}"
    )
    screenshot(page, "405")
    page.get_by_role("link", name="Go back to that page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(post.title)

    # A form whose token went stale (signed out and in again elsewhere, say).
    sign_out = page.locator("form.nav-sign-out")
    sign_out.locator("input[name=csrfmiddlewaretoken]").evaluate(
        "input => { input.value = 'x'.repeat(64); }"
    )
    sign_out.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The form could not be sent")
    expect(page.get_by_role("main")).to_contain_text("Nothing was saved")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Home")
    ).to_be_visible()
    screenshot(page, "csrf")


# Item 10: phone width.


def fits_the_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_at_phone_width_the_header_is_one_row_and_its_menu_works(signed_in_page, screenshot, maya):
    page = signed_in_page(maya, **PHONE)

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header
    menu = page.locator("summary", has_text="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="People", exact=True)).to_be_hidden()
    screenshot(page, "closed")

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    screenshot(page, "open")
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("People|Directory"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()  # always in the header
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Maya Rossi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maya Rossi")


def test_no_main_page_scrolls_sideways_at_phone_width(
    signed_in_page, screenshot, maya, organiser, post, relationship, unseen_work
):
    pages = {
        "home": reverse("home:home"),
        "directory": reverse("people:directory"),
        "profile": maya.get_absolute_url(),
        "intros": reverse("connections:intro_list"),
        "relationship": relationship.get_absolute_url(),
        "post": post.get_absolute_url(),
        "notifications": reverse("notifications:notification_list"),
    }
    member = signed_in_page(maya, **PHONE)
    for name, url in pages.items():
        member.goto(url)
        assert fits_the_width(member), f"{name} ({url}) scrolls sideways at 390 px"
        screenshot(member, f"390-{name}")

    desktop = signed_in_page(maya)
    for name in ("home", "relationship"):
        desktop.goto(pages[name])
        screenshot(desktop, f"1280-{name}")

    olga = signed_in_page(organiser, **PHONE)
    olga.goto(reverse("initiatives:unseen_contributors"))
    table = olga.get_by_role("region", name="Unseen contributors (scrolls sideways)")
    expect(table).to_contain_text("Maya Rossi")
    assert fits_the_width(olga), "unseen contributors scrolls sideways at 390 px"
    screenshot(olga, "390-unseen-contributors")
