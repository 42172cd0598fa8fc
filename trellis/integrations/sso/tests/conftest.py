"""Single sign-on switched on against the real test OpenID provider (tests/oidc_provider),
and `through_provider`: a person signing in at the provider and consenting, over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.oidc_provider import seed
from tests.oidc_provider.fixture import RunningProvider, oidc_provider  # noqa: F401
from tests.oidc_provider.person import consent_at_provider
from trellis.integrations.sso.config import SsoSettings
from trellis.integrations.sso.discovery import forget_endpoints


@pytest.fixture
def sso_on(
    settings,
    db,
    oidc_provider: RunningProvider,  # noqa: F811
) -> Iterator[Callable[..., SsoSettings]]:
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
