"""The organiser's page for provisioning tokens: organisers only, shown once, a digest kept,
audit-logged, revocable; not found while SCIM is off."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from trellis.audit.models import AuditEvent
from trellis.integrations.scim.models import ScimToken

pytestmark = pytest.mark.django_db

PAGE = "/organise/scim/"


def test_an_organiser_makes_a_token_shown_once_and_only_its_digest_is_kept(
    organiser_client, scim_on
):
    made = organiser_client.post(PAGE, {"name": "Entra ID"})

    assert made.status_code == 201
    secret = made.context["made"].secret
    assert secret.startswith("scim_") and secret in made.content.decode()
    token = ScimToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ScimToken.objects.values().get())
    assert secret not in organiser_client.get(PAGE).content.decode()
    event = AuditEvent.objects.get(action="scim_token.created")
    assert event.details == {"name": "Entra ID"}
    assert secret not in str(event.details)


def test_a_token_with_no_name_is_refused_and_none_is_made(organiser_client, scim_on):
    refused = organiser_client.post(PAGE, {"name": "   "})

    assert refused.status_code == 200
    assert refused.context["form"].errors["name"]
    assert not ScimToken.objects.exists()
    assert not AuditEvent.objects.filter(action="scim_token.created").exists()


def test_a_name_with_a_control_character_is_refused_naming_it(organiser_client, scim_on):
    refused = organiser_client.post(PAGE, {"name": "Entra\x07ID"})

    assert refused.status_code == 200
    assert "cannot contain" in refused.content.decode()
    assert not ScimToken.objects.exists()


def test_an_organiser_revokes_a_token(organiser_client, scim_on):
    organiser_client.post(PAGE, {"name": "Okta"})
    token = ScimToken.objects.get()

    answer = organiser_client.post(reverse("scim:token_revoke", args=[token.pk]))

    assert answer.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="scim_token.revoked").count() == 1


def test_a_member_can_neither_see_the_page_nor_make_or_revoke_a_token(
    client, ana, organiser_client, scim_on
):
    organiser_client.post(PAGE, {"name": "Okta"})
    token = ScimToken.objects.get()
    client.force_login(ana.user)

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"name": "Mine"}).status_code == 404
    assert client.post(reverse("scim:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and ScimToken.objects.count() == 1


def test_while_scim_is_off_the_page_is_not_found_even_to_an_organiser(organiser_client):
    assert organiser_client.get(PAGE).status_code == 404
    assert organiser_client.post(PAGE, {"name": "Okta"}).status_code == 404
    assert not ScimToken.objects.exists()


def test_the_page_costs_the_same_queries_with_one_token_or_ten(
    organiser_client, scim_on, django_assert_num_queries, organiser
):
    from trellis.integrations.scim.tokens import scim_token_create

    scim_token_create(name="First", by=organiser.user)
    with django_assert_num_queries(5) as one:
        organiser_client.get(PAGE)
    for number in range(9):
        scim_token_create(name=f"Token {number}", by=organiser.user)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(organiser_client.get(PAGE).context["tokens"]) == 10


def test_organisers_find_the_token_page_in_their_navigation_while_scim_is_on(
    organiser_client, client, ana, scim_on
):
    assert PAGE in organiser_client.get(reverse("home:home")).content.decode()
    client.force_login(ana.user)
    assert PAGE not in client.get(reverse("home:home")).content.decode()


def test_no_link_to_the_token_page_shows_while_scim_is_off(organiser_client, settings):
    settings.SCIM_ENABLED = False

    assert PAGE not in organiser_client.get(reverse("home:home")).content.decode()
