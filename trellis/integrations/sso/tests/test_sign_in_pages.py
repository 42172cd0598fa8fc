"""The sign-in pages with single sign-on off (unchanged), on (a button) and "SSO only"
(no passwords: none asked for, none accepted, no reset e-mail, no invitation password).

No provider is needed: these pages never call it (the button's POST does).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.services import invitation_url
from trellis.integrations.sso.config import SsoSettings

PASSWORD = "correct horse battery staple"
SIGN_IN, RESET = "/accounts/sign-in/", "/accounts/password/reset/"
SSO = SsoSettings(
    enabled=True,
    issuer="https://login.example.org",
    client_id="trellis",
    client_secret="s3cret",
    button_label="Sign in with Example SSO",
)


@pytest.fixture
def sso_enabled(settings) -> None:
    settings.SSO = SSO


@pytest.fixture
def sso_only(settings) -> None:
    settings.SSO = SsoSettings(**{**SSO.__dict__, "only": True})


@pytest.mark.django_db
def test_with_sso_off_the_sign_in_page_has_no_button_and_the_provider_no_say(client):
    response = client.get(SIGN_IN)
    text = response.content.decode()
    assert 'type="password"' in text
    assert "/sso/start/" not in text
    assert "login.example.org" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_with_sso_off_its_addresses_are_not_found(client):
    assert client.post("/sso/start/").status_code == 404
    assert client.get("/sso/callback/?code=x&state=y").status_code == 404


@pytest.mark.django_db
def test_with_sso_on_the_page_offers_the_button_and_the_password_form(client, sso_enabled):
    text = client.get(SIGN_IN + "?next=/people/").content.decode()
    assert "Sign in with Example SSO" in text
    assert 'action="/sso/start/?next=/people/"' in text
    assert 'type="password"' in text


@pytest.mark.django_db
def test_only_a_page_with_the_button_may_send_a_form_to_the_provider(client, sso_enabled):
    policy = client.get(SIGN_IN)["Content-Security-Policy"]
    assert "form-action 'self' https://login.example.org" in policy
    assert (
        "login.example.org"
        not in client.get("/accounts/password/reset/sent/")["Content-Security-Policy"]
    )


@pytest.mark.django_db
def test_the_button_costs_the_sign_in_page_no_query(client, settings):
    with CaptureQueriesContext(connection) as off:
        client.get(SIGN_IN)
    settings.SSO = SSO
    with CaptureQueriesContext(connection) as on:
        client.get(SIGN_IN)
    assert len(on) == len(off)


def test_with_sso_on_a_password_still_signs_in(client, sso_enabled, ana):
    client.post(SIGN_IN, {"username": "ana@example.org", "password": PASSWORD})
    assert client.session.get(SESSION_KEY) == str(ana.user_id)


@pytest.mark.django_db
def test_sso_only_shows_the_button_and_no_password_form(client, sso_only):
    text = client.get(SIGN_IN).content.decode()
    assert "Sign in with Example SSO" in text
    assert 'type="password"' not in text and "Forgot your password" not in text


def test_sso_only_refuses_a_posted_password(client, sso_only, ana):
    response = client.post(SIGN_IN, {"username": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "Passwords are not used here" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_sso_only_password_reset_says_to_use_sso_and_sends_nothing(
    client, sso_only, ana, mailoutbox
):
    page = client.get(RESET).content.decode()
    assert "sign in with your organisation's account" in page
    assert 'name="email"' not in page

    response = client.post(RESET, {"email": "ana@example.org"})

    assert response.status_code == 403
    assert mailoutbox == []


def test_sso_only_an_invitation_sets_no_password(client, sso_only, make_member):
    ivo = make_member("Ivo Imported", email="ivo@example.org", password=None)
    link = invitation_url(user=ivo.user).split("127.0.0.1:8000", 1)[-1]

    page = client.get(link)
    posted = client.post(
        link, {"password1": "a long new passphrase", "password2": "a long new passphrase"}
    )

    assert "sign in with your organisation's account" in page.content.decode()
    assert posted.status_code == 403
    ivo.user.refresh_from_db()
    assert not ivo.user.has_usable_password()
    assert SESSION_KEY not in client.session


def test_sso_only_lets_an_operator_use_the_admin_with_a_password(client, sso_only, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.email, "password": "password"})
    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(admin_user.pk)
