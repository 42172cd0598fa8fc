"""Resetting a lost password by e-mail; imported members set a first one this way too."""

import re

import pytest
from django.urls import reverse

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a much newer passphrase 42"
RESET = reverse("accounts:password_reset")
LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def ask_for_reset(client, email: str):
    return client.post(RESET, {"email": email})


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def set_password_through(client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_path = form_page.redirect_chain[-1][0]
    return client.post(set_password_path, {"new_password1": password, "new_password2": password})


@pytest.mark.django_db
def test_the_reset_page_asks_for_an_email_address(client):
    response = client.get(RESET)

    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_it_emails_a_reset_link_to_the_member(client, ana, mailoutbox):
    response = ask_for_reset(client, "ana@example.org")

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ana@example.org"]
    assert mailoutbox[0].subject == "Reset your Trellis password"
    assert link_in(mailoutbox[0])


def test_the_link_sets_the_new_password(client, ana, mailoutbox):
    ask_for_reset(client, "ana@example.org")

    response = set_password_through(client, link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    ana.user.refresh_from_db()
    assert ana.user.check_password(NEW_PASSWORD)
    assert not ana.user.check_password(PASSWORD)


def test_the_reset_link_starts_with_the_site_url(client, ana, mailoutbox, settings):
    settings.SITE_URL = "https://trellis.example.org"

    ask_for_reset(client, "ana@example.org")

    assert "https://trellis.example.org/accounts/password/reset/" in mailoutbox[0].body


def test_it_finds_the_member_whatever_the_case_of_the_address(client, ana, mailoutbox):
    ask_for_reset(client, "  ANA@Example.org ")

    assert [m.to for m in mailoutbox] == [["ana@example.org"]]


def test_an_unknown_address_sends_nothing_but_shows_the_same_page(client, ana, mailoutbox):
    known = ask_for_reset(client, "ana@example.org")
    mailoutbox.clear()

    unknown = ask_for_reset(client, "nobody@example.org")

    assert mailoutbox == []
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url


def test_a_deactivated_member_gets_no_reset_link(client, ana, mailoutbox):
    ana.user.is_active = False
    ana.user.save()

    ask_for_reset(client, "ana@example.org")

    assert mailoutbox == []


def test_an_imported_member_without_a_password_can_choose_one_by_reset(
    client, make_member, mailoutbox
):
    ivo = make_member("Ivo Imported", email="ivo@example.org", password=None)

    ask_for_reset(client, "ivo@example.org")
    set_password_through(client, link_in(mailoutbox[0]))

    ivo.user.refresh_from_db()
    assert ivo.user.has_usable_password()
    signed_in = client.post(
        reverse("accounts:login"), {"username": "ivo@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(ivo.user.pk)


def test_the_reset_link_works_only_once(client, ana, mailoutbox):
    ask_for_reset(client, "ana@example.org")
    link = link_in(mailoutbox[0])
    set_password_through(client, link)

    response = client.get(link, follow=True)

    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_a_tampered_reset_link_does_not_change_the_password(client, ana, mailoutbox):
    ask_for_reset(client, "ana@example.org")
    uid, token = link_in(mailoutbox[0]).strip("/").split("/")[-2:]
    tampered = reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token[:-1] + "x"}
    )

    response = client.get(tampered, follow=True)

    assert "This link no longer works" in response.content.decode()
    ana.user.refresh_from_db()
    assert ana.user.check_password(PASSWORD)


def test_one_members_reset_link_cannot_reset_another_member(client, ana, ben, mailoutbox):
    ask_for_reset(client, "ana@example.org")
    _, token = link_in(mailoutbox[0]).strip("/").split("/")[-2:]
    ask_for_reset(client, "ben@example.org")
    ben_uid, _ = link_in(mailoutbox[1]).strip("/").split("/")[-2:]
    crossed = reverse("accounts:password_reset_confirm", kwargs={"uidb64": ben_uid, "token": token})

    response = client.get(crossed, follow=True)

    assert "This link no longer works" in response.content.decode()
    ben.user.refresh_from_db()
    assert ben.user.check_password(PASSWORD)
