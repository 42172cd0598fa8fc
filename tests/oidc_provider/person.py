"""A person at the test provider, over HTTP: signs in there and consents, as a browser
would, and hands back the redirect to the client's callback."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

import requests

from tests.oidc_provider import seed

HIDDEN_INPUT = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")
ATTRIBUTE = re.compile(r"(name|value)=\"([^\"]*)\"")
TIMEOUT_S = 10


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
        form = hidden_fields(page.text) | {"username": username, "password": seed.PASSWORD}
        consent = provider.post(page.url, data=form, timeout=TIMEOUT_S)  # → the consent page
        consent.raise_for_status()
        answer = hidden_fields(consent.text) | {"allow": "Authorize"}
        back = provider.post(consent.url, data=answer, allow_redirects=False, timeout=TIMEOUT_S)
        if back.status_code != 302:
            raise AssertionError(f"the provider did not redirect back: {back.text[:500]}")
        return urljoin(consent.url, back.headers["Location"])
