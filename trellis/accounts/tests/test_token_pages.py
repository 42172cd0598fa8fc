"""The API tokens page: make a token (shown once), list one's own, revoke one's own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trellis.accounts.access_tokens import token_create
from trellis.accounts.models import AccessToken
from trellis.accounts.secrets import digest_of

TOKENS = "/accounts/tokens/"


def test_a_new_token_is_shown_once_and_only_its_digest_is_kept(ana_client, ana):
    made = ana_client.post(TOKENS, {"name": "HR sync", "scope": "write", "expires_in_days": "30"})
    assert made.status_code == 201
    secret = made.context["made"].secret
    assert secret in made.content.decode()
    token = AccessToken.objects.get(user=ana.user)
    assert (token.name, token.scope, token.digest) == ("HR sync", "write", digest_of(secret))
    again = ana_client.get(TOKENS).content.decode()
    assert "HR sync" in again and token.prefix in again
    assert secret not in again


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "", "scope": "read", "expires_in_days": "90"}, "This field is required"),
        ({"name": "x", "scope": "root", "expires_in_days": "90"}, "Select a valid choice"),
        ({"name": "x", "scope": "read", "expires_in_days": "1000"}, "Select a valid choice"),
        ({"name": "a\u202eb", "scope": "read", "expires_in_days": "90"}, "cannot contain"),
    ],
)
def test_a_refused_token_says_why_and_writes_nothing(ana_client, form, message):
    page = ana_client.post(TOKENS, form)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert AccessToken.objects.count() == 0


def test_past_twenty_live_tokens_the_page_asks_to_revoke_one(ana_client, ana):
    for n in range(20):
        token_create(user=ana.user, name=f"t{n}", scope="read")
    page = ana_client.post(TOKENS, {"name": "one more", "scope": "read", "expires_in_days": "7"})
    assert "revoke one you no longer need" in page.content.decode()
    assert AccessToken.objects.count() == 20


def test_the_list_holds_only_ones_own_tokens(ana_client, ana, ben):
    token_create(user=ana.user, name="Ana bot", scope="read")
    token_create(user=ben.user, name="Ben bot", scope="read")
    page = ana_client.get(TOKENS).content.decode()
    assert "Ana bot" in page and "Ben bot" not in page


def test_revoking_ones_own_token_stops_it(ana_client, ana, client):
    made = token_create(user=ana.user, name="old", scope="read")
    answer = ana_client.post(reverse("accounts:token_revoke", args=[made.token.pk]))
    assert answer.status_code == 302
    made.token.refresh_from_db()
    assert made.token.revoked_at is not None
    assert "revoked" in ana_client.get(TOKENS).content.decode()


def test_another_members_token_cannot_be_revoked(ana_client, ben):
    bens = token_create(user=ben.user, name="Ben's", scope="read")
    answer = ana_client.post(reverse("accounts:token_revoke", args=[bens.token.pk]))
    assert answer.status_code == 404
    bens.token.refresh_from_db()
    assert bens.token.revoked_at is None
