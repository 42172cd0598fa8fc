"""An organiser connects a chat channel: opens "Chat" from the navigation, is refused an
address inside the network, adds a signed webhook with a weekly topic chosen by type-ahead,
copies its secret (shown once), sends a test message to a real receiver, and sees it sent."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from trellis.integrations.chat.models import Webhook
from trellis.integrations.chat.tests.conftest import Receiver
from trellis.integrations.chat.tests.test_formats import verify

pytestmark = pytest.mark.browser


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture
def chat_on(settings):
    settings.CHAT_WEBHOOKS_ENABLED = True
    settings.CHAT_ALLOW_HTTP_LOOPBACK = True
    settings.CHAT_TIMEOUT_SECONDS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_an_organiser_adds_a_signed_webhook_and_sends_a_test_message(
    chat_on, receiver, organiser, signed_in_page, screenshot
):
    page: Page = signed_in_page(organiser)
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Chat").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat webhooks")
    page.get_by_role("link", name="Add a webhook").click()

    page.get_by_label("Name").fill("#mentoring-bots")
    page.get_by_label("Address").fill("https://10.0.0.8/hook")
    page.get_by_label("Signed JSON (any receiver)").check()
    page.get_by_label("A matching round is published").check()
    page.get_by_role("button", name="Save the webhook").click()
    expect(page.get_by_text("10.0.0.8 is a private or reserved address")).to_be_visible()
    assert not Webhook.objects.exists()

    page.get_by_label("Address").fill(receiver.url)
    topic = page.get_by_label("Weekly “who could help” for one topic")
    with page.expect_response(lambda r: "/organise/chat/topics/" in r.url):
        topic.press_sequentially("kuber")
    expect(page.locator("#topic-options option[value='Kubernetes']")).to_have_count(1)
    topic.fill("Kubernetes")
    page.get_by_role("button", name="Save the webhook").click()

    expect(page.get_by_role("heading", name="Copy its secret now")).to_be_visible()
    secret = page.locator("#webhook-secret").inner_text()
    webhook = Webhook.objects.get()
    assert secret == webhook.secret and webhook.nudge_topic.name == "Kubernetes"
    screenshot(page, "secret")
    page.get_by_role("link", name="Go to the webhook").click()
    expect(page.get_by_text(secret)).to_have_count(0)

    page.get_by_role("button", name="Send a test message").click()
    expect(page.get_by_text("A test message is queued")).to_be_visible()
    row = page.locator("#deliveries tbody tr").first
    expect(row).to_contain_text("Test message")
    expect(row.locator(".delivery-status")).to_have_text("Sent")
    expect(row).to_contain_text("HTTP 200")
    screenshot(page)

    (got,) = receiver.received
    assert verify(secret, got.headers, got.body, now=int(time.time()))
