"""Single sign-on in the browser, against the real test OpenID provider (a process of
its own on 127.0.0.1, tests/oidc_provider): the button, the provider's sign-in and
consent pages, the callback, the session, sign-out; and a refusal's page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_csp_journey import watch_for_violations
from tests.oidc_provider import seed
from tests.oidc_provider.fixture import RunningProvider, oidc_provider  # noqa: F401
from trellis.accounts.models import User
from trellis.integrations.sso.config import SsoSettings
from trellis.integrations.sso.discovery import forget_endpoints
from trellis.integrations.sso.models import SsoIdentity

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BUTTON = "Sign in with the test provider"


@pytest.fixture
def sso_on(settings, oidc_provider: RunningProvider):  # noqa: F811
    settings.SSO = SsoSettings(
        enabled=True,
        issuer=oidc_provider.issuer,
        client_id=seed.CLIENT_ID,
        client_secret=seed.CLIENT_SECRET,
        button_label=BUTTON,
    )
    forget_endpoints()
    yield settings.SSO
    forget_endpoints()


def sign_in_at_provider(page: Page, username: str) -> None:
    """From Trellis's sign-in page: the button, the provider's sign-in, its consent."""
    page.goto("/accounts/sign-in/")
    page.get_by_role("button", name=BUTTON).click()
    expect(page.get_by_role("heading", name="Test identity provider: sign in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(seed.PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    expect(page.get_by_role("heading", name="Let Trellis know who you are?")).to_be_visible()
    page.get_by_role("button", name="Authorize").click()


def test_an_imported_member_signs_in_with_sso_and_out_again(
    page, sso_on, make_member, screenshot, live_server
):
    ana = make_member("Ana Lima", email="ana@example.org", password=None)
    violations = watch_for_violations(page)

    sign_in_at_provider(page, "ana")

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.url == f"{live_server.url}/"
    screenshot(page, "signed-in")
    assert SsoIdentity.objects.get().user_id == ana.user_id
    assert violations == []

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name=BUTTON)).to_be_visible()
    page.goto("/people/")
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/"))


def test_someone_the_roster_lacks_sees_whom_to_ask_and_nothing_is_created(page, sso_on, screenshot):
    sign_in_at_provider(page, "stranger")

    expect(page.get_by_role("heading", name="Your organisation has not added you")).to_be_visible()
    expect(page.get_by_text("Ask a Trellis organiser")).to_be_visible()
    screenshot(page, "refused")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_with_sso_only_the_sign_in_page_asks_for_no_password(page, sso_on, settings):
    settings.SSO = SsoSettings(**{**sso_on.__dict__, "only": True})
    page.goto("/accounts/sign-in/")
    expect(page.get_by_role("button", name=BUTTON)).to_be_visible()
    expect(page.get_by_label("Password")).to_have_count(0)
