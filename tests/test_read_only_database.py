"""A database that refuses writes: pages still read, a write gets a clear 503 page.

The database is made read-only on the test's own connection: SQLite's `PRAGMA query_only`
("attempt to write a readonly database", as on a read-only mount), PostgreSQL's
`default_transaction_read_only` (SQLSTATE 25006, as on a read-only replica). Tests are
transactional so that PostgreSQL's setting applies to each statement's own transaction.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, InternalError, OperationalError, connection
from django.db.backends.signals import connection_created
from django.test import Client
from django.urls import reverse

from trellis.people.models import Member
from trellis.people.tests.test_profile_edit_view import form_data
from trellis.web.readonly import FULL, READ_ONLY, write_refused

PASSWORD = "correct horse battery staple"
MESSAGE = "Trellis is temporarily read-only"


def _set_read_only(on: bool, conn=connection) -> None:
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(f"SET default_transaction_read_only = {'on' if on else 'off'}")
        else:
            cursor.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")


def _on_new_connection(sender, connection, **kwargs) -> None:
    _set_read_only(True, connection)


@contextmanager
def read_only():
    """Inside, the database refuses every write (also on a connection opened anew)."""
    connection_created.connect(_on_new_connection)
    _set_read_only(True)
    try:
        yield
    finally:
        connection_created.disconnect(_on_new_connection)
        _set_read_only(False)


def refused(response) -> None:
    content = response.content.decode()
    assert response.status_code == 503, content[:2000]
    assert response["Retry-After"].isdigit()
    assert MESSAGE in content and "Your change was not saved." in content
    assert "Reading still works" in content
    assert "<nav" in content  # the site's layout


@pytest.fixture
def topic(transactional_db):
    from trellis.people.models import Topic

    return Topic.objects.get_or_create(
        slug="kubernetes", defaults={"name": "Kubernetes", "area": "Engineering"}
    )[0]


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_still_read(client, ana, ben, organiser, topic):
    client.force_login(ana.user)
    organiser_client = Client()
    organiser_client.force_login(organiser.user)  # signing in writes: before read-only
    pages = [
        reverse("home:home"),
        reverse("people:directory"),
        reverse("home:profile", args=[ben.pk]),
        reverse("people:profile_edit"),
        reverse("home:topic_detail", args=[topic.slug]),
        reverse("notifications:notification_list"),
        reverse("connections:intro_list"),
        reverse("connections:relationship_list"),
        reverse("home:compose", args=[ben.pk]),
    ]
    with read_only():
        for page in pages:
            assert client.get(page).status_code == 200, page
        assert organiser_client.get(reverse("home:home")).status_code == 200
        assert organiser_client.get(reverse("matching:round_list")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_sign_in_page_renders_and_signing_in_says_read_only(client, ana):
    with read_only():
        assert client.get(reverse("accounts:login")).status_code == 200
        response = client.post(
            reverse("accounts:login"), {"username": "ana@example.org", "password": PASSWORD}
        )

    refused(response)


def test_saving_the_profile_says_read_only_and_changes_nothing(client, ana, transactional_db):
    client.force_login(ana.user)
    with read_only():
        response = client.post(
            reverse("people:profile_edit"), form_data(ana, working_on="Something new")
        )

    refused(response)
    assert Member.objects.get(pk=ana.pk).working_on == ana.working_on


def test_sending_an_intro_says_read_only(client, ana, ben, transactional_db):
    from trellis.connections.models import Intro

    client.force_login(ana.user)
    with read_only():
        response = client.post(
            reverse("home:compose", args=[ben.pk]),
            {"message": "Will you tell me how you run on-call?", "action": "send"},
        )

    refused(response)
    assert not Intro.objects.exists()


class FakeCause(Exception):
    def __init__(self, message: str, **attributes):
        super().__init__(message)
        self.__dict__.update(attributes)


def wrapped(error_class, cause: Exception) -> DatabaseError:
    error = error_class(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (wrapped(OperationalError, FakeCause("attempt to write a readonly database")), READ_ONLY),
        (wrapped(OperationalError, FakeCause("database or disk is full")), FULL),
        (
            wrapped(OperationalError, FakeCause("x", sqlite_errorcode=sqlite3.SQLITE_READONLY)),
            READ_ONLY,
        ),
        (wrapped(InternalError, FakeCause("read-only transaction", sqlstate="25006")), READ_ONLY),
        (wrapped(OperationalError, FakeCause("could not extend file", sqlstate="53100")), FULL),
        (wrapped(OperationalError, FakeCause("could not extend file", pgcode="53100")), FULL),
        (wrapped(OperationalError, FakeCause("no such table: people_member")), None),
        (wrapped(OperationalError, FakeCause("database is locked")), None),
        (wrapped(InternalError, FakeCause("deadlock", sqlstate="40P01")), None),
        (ValueError("attempt to write a readonly database"), None),
    ],
)
def test_only_a_refused_write_counts_as_read_only(error, why):
    assert write_refused(error) == why


def test_any_other_database_error_is_still_a_server_error(client, ana, monkeypatch):
    from trellis.home.views import pages

    def broken(*args, **kwargs):
        raise OperationalError("no such table: people_member")

    monkeypatch.setattr(pages.selectors, "with_profile_topics", broken)
    client.raise_request_exception = False
    client.force_login(ana.user)

    assert client.get(reverse("home:home")).status_code == 500
