"""A member writes a post; another follows its topic, finds it, and answers it with an intro."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Making Kubernetes upgrades boring"
BODY = (
    "Our cluster upgrades take a **whole weekend**.\n\n"
    "- we drain nodes one by one\n"
    "- whoever is on call gets paged all weekend\n\n"
    "Has anyone made upgrades boring?"
)


def test_a_member_follows_a_topic_and_introduces_themselves_from_a_post(
    signed_in_page, screenshot, no_full_reload, maya, noor
):
    from trellis.connections.models import Intro, Origin

    writer = signed_in_page(noor)
    writer.get_by_role("link", name="Write a post").first.click()
    writer.get_by_label("Title").fill(TITLE)
    writer.get_by_label("Post", exact=True).fill(BODY)
    writer.get_by_role("button", name="Post", exact=True).click()
    expect(writer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(writer.get_by_role("status")).to_contain_text(
        "Posted. It shows on the topic pages of Kubernetes and On-call."
    )
    expect(writer.locator(".post-body strong")).to_have_text("whole weekend")

    reader = signed_in_page(maya)
    reader.get_by_role("list", name="Topics you work on, to follow").get_by_role(
        "link", name="Kubernetes"
    ).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Kubernetes")
    with no_full_reload(reader):
        reader.get_by_role("button", name="Follow Kubernetes").click()
        expect(reader.get_by_role("button", name="Unfollow Kubernetes")).to_be_visible()
    screenshot(reader, "topic")

    reader.get_by_role("link", name="Home", exact=True).click()
    followed = reader.get_by_role("list", name="Newest posts on topics you follow")
    expect(followed).to_contain_text("Noor Haddad")
    screenshot(reader, "home")
    followed.get_by_role("link", name=TITLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text(f"I saw your post about “{TITLE}”…")).to_be_visible()
    screenshot(reader, "post")

    reader.get_by_role("link", name="Introduce yourself").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Introduce yourself to Noor Haddad")
    message = reader.get_by_label("Message")
    draft = message.input_value()
    assert draft.startswith(
        f"Hi Noor,\n\nI saw your post about “{TITLE}”, and I'm working on Kubernetes upgrades "
        "myself."
    ), draft
    expect(reader.get_by_role("link", name=f"“{TITLE}”")).to_be_visible()
    screenshot(reader)

    reader.get_by_role("button", name="Send").click()
    expect(reader.get_by_role("status")).to_contain_text("Sent to Noor Haddad.")
    intro = Intro.objects.get(sender=maya, recipient=noor)
    assert (intro.state, intro.origin, intro.post.title) == ("sent", Origin.POST, TITLE)
    screenshot(reader, "sent")
