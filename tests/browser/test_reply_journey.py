"""Item 4 of issue 13: a member posts, another replies in public, the first marks the reply
"this helped", and the replier is told."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Making Kubernetes upgrades boring"
BODY = "Our cluster upgrades take a **whole weekend**. What are we missing?"
REPLY = (
    "We drain two nodes at a time; our [checklist](https://example.org/upgrades) is public.\n\n"
    '<script>document.title = "owned"</script>'
)
PHONE = {"width": 390, "height": 844}


def test_a_member_replies_to_a_post_and_is_told_it_helped(signed_in_page, screenshot, maya, noor):
    from trellis.community.models import Reply

    writer = signed_in_page(noor)
    writer.goto("/posts/new/")
    writer.get_by_label("Title").fill(TITLE)
    writer.get_by_label("Post", exact=True).fill(BODY)
    writer.get_by_role("button", name="Post", exact=True).click()
    expect(writer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(writer.get_by_text("Nobody has replied yet.")).to_be_visible()
    post_url = writer.url

    replier = signed_in_page(maya)
    replier.goto(post_url)
    expect(replier.get_by_text("What are we missing?").last).to_be_visible()
    screenshot(replier, "empty")
    replier.get_by_label("Your reply").fill(REPLY)
    replier.get_by_role("button", name="Reply", exact=True).click()
    expect(replier.get_by_role("status")).to_contain_text("Replied.")
    replies = replier.get_by_role("list", name="Replies to this post")
    link = replies.get_by_role("link", name="checklist")
    expect(link).to_have_attribute("href", "https://example.org/upgrades")
    expect(link).to_have_attribute("rel", "nofollow noopener")
    # The script is shown as text, never run.
    expect(replies).to_contain_text('<script>document.title = "owned"</script>')
    assert replies.locator("script").count() == 0
    assert replier.title() != "owned"
    expect(replies.get_by_role("button", name="Delete my reply")).to_be_visible()
    expect(replies.get_by_role("button", name="This helped")).to_have_count(0)

    writer.goto(post_url)
    writer_replies = writer.get_by_role("list", name="Replies to this post")
    expect(writer_replies).to_contain_text("Maya Rossi")
    writer_replies.get_by_role("button", name="This helped").click()
    expect(writer.get_by_role("status")).to_contain_text(
        "Marked as helpful. Maya Rossi has been told."
    )
    expect(writer_replies).to_contain_text("This helped Noor Haddad")
    expect(writer_replies.get_by_role("button", name="Take back “this helped”")).to_be_visible()
    screenshot(writer, "helped")
    assert Reply.objects.get().helped

    replier.goto("/notifications/")
    told = replier.get_by_text(f"Noor Haddad said your reply to “{TITLE}” helped.")
    expect(told).to_be_visible()
    screenshot(replier, "told")
    told.click()
    expect(replier.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(replier.get_by_role("list", name="Replies to this post")).to_contain_text(
        "This helped Noor Haddad"
    )

    phone = signed_in_page(maya, **PHONE)
    phone.goto(post_url)
    expect(phone.get_by_role("list", name="Replies to this post")).to_contain_text(
        "This helped Noor Haddad"
    )
    screenshot(phone, "phone")
