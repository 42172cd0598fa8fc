"""What Trellis reads of a provider's claims: the address, whether it is verified, the name."""

from __future__ import annotations

import pytest

from trellis.integrations.sso.services import ProviderClaims

TOKEN = {"sub": "abc", "email": "Ana@Example.org", "name": "Ana  Alves"}


def test_the_address_is_verified_only_when_the_provider_says_so():
    said = ProviderClaims.from_provider(id_token=TOKEN | {"email_verified": True}, userinfo={})
    silent = ProviderClaims.from_provider(id_token=TOKEN, userinfo={})

    assert said.email_verified and said.email == "ana@example.org" and said.name == "Ana Alves"
    assert not silent.email_verified


@pytest.mark.parametrize("value", ["true", "True", True])
def test_a_string_true_counts_as_verified(value):
    claims = ProviderClaims.from_provider(id_token=TOKEN | {"email_verified": value}, userinfo={})
    assert claims.email_verified


@pytest.mark.parametrize("value", [False, "false", 1, "yes", None])
def test_anything_but_true_leaves_the_address_unverified(value):
    claims = ProviderClaims.from_provider(id_token=TOKEN | {"email_verified": value}, userinfo={})
    assert not claims.email_verified


def test_entra_ids_domain_verified_claim_counts_when_it_is_the_one_configured():
    entra = TOKEN | {"xms_edov": True}

    by_default = ProviderClaims.from_provider(id_token=entra, userinfo={})
    configured = ProviderClaims.from_provider(
        id_token=entra, userinfo={}, verified_claim="xms_edov"
    )

    assert not by_default.email_verified
    assert configured.email_verified


def test_userinfo_answers_before_the_id_token():
    claims = ProviderClaims.from_provider(
        id_token=TOKEN | {"email_verified": True},
        userinfo={"email_verified": False, "email": "ana@new.example.org"},
    )
    assert not claims.email_verified and claims.email == "ana@new.example.org"
