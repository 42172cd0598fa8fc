"""Roles and the admin: a login gaining or losing a role is recorded with before, after
and who did it, whatever the path; an admin change names the model, the row and the
fields changed, never a value."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.people.models import Member

pytestmark = pytest.mark.django_db


def user_change(client, user: User, **roles) -> None:
    form = {
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }
    form.update({name: "on" for name, on in roles.items() if on})
    response = client.post(reverse("admin:accounts_user_change", args=[user.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_operator_making_someone_an_organiser_is_recorded_with_before_and_after(
    operator_client, operator, ana
):
    user_change(operator_client, ana.user, is_organiser=True)

    [event] = AuditEvent.objects.filter(action="role.changed")
    assert (event.actor, event.target) == (operator, f"login {ana.user.pk}")
    assert event.details == {"before": "none", "after": "organiser"}
    assert event.ip_address == "127.0.0.1"


def test_taking_a_role_away_is_recorded_too(operator_client, operator, organiser):
    user_change(operator_client, organiser.user, is_staff=True)

    [event] = AuditEvent.objects.filter(action="role.changed", actor=operator)
    assert event.details == {"before": "organiser", "after": "operator"}


def test_a_save_that_changes_no_role_records_no_role_change(ana):
    ana.user.set_password("a new password for ana")
    ana.user.save()

    assert not AuditEvent.objects.filter(action="role.changed").exists()


def test_a_superuser_made_on_the_command_line_is_recorded_without_an_actor(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long enough password")
    call_command("createsuperuser", "--noinput", "--email", "boss@example.org", verbosity=0)

    [event] = AuditEvent.objects.filter(action="role.changed")
    assert (event.actor, event.ip_address) == (None, None)
    assert event.details == {"before": "none", "after": "operator, superuser"}


def test_an_admin_change_names_the_model_row_and_fields_but_no_value(
    operator_client, operator, ana
):
    user_change(operator_client, ana.user, is_organiser=True)

    [event] = AuditEvent.objects.filter(action="admin.changed")
    assert (event.actor, event.target) == (operator, f"user {ana.user.pk}")
    assert event.details == {"model": "user", "fields": "Organiser"}


def test_an_admin_deletion_of_one_row_is_recorded(operator_client, operator, ana):
    url = reverse("admin:people_member_delete", args=[ana.pk])

    operator_client.post(url, {"post": "yes"})

    [event] = AuditEvent.objects.filter(action="admin.deleted")
    assert (event.actor, event.target) == (operator, f"member {ana.pk}")
    assert "Ana" not in str(event.details)  # the row's name is not kept


def test_deleting_several_rows_at_once_is_recorded_once_with_their_ids(
    operator_client, operator, ana, ben
):
    ids = sorted([ana.pk, ben.pk])
    response = operator_client.post(
        reverse("admin:people_member_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )

    assert response.status_code == 302
    assert not Member.objects.filter(pk__in=ids).exists()
    [event] = AuditEvent.objects.filter(action="admin.deleted")
    assert event.actor == operator
    assert event.details == {"model": "member", "count": 2, "ids": f"{ids[0]}, {ids[1]}"}


def test_asking_to_delete_several_rows_without_confirming_records_nothing(
    operator_client, ana, ben
):
    operator_client.post(
        reverse("admin:people_member_changelist"),
        {"action": "delete_selected", "_selected_action": [ana.pk, ben.pk]},
    )

    assert Member.objects.count() == 2
    assert not AuditEvent.objects.filter(action="admin.deleted").exists()
