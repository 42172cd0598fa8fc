"""Changing one's password: the old one is needed, the new one must be strong."""

from django.urls import reverse

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a much newer passphrase 42"
CHANGE = reverse("accounts:password_change")


def change(client, *, old=PASSWORD, new1=NEW_PASSWORD, new2=NEW_PASSWORD):
    return client.post(CHANGE, {"old_password": old, "new_password1": new1, "new_password2": new2})


def test_the_password_change_page_asks_for_the_old_password(ana_client):
    response = ana_client.get(CHANGE)

    assert response.status_code == 200
    assert 'name="old_password"' in response.content.decode()


def test_it_changes_the_password_when_the_old_one_is_right(ana_client, ana):
    response = change(ana_client)

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    ana.user.refresh_from_db()
    assert ana.user.check_password(NEW_PASSWORD)
    assert not ana.user.check_password(PASSWORD)


def test_the_member_stays_signed_in_after_changing_the_password(ana_client, ana):
    change(ana_client)

    response = ana_client.get(reverse("accounts:password_change_done"))

    assert response.status_code == 200
    assert "Your new password is in place" in response.content.decode()
    assert ana_client.session["_auth_user_id"] == str(ana.user.pk)


def test_it_refuses_a_wrong_old_password_and_keeps_the_old_one(ana_client, ana):
    response = change(ana_client, old="not my password")

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    ana.user.refresh_from_db()
    assert ana.user.check_password(PASSWORD)


def test_it_refuses_new_passwords_that_differ(ana_client, ana):
    response = change(ana_client, new2=NEW_PASSWORD + "!")

    assert response.status_code == 200
    assert "The two password fields didn\u2019t match" in response.content.decode()
    ana.user.refresh_from_db()
    assert ana.user.check_password(PASSWORD)


def test_it_refuses_a_weak_new_password(ana_client, ana):
    response = change(ana_client, new1="password", new2="password")

    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    ana.user.refresh_from_db()
    assert ana.user.check_password(PASSWORD)


def test_changing_the_password_of_one_member_leaves_another_alone(ana_client, ana, ben):
    before = ben.user.password

    change(ana_client)

    ben.user.refresh_from_db()
    assert ben.user.password == before
