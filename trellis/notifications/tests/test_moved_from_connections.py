"""Notifications moved from connections to their own app without losing a row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("connections", "0003_intro_initiative_alter_notification_kind_and_more")]
AFTER = [
    ("connections", "0004_notifications_move_to_their_own_app"),
    ("notifications", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Leave every app fully migrated, as later tests (and their live servers) expect."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_notifications_and_preferences_keep_their_rows_across_the_move(ana):
    old = _migrate(BEFORE)
    Notification = old.get_model("connections", "Notification")
    Preference = old.get_model("connections", "NotificationPreference")
    ContentType = old.get_model("contenttypes", "ContentType")
    note = Notification.objects.create(
        recipient_id=ana.pk, kind="intro_received", text="Ben sent you an intro.", url="/intros/1/"
    )
    Preference.objects.create(member_id=ana.pk, kind="follow_up", in_app=True, email=False)
    ContentType.objects.get_or_create(app_label="connections", model="notification")

    new = _migrate(AFTER)

    moved = new.get_model("notifications", "Notification").objects.get(pk=note.pk)
    assert (moved.recipient_id, moved.text, moved.url) == (ana.pk, note.text, note.url)
    preference = new.get_model("notifications", "NotificationPreference").objects.get()
    assert (preference.kind, preference.in_app, preference.email) == ("follow_up", True, False)
    content_types = new.get_model("contenttypes", "ContentType").objects
    assert content_types.filter(app_label="notifications", model="notification").exists()
    assert not content_types.filter(app_label="connections", model="notification").exists()


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_with_the_rows(ana):
    new = _migrate(AFTER)
    note = new.get_model("notifications", "Notification").objects.create(
        recipient_id=ana.pk, kind="follow_up", text="Follow up.", url="/"
    )

    old = _migrate(BEFORE)

    assert old.get_model("connections", "Notification").objects.get(pk=note.pk).text == "Follow up."
