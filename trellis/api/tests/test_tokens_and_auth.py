"""Personal access tokens and how the API knows who is calling.

Tokens are made, listed and revoked by their owner only, stored as a digest, limited by
scope and rate; the session works too, with CSRF on writes; every failure has the one
error body.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.accounts.access_tokens import token_create
from trellis.accounts.models import AccessToken
from trellis.accounts.secrets import digest_of

NOT_FOUND_BODY = {"detail": "Not found.", "errors": []}


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def ana_token(ana):
    return token_create(user=ana.user, name="Ana's script", scope="write").secret


@pytest.fixture
def ana_read_token(ana):
    return token_create(user=ana.user, name="Ana's reader", scope="read").secret


def test_a_token_made_through_the_api_is_shown_once_and_stored_only_as_a_digest(client, ana_token):
    made = client.post(
        "/api/v1/tokens",
        {"name": "HR sync", "scope": "read", "expires_in_days": 30},
        content_type="application/json",
        **bearer(ana_token),
    )
    assert made.status_code == 201
    secret = made.json()["token"]
    assert secret.startswith("trl_") and len(secret) > 40
    stored = AccessToken.objects.get(pk=made.json()["id"])
    assert stored.digest == digest_of(secret)
    assert secret not in {stored.name, stored.prefix, stored.digest}
    listed = client.get("/api/v1/tokens", **bearer(ana_token)).json()["results"]
    assert {token["name"] for token in listed} == {"HR sync", "Ana's script"}
    assert all("token" not in token for token in listed)
    assert stored.expires_at - stored.created_at == timedelta(days=30)


def test_the_new_token_works_at_once(client, ana_token):
    secret = client.post(
        "/api/v1/tokens", {"name": "new"}, content_type="application/json", **bearer(ana_token)
    ).json()["token"]
    assert client.get("/api/v1/tokens", **bearer(secret)).status_code == 200


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"name": "   "}, "name", "Give the token a name"),
        ({"name": "x", "scope": "admin"}, "scope", "'read' or 'write'"),
        ({"name": "x", "expires_in_days": 1000}, "expires_in_days", "7, 30, 90, 365 days"),
        ({"name": "tab\there"}, "name", "cannot contain a tab"),
        ({"name": "x" * 101}, "name", "100 characters"),
    ],
)
def test_a_refused_token_says_which_field_and_writes_nothing(
    client, ana_token, payload, field, message
):
    answer = client.post(
        "/api/v1/tokens", payload, content_type="application/json", **bearer(ana_token)
    )
    assert answer.status_code == 422
    body = answer.json()
    assert [error["field"] for error in body["errors"]] == [field]
    assert message in body["errors"][0]["message"]
    assert message in body["detail"]
    assert AccessToken.objects.count() == 1


def test_a_body_that_is_not_json_is_a_400_with_the_error_body(client, ana_token):
    answer = client.post(
        "/api/v1/tokens", "{not json", content_type="application/json", **bearer(ana_token)
    )
    assert answer.status_code == 400
    assert set(answer.json()) == {"detail", "errors"}
    assert AccessToken.objects.count() == 1


def test_a_read_token_may_read_but_not_write(client, ana_read_token):
    assert client.get("/api/v1/tokens", **bearer(ana_read_token)).status_code == 200
    answer = client.post(
        "/api/v1/tokens",
        {"name": "more"},
        content_type="application/json",
        **bearer(ana_read_token),
    )
    assert answer.status_code == 403
    assert "only read" in answer.json()["detail"]
    assert AccessToken.objects.count() == 1


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token.__class__.objects.filter(pk=token.pk).update(revoked_at=timezone.now()),
        lambda token: token.__class__.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        ),
        lambda token: token.user.__class__.objects.filter(pk=token.user_id).update(is_active=False),
    ],
    ids=["revoked", "expired", "login deactivated"],
)
def test_a_spoiled_token_is_refused_with_401(client, ana, ana_token, spoil):
    spoil(AccessToken.objects.get(user=ana.user))
    answer = client.get("/api/v1/tokens", **bearer(ana_token))
    assert answer.status_code == 401
    assert answer.json()["errors"] == []
    assert "Bearer" in answer.json()["detail"]


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer trl_guessed", "Basic YW5hOnB3"])
def test_no_token_or_a_wrong_one_is_401(client, ana_token, header):
    answer = client.get("/api/v1/tokens", HTTP_AUTHORIZATION=header)
    assert answer.status_code == 401


def test_another_members_token_is_not_found_and_stays_usable(client, ana, ben, ana_token):
    bens = token_create(user=ben.user, name="Ben's", scope="write")
    for answer in (
        client.get(f"/api/v1/tokens/{bens.token.pk}", **bearer(ana_token)),
        client.delete(f"/api/v1/tokens/{bens.token.pk}", **bearer(ana_token)),
    ):
        assert answer.status_code == 404
        assert answer.json() == NOT_FOUND_BODY
    assert client.get("/api/v1/tokens", **bearer(bens.secret)).status_code == 200
    names = [
        token["name"]
        for token in client.get("/api/v1/tokens", **bearer(ana_token)).json()["results"]
    ]
    assert names == ["Ana's script"]


def test_revoking_ones_own_token_stops_it_at_once(client, ana, ana_token):
    other = token_create(user=ana.user, name="old laptop", scope="read")
    answer = client.delete(f"/api/v1/tokens/{other.token.pk}", **bearer(ana_token))
    assert answer.status_code == 200
    assert answer.json()["revoked_at"] is not None
    assert client.get("/api/v1/tokens", **bearer(other.secret)).status_code == 401


def test_an_organisers_token_cannot_reach_a_members_token_either(client, ana, organiser):
    anas = token_create(user=ana.user, name="Ana's", scope="read")
    olgas = token_create(user=organiser.user, name="Olga's", scope="write").secret
    answer = client.delete(f"/api/v1/tokens/{anas.token.pk}", **bearer(olgas))
    assert answer.json() == NOT_FOUND_BODY
    assert AccessToken.objects.get(pk=anas.token.pk).revoked_at is None


def test_past_the_rate_limit_a_token_gets_429_with_retry_after(client, settings, ana, ana_token):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    answers = [client.get("/api/v1/tokens", **bearer(ana_token)) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert set(refused.json()) == {"detail", "errors"}
    # A minute later the window opens again.
    AccessToken.objects.filter(user=ana.user).update(
        window_started_at=timezone.now() - timedelta(seconds=61)
    )
    assert client.get("/api/v1/tokens", **bearer(ana_token)).status_code == 200


def test_each_token_has_its_own_rate_limit(client, settings, ana, ben, ana_token):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    bens = token_create(user=ben.user, name="Ben's", scope="read").secret
    assert client.get("/api/v1/tokens", **bearer(ana_token)).status_code == 200
    assert client.get("/api/v1/tokens", **bearer(ana_token)).status_code == 429
    assert client.get("/api/v1/tokens", **bearer(bens)).status_code == 200


def test_the_signed_in_session_reads_and_writes_with_its_csrf_token(ana):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ana.user)
    assert browser.get("/api/v1/tokens").status_code == 200
    refused = browser.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert AccessToken.objects.count() == 0
    browser.get("/accounts/tokens/")  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    made = browser.post(
        "/api/v1/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert made.status_code == 201
    assert AccessToken.objects.count() == 1


def test_an_address_under_api_that_does_not_exist_answers_the_api_404_body(client):
    answer = client.get("/api/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.json() == NOT_FOUND_BODY
    assert client.get("/api/v2/tokens").json() == NOT_FOUND_BODY


def test_the_schema_declares_every_error_answer_for_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Trellis API"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"400", "401", "403", "422", "429"} <= declared, f"{method} {path}"
            if "{" in path:
                assert "404" in declared, f"{method} {path}"


def test_the_docs_page_is_served_by_the_app_itself(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_a_token_that_does_not_work_is_refused_even_with_a_signed_in_session(ana_client, ana):
    made = token_create(user=ana.user, name="old", scope="read")
    AccessToken.objects.filter(pk=made.token.pk).update(revoked_at=timezone.now())
    assert ana_client.get("/api/v1/tokens").status_code == 200
    assert ana_client.get("/api/v1/tokens", **bearer(made.secret)).status_code == 401
