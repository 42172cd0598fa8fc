"""Claiming an imported account from an invitation link: works once, then never again."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from trellis.accounts.services import invitation_url
from trellis.accounts.tokens import invitation_token

NEW_PASSWORD = "a much newer passphrase 42"


@pytest.fixture
def ivo(make_member):
    """A member imported from the roster, who has not chosen a password yet."""
    return make_member("Ivo Imported", email="ivo@example.org", password=None)


def claim_path(user) -> str:
    return invitation_url(user=user).removeprefix(settings.SITE_URL)


def claim_path_with(*, uid, token: str) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(uid))
    return reverse("accounts:claim", kwargs={"uidb64": uidb64, "token": token})


def claim(client, path: str, password1=NEW_PASSWORD, password2=NEW_PASSWORD):
    return client.post(path, {"password1": password1, "password2": password2})


def assert_no_longer_works(response):
    assert response.status_code == 404
    assert "This invitation link no longer works" in response.content.decode()


def assert_unclaimed(member, client):
    member.user.refresh_from_db()
    assert not member.user.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_the_invitation_link_is_an_absolute_link_to_this_site(ivo, settings):
    settings.SITE_URL = "https://trellis.example.org"

    url = invitation_url(user=ivo.user)

    assert url.startswith("https://trellis.example.org/accounts/claim/")


def test_the_invitation_link_shows_a_form_to_choose_a_password(client, ivo):
    response = client.get(claim_path(ivo.user))

    assert response.status_code == 200
    content = response.content.decode()
    assert "ivo@example.org" in content
    assert 'name="password1"' in content
    assert 'name="password2"' in content


def test_claiming_sets_the_password_signs_in_and_opens_profile_edit(client, ivo):
    response = claim(client, claim_path(ivo.user))

    assert response.status_code == 302
    assert response.url == reverse("people:profile_edit")
    ivo.user.refresh_from_db()
    assert ivo.user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(ivo.user.pk)
    assert "Welcome to Trellis" in client.get(response.url).content.decode()


def test_the_invitation_link_works_only_once(client, ivo):
    path = claim_path(ivo.user)
    claim(client, path)
    client.logout()

    assert_no_longer_works(client.get(path))
    assert_no_longer_works(claim(client, path, "another passphrase 77", "another passphrase 77"))
    ivo.user.refresh_from_db()
    assert ivo.user.check_password(NEW_PASSWORD)


def test_a_tampered_token_shows_the_no_longer_works_page(client, ivo):
    token = invitation_token.make_token(ivo.user)
    path = claim_path_with(uid=ivo.user.pk, token=token[:-1] + ("a" if token[-1] != "a" else "b"))

    assert_no_longer_works(client.get(path))
    assert_no_longer_works(claim(client, path))
    assert_unclaimed(ivo, client)


# Garbage, not base64 at all, and the id of nobody.
@pytest.mark.parametrize("uidb64", ["zzzz", "-", "MTIzNDU2Nzg5"])
def test_a_tampered_uid_shows_the_no_longer_works_page(client, ivo, uidb64):
    token = invitation_token.make_token(ivo.user)
    path = reverse("accounts:claim", kwargs={"uidb64": uidb64, "token": token})

    assert_no_longer_works(client.get(path))
    assert_no_longer_works(claim(client, path))
    assert_unclaimed(ivo, client)


def test_one_members_invitation_cannot_claim_another_members_account(client, ivo, make_member):
    other = make_member("Una Unclaimed", email="una@example.org", password=None)
    path = claim_path_with(uid=other.user.pk, token=invitation_token.make_token(ivo.user))

    assert_no_longer_works(claim(client, path))
    assert_unclaimed(other, client)
    assert_unclaimed(ivo, client)


def test_a_password_reset_token_does_not_open_the_claim_page(client, ivo):
    path = claim_path_with(uid=ivo.user.pk, token=default_token_generator.make_token(ivo.user))

    assert_no_longer_works(client.get(path))


def test_an_expired_invitation_no_longer_works(client, ivo, monkeypatch):
    path = claim_path(ivo.user)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(invitation_token, "_now", lambda: later)

    assert_no_longer_works(claim(client, path))
    assert_unclaimed(ivo, client)


def test_an_invitation_cannot_reactivate_a_deactivated_account(client, ivo):
    path = claim_path(ivo.user)
    ivo.user.is_active = False
    ivo.user.save(update_fields=["is_active"])

    assert_no_longer_works(claim(client, path))
    ivo.user.refresh_from_db()
    assert not ivo.user.is_active
    assert_unclaimed(ivo, client)


def test_passwords_that_differ_show_an_error_and_set_nothing(client, ivo):
    response = claim(client, claim_path(ivo.user), NEW_PASSWORD, NEW_PASSWORD + "!")

    assert response.status_code == 200
    assert "The two passwords are not the same." in response.content.decode()
    assert_unclaimed(ivo, client)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("83749201736", "This password is entirely numeric."),
        ("s3cr!t", "This password is too short."),
        ("ivo@example.org", "The password is too similar to the"),
    ],
)
def test_a_weak_password_shows_an_error_and_sets_nothing(client, ivo, password, message):
    response = claim(client, claim_path(ivo.user), password, password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert_unclaimed(ivo, client)


def test_an_empty_form_shows_what_is_missing_and_sets_nothing(client, ivo):
    response = claim(client, claim_path(ivo.user), "", "")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert_unclaimed(ivo, client)


def test_the_claim_page_only_answers_get_and_post(client, ivo):
    assert client.put(claim_path(ivo.user)).status_code == 405
