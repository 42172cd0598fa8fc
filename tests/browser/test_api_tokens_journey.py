"""A member makes an API token, reads the API's docs, uses the token, then revokes it.

The token is shown once on the page; the docs page (Swagger UI, served by the app itself)
renders under the site's Content-Security-Policy with nothing blocked; the token works
from another client until it is revoked through the confirmation dialog.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp_journey import watch_for_violations

pytestmark = pytest.mark.browser


def test_a_member_makes_uses_and_revokes_a_token(signed_in_page, ana, live_server):
    page = signed_in_page(ana)
    violations = watch_for_violations(page)
    page.goto("/accounts/tokens/")
    expect(page.get_by_text("You have no tokens")).to_be_visible()
    page.get_by_label("Name").fill("My script")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make the token").click()
    secret = page.locator("code.token-secret").inner_text()
    assert secret.startswith("trl_")

    # The browser's own request client (it carries the session too: a token that stops
    # working must be refused even so).
    api = page.context.request
    headers = {"Authorization": f"Bearer {secret}"}
    listed = api.get(f"{live_server.url}/api/v1/tokens", headers=headers)
    assert listed.status == 200
    assert [token["name"] for token in listed.json()["results"]] == ["My script"]

    page.goto("/accounts/tokens/")
    expect(page.locator("code.token-secret")).to_have_count(0)  # shown once only
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="Trellis API")).to_be_visible()
    expect(page.get_by_text("/api/v1/tokens").first).to_be_visible()
    assert violations == []

    page.goto("/accounts/tokens/")
    page.get_by_role("button", name="Revoke").click()
    dialog = page.get_by_role(
        "dialog", name="Revoke “My script”? Whatever uses it stops working at once."
    )
    dialog.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_text("is revoked: nothing can use it any more")).to_be_visible()
    assert api.get(f"{live_server.url}/api/v1/tokens", headers=headers).status == 401
