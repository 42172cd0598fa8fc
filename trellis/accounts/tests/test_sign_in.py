"""Signing in with an e-mail address, signing out, and pages that need a sign-in."""

import pytest
from django.urls import reverse

PASSWORD = "correct horse battery staple"
SIGN_IN = reverse("accounts:login")
SIGN_OUT = reverse("accounts:logout")
HOME = reverse("home:home")


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_the_sign_in_page_asks_for_an_email_address(client):
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    assert 'type="email"' in response.content.decode()
    assert "E-mail address" in response.content.decode()


def test_a_member_signs_in_with_email_and_password_and_lands_on_home(client, ana):
    response = client.post(SIGN_IN, {"username": "ana@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == HOME
    assert signed_in_user_id(client) == str(ana.user.pk)


def test_a_member_signs_in_whatever_the_case_of_the_email_address(client, ana):
    response = client.post(SIGN_IN, {"username": "Ana@Example.ORG", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(ana.user.pk)


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(client, ana):
    response = client.post(SIGN_IN, {"username": "ana@example.org", "password": "not it"})

    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_an_unknown_email_address_shows_the_same_error(client, ana):
    response = client.post(SIGN_IN, {"username": "nobody@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_an_imported_member_cannot_sign_in_before_choosing_a_password(client, make_member):
    make_member("Ivo Imported", email="ivo@example.org", password=None)

    response = client.post(SIGN_IN, {"username": "ivo@example.org", "password": "anything at all"})

    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_a_deactivated_member_cannot_sign_in(client, ana):
    ana.user.is_active = False
    ana.user.save()

    response = client.post(SIGN_IN, {"username": "ana@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_it_sends_a_member_back_to_the_page_they_asked_for(client, ana):
    directory = reverse("people:directory")

    response = client.post(
        SIGN_IN, {"username": "ana@example.org", "password": PASSWORD, "next": directory}
    )

    assert response.status_code == 302
    assert response.url == directory


def test_it_never_sends_a_member_to_another_site_after_signing_in(client, ana):
    response = client.post(
        SIGN_IN,
        {"username": "ana@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response.url == HOME


def test_a_signed_in_member_who_opens_sign_in_goes_home(ana_client):
    response = ana_client.get(SIGN_IN)

    assert response.status_code == 302
    assert response.url == HOME


def test_sign_out_refuses_a_get_and_keeps_the_member_signed_in(ana_client, ana):
    response = ana_client.get(SIGN_OUT)

    assert response.status_code == 405
    assert signed_in_user_id(ana_client) == str(ana.user.pk)
    assert ana_client.get(HOME).status_code == 200


def test_sign_out_by_post_ends_the_session(ana_client):
    response = ana_client.post(SIGN_OUT)

    assert response.status_code == 302
    assert response.url == SIGN_IN
    assert signed_in_user_id(ana_client) is None
    assert ana_client.get(HOME).status_code == 302


def test_every_page_has_a_sign_out_button_that_posts(ana_client):
    content = ana_client.get(HOME).content.decode()

    assert f'<form method="post" action="{SIGN_OUT}"' in content


@pytest.mark.parametrize(
    "name",
    [
        "home:home",
        "people:directory",
        "people:profile_edit",
        "people:roster_upload",
        "accounts:password_change",
        "accounts:password_change_done",
    ],
)
@pytest.mark.django_db
def test_a_private_page_sends_an_anonymous_visitor_to_sign_in_and_back(client, name):
    path = reverse(name)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next={path}"


def test_a_profile_sends_an_anonymous_visitor_to_sign_in_and_back(client, ana):
    path = reverse("home:profile", args=[ana.pk])

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next={path}"


def test_a_visitor_sent_to_sign_in_arrives_where_they_were_going(client, ana):
    path = reverse("people:directory")
    sign_in_url = client.get(path).url

    response = client.post(sign_in_url, {"username": "ana@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == path
