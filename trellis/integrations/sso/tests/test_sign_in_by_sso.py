"""Signing in through the real test OpenID provider: linked by verified e-mail the
first time, by the provider's subject afterwards, and audited like a password sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.integrations.sso.models import SsoIdentity
from trellis.people.models import Member

pytestmark = pytest.mark.slow


def signed_in_as(client) -> str | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id).email if user_id else None


def test_a_first_sign_in_links_the_imported_member_by_verified_email(
    client, sso_on, through_provider, make_member, oidc_provider
):
    ana = make_member("Ana Lima", email="ana@example.org", password=None)

    response = client.get(through_provider(client, username="ana"))

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_as(client) == "ana@example.org"
    identity = SsoIdentity.objects.get()
    assert (identity.user_id, identity.issuer) == (ana.user_id, oidc_provider.issuer)
    assert AuditEvent.objects.filter(action="sign_in.succeeded", actor=ana.user).count() == 1


def test_the_address_is_compared_without_case(
    client, sso_on, through_provider, make_member, oidc_provider
):
    make_member("Ana Lima", email="ana@example.org", password=None)
    oidc_provider.set_email("ana", "Ana@Example.ORG")
    try:
        client.get(through_provider(client, username="ana"))
    finally:
        oidc_provider.set_email("ana", "ana@example.org")
    assert signed_in_as(client) == "ana@example.org"


def test_a_later_sign_in_finds_the_login_by_subject_after_an_email_change(
    client, sso_on, through_provider, make_member, oidc_provider, django_user_model
):
    make_member("Ana Lima", email="ana@example.org", password=None)
    client.get(through_provider(client, username="ana"))
    client.logout()
    oidc_provider.set_email("ana", "ana.lima@example.org")
    try:
        client.get(through_provider(client, username="ana"))
    finally:
        oidc_provider.set_email("ana", "ana@example.org")

    assert signed_in_as(client) == "ana@example.org"
    assert django_user_model.objects.count() == 1
    assert SsoIdentity.objects.count() == 1


def test_it_goes_back_to_the_page_asked_for(client, sso_on, through_provider, make_member):
    make_member("Ana Lima", email="ana@example.org", password=None)
    response = client.get(through_provider(client, username="ana", next_url="/people/"))
    assert response["Location"] == "/people/"


def test_self_sign_up_creates_the_member_when_switched_on(
    client, sso_on, through_provider, django_user_model
):
    sso_on(self_sign_up=True)
    client.get(through_provider(client, username="newcomer"))

    assert signed_in_as(client) == "newcomer@example.org"
    member = Member.objects.get(user__email="newcomer@example.org")
    assert member.display_name == "Nia Newcomer"
    assert not member.user.has_usable_password()
    assert SsoIdentity.objects.filter(user=member.user).exists()


def test_signing_out_ends_the_trellis_session(client, sso_on, through_provider, make_member):
    make_member("Ana Lima", email="ana@example.org", password=None)
    client.get(through_provider(client, username="ana"))
    client.post("/accounts/sign-out/")
    assert signed_in_as(client) is None
    assert client.get("/people/").status_code == 302


def test_it_never_goes_back_to_another_site(client, sso_on, through_provider, make_member):
    make_member("Ana Lima", email="ana@example.org", password=None)
    response = client.get(
        through_provider(client, username="ana", next_url="https://evil.example.net/")
    )
    assert response["Location"] == "/"


def callback_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 302
    return len(captured)


def test_a_sign_in_costs_the_same_queries_whatever_the_number_of_members(
    client, sso_on, through_provider, make_member
):
    make_member("Ana Lima", email="ana@example.org", password=None)
    client.get(through_provider(client, username="ana"))  # linked once
    client.logout()
    few = callback_queries(client, through_provider(client, username="ana"))
    client.logout()
    for n in range(40):
        make_member(f"Someone {n}", password=None)

    many = callback_queries(client, through_provider(client, username="ana"))

    assert many == few
