"""Single sign-on switched on against the real test OpenID provider (tests/oidc_provider),
and `through_provider`: a person signing in at the provider and consenting, over HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.test import Client

from tests.oidc_provider import seed
from tests.oidc_provider.fixture import RunningProvider, oidc_provider  # noqa: F401
from trellis.integrations.sso.config import SsoSettings
from trellis.integrations.sso.discovery import forget_endpoints

HIDDEN_INPUT = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")
ATTRIBUTE = re.compile(r"(name|value)=\"([^\"]*)\"")
TIMEOUT_S = 10


@pytest.fixture
def sso_on(settings, oidc_provider: RunningProvider) -> Callable[..., SsoSettings]:  # noqa: F811
    """Switch single sign-on on for this test (call again with changes, e.g. only=True)."""

    def switch(**changes) -> SsoSettings:
        base = SsoSettings(
            enabled=True,
            issuer=oidc_provider.issuer,
            client_id=seed.CLIENT_ID,
            client_secret=seed.CLIENT_SECRET,
            button_label="Sign in with the test provider",
        )
        settings.SSO = replace(base, **changes)
        forget_endpoints()
        return settings.SSO

    switch()
    yield switch
    forget_endpoints()


def hidden_fields(html: str) -> dict[str, str]:
    fields = {}
    for tag in HIDDEN_INPUT.findall(html):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            fields[attributes["name"]] = unescape(attributes.get("value", ""))
    return fields


def consent_at_provider(authorize_url: str, *, username: str) -> str:
    """Sign in at the provider as `username` and allow: the callback URL it sends back."""
    with requests.Session() as provider:
        page = provider.get(authorize_url, timeout=TIMEOUT_S)  # → its sign-in page
        page.raise_for_status()
        form = hidden_fields(page.text)
        form |= {"username": username, "password": seed.PASSWORD}
        consent = provider.post(page.url, data=form, timeout=TIMEOUT_S)  # → the consent page
        consent.raise_for_status()
        answer = hidden_fields(consent.text) | {"allow": "Authorize"}
        back = provider.post(consent.url, data=answer, allow_redirects=False, timeout=TIMEOUT_S)
        assert back.status_code == 302, back.text[:500]
        return urljoin(consent.url, back.headers["Location"])


@pytest.fixture
def through_provider() -> Callable[..., str]:
    """Press Trellis's button in `client`, consent at the provider as `username`:
    the callback path (with its code and state) for `client` to open."""

    def sign_in(client: Client, *, username: str, next_url: str = "") -> str:
        start = client.post("/sso/start/" + (f"?next={next_url}" if next_url else ""))
        assert start.status_code == 302, start.content[:500]
        callback = consent_at_provider(start["Location"], username=username)
        parts = urlsplit(callback)
        assert parts.path == "/sso/callback/"
        return f"{parts.path}?{parts.query}"

    return sign_in
