"""What must never sign anyone in: a replayed or foreign state, and ID tokens for
another client, expired, tampered with, from another issuer or with a weak algorithm.

The replay goes through the real provider over HTTP. The token checks run the backend's
verification on tokens signed with the provider's own key, against the provider's real
JWKS; the token for another client is a real one the provider issued to "another-app".
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from tests.oidc_provider import seed
from tests.oidc_provider.person import consent_at_provider
from trellis.audit.models import AuditEvent
from trellis.integrations.sso.backends import SsoBackend, TokenRefused
from trellis.integrations.sso.discovery import provider_endpoints
from trellis.integrations.sso.models import SsoIdentity

pytestmark = pytest.mark.slow
NONCE = "the-nonce-of-this-sign-in"


def test_a_replayed_callback_signs_nobody_in(client, sso_on, through_provider, make_member):
    make_member("Ana Lima", email="ana@example.org", password=None)
    callback = through_provider(client, username="ana")
    assert client.get(callback).status_code == 302  # the real sign-in, once

    stranger = Client()
    replayed = stranger.get(callback)

    assert replayed.status_code == 400
    assert "The sign-in could not be completed" in replayed.content.decode()
    assert SESSION_KEY not in stranger.session
    assert AuditEvent.objects.filter(action="sign_in.failed", details__method="sso").exists()


def test_the_same_state_twice_in_one_browser_is_refused(
    client, sso_on, through_provider, make_member
):
    make_member("Ana Lima", email="ana@example.org", password=None)
    callback = through_provider(client, username="ana")
    client.get(callback)
    client.logout()

    again = client.get(callback)

    assert again.status_code == 400
    assert SESSION_KEY not in client.session


def test_a_callback_with_a_state_this_browser_never_started_is_refused(
    client, sso_on, through_provider, make_member
):
    make_member("Ana Lima", email="ana@example.org", password=None)
    through_provider(client, username="ana")  # this browser started one sign-in
    response = client.get("/sso/callback/?code=made-up&state=not-ours")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session
    assert not SsoIdentity.objects.exists()


# --- ID tokens, checked by the backend against the provider's real JWKS ---


@pytest.fixture
def backend(sso_on) -> SsoBackend:
    backend = SsoBackend()
    backend.use_provider(provider_endpoints())
    return backend


@pytest.fixture
def provider_kid(oidc_provider) -> str:
    jwks = requests.get(f"{oidc_provider.issuer}/.well-known/jwks.json", timeout=10).json()
    return jwks["keys"][0]["kid"]


@pytest.fixture
def id_token(oidc_provider, provider_kid):
    def make(*, key=None, algorithm="RS256", drop=(), **changes) -> str:
        now = int(time.time())
        claims = {
            "iss": oidc_provider.issuer,
            "aud": seed.CLIENT_ID,
            "sub": "1",
            "iat": now,
            "exp": now + 300,
            "nonce": NONCE,
        } | changes
        for name in drop:
            claims.pop(name)
        return jwt.encode(
            claims,
            key if key is not None else oidc_provider.private_key,
            algorithm=algorithm,
            headers={"kid": provider_kid},
        )

    return make


def test_a_good_token_is_accepted(backend, id_token):
    assert backend.verify_token(id_token(), nonce=NONCE)["sub"] == "1"


def test_a_token_for_another_client_is_refused(backend, id_token):
    with pytest.raises(TokenRefused, match=r"(?i)audience"):
        backend.verify_token(id_token(aud="another-app"), nonce=NONCE)


def test_a_token_for_several_audiences_not_authorised_for_trellis_is_refused(backend, id_token):
    token = id_token(aud=[seed.CLIENT_ID, "another-app"], azp="another-app")
    with pytest.raises(TokenRefused, match="several audiences"):
        backend.verify_token(token, nonce=NONCE)


def test_an_expired_token_is_refused(backend, id_token):
    with pytest.raises(TokenRefused, match="expired"):
        backend.verify_token(id_token(exp=int(time.time()) - 600), nonce=NONCE)


def test_a_token_without_an_expiry_is_refused(backend, id_token):
    with pytest.raises(TokenRefused, match="exp"):
        backend.verify_token(id_token(drop=["exp"]), nonce=NONCE)


def test_a_token_from_another_issuer_is_refused(backend, id_token):
    with pytest.raises(TokenRefused, match="issuer"):
        backend.verify_token(id_token(iss="https://login.example.net"), nonce=NONCE)


def test_a_tampered_token_is_refused(backend, id_token):
    header, _payload, signature = id_token().split(".")
    forged = {"iss": "x", "aud": seed.CLIENT_ID, "sub": "2", "exp": 9999999999, "iat": 1}
    payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=")
    with pytest.raises(TokenRefused, match=r"(?i)signature"):
        backend.verify_token(f"{header}.{payload.decode()}.{signature}", nonce=NONCE)


def test_a_token_signed_with_another_key_is_refused(backend, id_token):
    impostor = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(TokenRefused, match=r"(?i)signature"):
        backend.verify_token(id_token(key=impostor), nonce=NONCE)


def test_a_token_signed_with_the_client_secret_is_refused(backend, id_token):
    token = id_token(key=seed.CLIENT_SECRET, algorithm="HS256")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(token, nonce=NONCE)


def test_a_token_with_another_nonce_is_refused(backend, id_token):
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend.verify_token(id_token(nonce="another"), nonce=NONCE)


def test_a_real_token_the_provider_issued_to_another_app_is_refused(backend, sso_on):
    endpoints = provider_endpoints()
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    query = {
        "response_type": "code",
        "client_id": seed.OTHER_CLIENT_ID,
        "redirect_uri": "http://testserver/sso/callback/",
        "scope": "openid email",
        "state": "s",
        "nonce": NONCE,
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    }
    callback = consent_at_provider(
        f"{endpoints.authorization_endpoint}?{urlencode(query)}", username="ana"
    )
    code = parse_qs(urlsplit(callback).query)["code"][0]
    tokens = requests.post(
        endpoints.token_endpoint,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/sso/callback/",
            "client_id": seed.OTHER_CLIENT_ID,
            "client_secret": seed.OTHER_CLIENT_SECRET,
            "code_verifier": verifier,
        },
        timeout=10,
    ).json()

    with pytest.raises(TokenRefused, match=r"(?i)audience"):
        backend.verify_token(tokens["id_token"], nonce=NONCE)


def test_the_request_to_the_provider_carries_state_nonce_and_a_pkce_challenge(client, sso_on):
    start = client.post("/sso/start/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] in client.session["oidc_states"]
    assert query["nonce"][0] == client.session["oidc_states"][query["state"][0]]["nonce"]


def test_the_start_is_a_post_so_a_get_writes_no_state(client, sso_on):
    assert client.get("/sso/start/").status_code == 405
    assert "oidc_states" not in client.session
