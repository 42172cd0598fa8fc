"""The User model: people sign in with an e-mail address; roles are flags on it."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from trellis.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def sign_in_request():
    """Authentication always has a request: django-axes counts its failures by address."""
    return RequestFactory().post("/accounts/sign-in/")


def test_the_email_address_is_the_login():
    assert User.USERNAME_FIELD == "email"
    assert User.REQUIRED_FIELDS == []


def test_create_user_stores_the_email_address_in_lower_case():
    user = User.objects.create_user("Ana.Lima@Example.ORG", password=PASSWORD)

    assert user.email == "ana.lima@example.org"
    assert User.objects.get(pk=user.pk).email == "ana.lima@example.org"


def test_it_refuses_a_second_user_with_the_same_email_address_in_another_case():
    User.objects.create_user("ana@example.org", password=PASSWORD)

    with pytest.raises(ValidationError) as error:
        User.objects.create_user("ANA@Example.org", password=PASSWORD)

    assert "email" in error.value.message_dict
    assert User.objects.count() == 1


def test_it_refuses_a_user_without_an_email_address():
    with pytest.raises(ValueError):
        User.objects.create_user("", password=PASSWORD)

    assert User.objects.count() == 0


def test_it_refuses_an_email_address_that_is_not_one():
    with pytest.raises(ValidationError) as error:
        User.objects.create_user("not-an-address", password=PASSWORD)

    assert "email" in error.value.message_dict
    assert User.objects.count() == 0


def test_a_user_created_without_a_password_has_an_unusable_one():
    user = User.objects.create_user("imported@example.org")

    assert not user.has_usable_password()
    assert not user.has_claimed_account
    assert not user.check_password("")
    assert authenticate(sign_in_request(), username="imported@example.org", password="") is None


def test_a_user_created_with_a_password_has_claimed_the_account():
    user = User.objects.create_user("ana@example.org", password=PASSWORD)

    assert user.has_usable_password()
    assert user.has_claimed_account
    assert user.check_password(PASSWORD)


def test_authenticate_finds_a_user_by_email_address_and_password():
    user = User.objects.create_user("ana@example.org", password=PASSWORD)

    assert authenticate(sign_in_request(), username="ana@example.org", password=PASSWORD) == user
    assert (
        authenticate(sign_in_request(), username="ana@example.org", password="wrong password")
        is None
    )


def test_a_new_user_is_active_and_has_no_roles():
    user = User.objects.create_user("ana@example.org", password=PASSWORD)

    assert user.is_active
    assert not user.is_organiser
    assert not user.is_staff
    assert not user.is_superuser


def test_create_superuser_makes_an_operator_with_every_permission():
    user = User.objects.create_superuser("Root@Example.org", password=PASSWORD)

    assert user.email == "root@example.org"
    assert user.is_staff
    assert user.is_superuser
    assert not user.is_organiser


def test_the_organiser_flag_does_not_make_an_operator():
    user = User.objects.create_user("olga@example.org", password=PASSWORD, is_organiser=True)

    assert User.objects.get(pk=user.pk).is_organiser
    assert not user.is_staff
    assert not user.is_superuser


def test_a_user_reads_as_their_email_address():
    assert str(User.objects.create_user("ana@example.org")) == "ana@example.org"
