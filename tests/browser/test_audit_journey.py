"""Issue 14, the audit log: an operator finds a failed sign-in on the audit page, narrows
the list to it, and exports it as JSON lines; at phone width the page does not scroll
sideways (its table scrolls inside its frame)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def operator(django_user_model):
    return SimpleNamespace(
        user=django_user_model.objects.create_superuser("root@example.org", PASSWORD)
    )


def test_an_operator_finds_a_failed_sign_in_and_exports_it(
    page, new_page, sign_in, operator, ana, screenshot
):
    page.goto("/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("ana@example.org")
    page.get_by_label("Password").fill("not her password")
    page.get_by_role("button", name="Sign in").click()

    desk = new_page()
    sign_in(desk, operator)
    desk.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Audit log")
    desk.get_by_label("Action").select_option("sign_in.failed")
    desk.get_by_role("button", name="Show").click()
    rows = desk.get_by_role("region", name="Audit events (scrolls sideways)").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("ana@example.org")
    screenshot(desk, "filtered")

    with desk.expect_download() as download:
        desk.get_by_role("link", name="Export as JSON lines").click()
    lines = download.value.path().read_text(encoding="ascii").splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["sign_in.failed"]


def test_at_phone_width_the_audit_page_does_not_scroll_sideways(
    signed_in_page, operator, screenshot
):
    phone = signed_in_page(operator, width=390, height=844)
    phone.goto("/operate/audit/")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Audit log")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "390")
