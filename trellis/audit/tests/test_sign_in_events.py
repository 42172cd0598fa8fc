"""Signing in, failing to and signing out are recorded with the address they came from;
a failure keeps the address as typed and never the password."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:login")
PASSWORD = "correct horse battery staple"


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_a_sign_in_is_recorded_with_who_and_from_where(client, ana):
    client.post(
        SIGN_IN, {"username": "ana@example.org", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )

    [event] = events("sign_in.succeeded")
    assert (event.actor, event.actor_label, event.ip_address) == (
        ana.user,
        "ana@example.org",
        "198.51.100.4",
    )
    assert event.target == f"login {ana.user.pk}"


def test_a_failed_sign_in_keeps_the_address_as_typed_and_not_the_password(client, ana):
    client.post(
        SIGN_IN,
        {"username": "Ana@Example.org", "password": "Wrong-Secret-991"},
        REMOTE_ADDR="198.51.100.5",
    )

    [event] = events("sign_in.failed")
    assert (event.actor, event.target, event.ip_address) == (
        None,
        "Ana@Example.org",
        "198.51.100.5",
    )
    stored = json.dumps([event.target, event.actor_label, event.details])
    assert "Wrong-Secret-991" not in stored


def test_a_failure_for_an_address_nobody_has_is_recorded_too(client):
    client.post(SIGN_IN, {"username": "nobody@example.org", "password": "whatever-it-is"})

    [event] = events("sign_in.failed")
    assert event.target == "nobody@example.org"


def test_signing_out_is_recorded(client, ana):
    client.force_login(ana.user)

    client.post(reverse("accounts:logout"))

    [event] = events("sign_out.succeeded")
    assert event.actor == ana.user


def test_saving_last_login_on_sign_in_costs_no_role_lookup(client, ana, django_assert_num_queries):
    from django.contrib.auth.models import update_last_login

    with django_assert_num_queries(1):  # the UPDATE alone: roles cannot change here
        update_last_login(None, ana.user)
