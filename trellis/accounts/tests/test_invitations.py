"""Sending invitations: only to people who have not claimed an account, with a working link."""

import re

import pytest
from django.conf import settings

from trellis.accounts.models import User
from trellis.accounts.services import invitation_url, invitations_send


@pytest.fixture
def ivo(make_member):
    return make_member("Ivo Imported", email="ivo@example.org", password=None)


@pytest.fixture
def una(make_member):
    return make_member("Una Unclaimed", email="una@example.org", password=None)


def test_it_emails_only_members_who_have_not_claimed_an_account(ivo, una, ana, mailoutbox):
    sent = invitations_send(users=[ivo.user, ana.user, una.user])

    assert sent == 2
    assert sorted(address for m in mailoutbox for address in m.to) == [
        "ivo@example.org",
        "una@example.org",
    ]


def test_it_sends_nothing_and_returns_zero_when_everyone_has_claimed(ana, ben, mailoutbox):
    assert invitations_send(users=[ana.user, ben.user]) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_it_sends_nothing_and_returns_zero_for_nobody(mailoutbox):
    assert invitations_send(users=[]) == 0
    assert mailoutbox == []


def test_the_invitation_greets_the_member_and_contains_their_link(ivo, mailoutbox):
    invitations_send(users=[ivo.user])

    (message,) = mailoutbox
    assert message.subject == "You're invited to Trellis"
    assert message.to == ["ivo@example.org"]
    assert "Hello Ivo Imported," in message.body
    assert invitation_url(user=ivo.user) in message.body


def test_the_link_in_the_invitation_opens_the_claim_page(client, ivo, mailoutbox):
    invitations_send(users=[ivo.user])

    match = re.search(re.escape(settings.SITE_URL) + r"(/accounts/claim/\S+/)", mailoutbox[0].body)
    response = client.get(match.group(1))

    assert response.status_code == 200
    assert "ivo@example.org" in response.content.decode()


def test_a_login_without_a_profile_is_greeted_by_its_email_address(db, mailoutbox):
    operator = User.objects.create_user("operator@example.org")

    invitations_send(users=[operator])

    assert "Hello operator@example.org," in mailoutbox[0].body


def test_each_invitation_carries_its_own_link(ivo, una, mailoutbox):
    invitations_send(users=[ivo.user, una.user])

    body_for = {m.to[0]: m.body for m in mailoutbox}
    assert invitation_url(user=ivo.user) in body_for["ivo@example.org"]
    assert invitation_url(user=una.user) in body_for["una@example.org"]
    assert invitation_url(user=una.user) not in body_for["ivo@example.org"]


def test_it_sends_no_invitation_to_a_deactivated_account(ivo, mailoutbox):
    ivo.user.is_active = False
    ivo.user.save(update_fields=["is_active"])

    assert invitations_send(users=[ivo.user]) == 0
    assert mailoutbox == []
