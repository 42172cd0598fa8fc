"""People the provider vouches for and Trellis does not let in: a page in the site's
layout saying why and whom to ask, nothing written but the audit event, no session."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY

from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.integrations.sso.models import SsoIdentity
from trellis.people.models import Member

pytestmark = pytest.mark.slow


def refused(client, path: str) -> str:
    """Open the callback; assert it refused and wrote nothing; the page's text."""
    users_before = User.objects.count()
    response = client.get(path)
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    assert User.objects.count() == users_before
    assert not SsoIdentity.objects.exists()
    text = response.content.decode()
    assert "Sign out" not in text and "<nav" in text.lower()  # the site's layout, signed out
    return text


def refusal_recorded(reason: str, target: str) -> bool:
    return AuditEvent.objects.filter(
        action="sign_in.failed", target=target, details__reason=reason
    ).exists()


def test_an_address_nobody_added_is_told_to_ask_an_organiser(client, sso_on, through_provider):
    text = refused(client, through_provider(client, username="stranger"))
    assert "Your organisation has not added you to Trellis yet" in text
    assert "Ask a Trellis organiser" in text and "stranger@example.org" in text
    assert refusal_recorded("not_added", "stranger@example.org")


def test_the_refusal_names_whom_to_ask_when_configured(client, sso_on, through_provider):
    sso_on(help_contact="the People team, people@example.org")
    text = refused(client, through_provider(client, username="stranger"))
    assert "Ask <strong>the People team, people@example.org</strong> to add" in text


def test_an_unverified_address_is_refused_even_for_a_member(
    client, sso_on, through_provider, make_member
):
    make_member("Uma", email="unverified@example.org", password=None)
    text = refused(client, through_provider(client, username="unverified"))
    assert "Your e-mail address is not verified" in text
    assert refusal_recorded("unverified", "unverified@example.org")


def test_an_address_outside_the_allowed_domains_is_refused(
    client, sso_on, through_provider, make_member
):
    sso_on(allowed_domains=("example.org",), self_sign_up=True)
    make_member("Olu", email="outsider@elsewhere.test", password=None)
    text = refused(client, through_provider(client, username="outsider"))
    assert "This address cannot sign in here" in text and "example.org" in text
    assert refusal_recorded("domain", "outsider@elsewhere.test")


def test_a_member_who_left_is_refused(client, sso_on, through_provider, make_member):
    make_member("Lee", email="leaver@example.org", password=None, status=Member.Status.LEFT)
    text = refused(client, through_provider(client, username="leaver"))
    assert "Your membership has ended" in text
    assert refusal_recorded("left", "leaver@example.org")


def test_a_member_who_left_after_linking_is_refused_too(
    client, sso_on, through_provider, make_member
):
    lee = make_member("Lee", email="leaver@example.org", password=None)
    client.get(through_provider(client, username="leaver"))
    client.logout()
    Member.objects.filter(pk=lee.pk).update(status=Member.Status.LEFT)

    response = client.get(through_provider(client, username="leaver"))

    assert response.status_code == 403 and SESSION_KEY not in client.session
    assert "Your membership has ended" in response.content.decode()


def test_a_deactivated_login_is_refused(client, sso_on, through_provider, make_member):
    ana = make_member("Ana", email="ana@example.org", password=None)
    User.objects.filter(pk=ana.user_id).update(is_active=False)
    text = refused(client, through_provider(client, username="ana"))
    assert "This account has been deactivated" in text


def test_without_self_sign_up_nobody_new_is_created(client, sso_on, through_provider):
    refused(client, through_provider(client, username="newcomer"))
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_another_provider_account_with_a_linked_members_address_cannot_take_it_over(
    client, sso_on, through_provider, make_member, oidc_provider
):
    ana = make_member("Ana", email="ana@example.org", password=None)
    client.get(through_provider(client, username="ana"))  # Ana's own account links hers
    client.logout()
    oidc_provider.set_email("stranger", "ana@example.org")
    try:
        response = client.get(through_provider(client, username="stranger"))
    finally:
        oidc_provider.set_email("stranger", "stranger@example.org")

    assert response.status_code == 403
    assert "linked to someone else at your identity provider" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert list(SsoIdentity.objects.values_list("user_id", flat=True)) == [ana.user_id]
    assert refusal_recorded("linked_elsewhere", "ana@example.org")


def test_each_provider_account_reaches_only_its_own_member(
    client, sso_on, through_provider, make_member
):
    ana = make_member("Ana", email="ana@example.org", password=None)
    lee = make_member("Lee", email="leaver@example.org", password=None)
    client.get(through_provider(client, username="ana"))
    assert client.session[SESSION_KEY] == str(ana.user_id)
    client.logout()
    client.get(through_provider(client, username="leaver"))
    assert client.session[SESSION_KEY] == str(lee.user_id)
