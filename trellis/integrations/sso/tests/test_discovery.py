"""The provider's endpoints: read from its discovery document on the first sign-in,
refused when the document belongs to another issuer, and a clear page when the provider
cannot be reached (nothing written, nobody signed in)."""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth import SESSION_KEY

from trellis.integrations.sso.config import SsoSettings
from trellis.integrations.sso.discovery import (
    ProviderUnavailable,
    endpoints_from,
    forget_endpoints,
    provider_endpoints,
)

DOCUMENT = {
    "issuer": "https://login.example.org",
    "authorization_endpoint": "https://login.example.org/authorize",
    "token_endpoint": "https://login.example.org/token",
    "userinfo_endpoint": "https://login.example.org/userinfo",
    "jwks_uri": "https://login.example.org/jwks",
}


def test_a_document_of_the_issuer_gives_its_endpoints():
    endpoints = endpoints_from(DOCUMENT, issuer="https://login.example.org")
    assert endpoints.token_endpoint == "https://login.example.org/token"
    assert endpoints.end_session_endpoint == ""


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"issuer": "https://evil.example.net"}, "names the issuer"),
        ({"jwks_uri": None}, "has no jwks_uri"),
        ({"token_endpoint": "http://login.example.org/token"}, "token_endpoint"),
    ],
)
def test_a_document_that_does_not_fit_is_refused(changes, words):
    with pytest.raises(ProviderUnavailable, match=words):
        endpoints_from(DOCUMENT | changes, issuer="https://login.example.org")


@pytest.mark.slow
def test_the_real_providers_document_is_read_once_and_kept(sso_on, oidc_provider):
    first = provider_endpoints(now=0.0)
    assert first.issuer == oidc_provider.issuer
    assert first.jwks_uri.startswith(oidc_provider.issuer)
    assert provider_endpoints(now=10.0) is first


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_gets_a_clear_page(client, settings):
    settings.SSO = SsoSettings(
        enabled=True,
        issuer=f"http://127.0.0.1:{closed_port()}/o",
        client_id="trellis",
        client_secret="s3cret",
    )
    forget_endpoints()

    response = client.post("/sso/start/")

    assert response.status_code == 502
    assert "Your identity provider did not answer" in response.content.decode()
    assert "oidc_states" not in client.session and SESSION_KEY not in client.session
