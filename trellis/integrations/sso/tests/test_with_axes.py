"""django-axes and single sign-on: the callback guesses no password, so a lockout from
failed passwords does not block it, and an SSO refusal is no failed password."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery staple"
SIGN_IN = "/accounts/sign-in/"


def test_an_address_locked_out_by_wrong_passwords_still_signs_in_with_sso(
    client, sso_on, through_provider, make_member, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    make_member("Ana Lima", email="ana@example.org", password=None)
    for n in range(3):
        client.post(SIGN_IN, {"username": f"someone.{n}@example.org", "password": "guess"})
    assert client.post(SIGN_IN, {"username": "x@example.org", "password": "y"}).status_code == 429

    response = client.get(through_provider(client, username="ana"))

    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_refused_sso_sign_ins_do_not_lock_anyone_out(
    client, sso_on, through_provider, ana, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        assert client.get(through_provider(client, username="stranger")).status_code == 403

    response = client.post(SIGN_IN, {"username": "ana@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(ana.user_id)
