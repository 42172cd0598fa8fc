"""accounts.bulk.users_create: logins as create_user and create_superuser make them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.accounts.bulk import NewUser, users_create
from trellis.accounts.models import User

COMPARED = ("is_active", "is_staff", "is_superuser", "is_organiser")


def stored(user: User) -> dict:
    return {name: getattr(user, name) for name in COMPARED} | {
        "usable_password": user.has_usable_password()
    }


def test_a_login_reads_back_as_create_user_makes_it(db):
    made = User.objects.create_user("Ben@Example.org")
    joined = timezone.now() - timedelta(days=2)

    (pk,) = users_create([NewUser("Ana.Lima@Example.ORG")], joined=joined)

    user = User.objects.get(pk=pk)
    assert user.email == "ana.lima@example.org" and made.email == "ben@example.org"
    assert stored(user) == stored(made)
    assert user.date_joined == joined


def test_an_operator_reads_back_as_create_superuser_makes_one(db):
    made = User.objects.create_superuser("root@example.org", "correct horse battery")
    new = NewUser("admin@example.org", "correct horse battery", is_staff=True, is_superuser=True)

    (pk,) = users_create([new])

    user = User.objects.get(pk=pk)
    assert stored(user) == stored(made)
    assert user.check_password("correct horse battery")


def test_logins_come_back_in_order_with_their_roles(db):
    new = [NewUser(f"person{n}@example.org", is_organiser=n == 2) for n in range(5)]

    ids = users_create(new)

    emails = dict(User.objects.values_list("pk", "email"))
    assert [emails[pk] for pk in ids] == [user.email for user in new]
    assert list(User.objects.filter(is_organiser=True).values_list("pk", flat=True)) == [ids[2]]


@pytest.mark.parametrize(
    "users",
    [
        [NewUser("ana@example.org"), NewUser("no-at-sign.example.org")],
        [NewUser("@example.org")],
        [NewUser("ana@")],
        [NewUser("a" * 250 + "@example.org")],
        [NewUser("root@example.org", is_superuser=True)],
        [NewUser("ana@example.org"), NewUser("Ana@Example.org")],
    ],
    ids=["no @", "no name", "no domain", "too long", "superuser not operator", "twice"],
)
def test_it_refuses_and_writes_nothing(db, users):
    with pytest.raises(ValidationError):
        users_create(users)

    assert not User.objects.exists()
