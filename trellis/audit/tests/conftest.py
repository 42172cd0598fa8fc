"""Fixtures for the audit log's tests: an operator, and events made to order."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from trellis.audit.models import AuditEvent


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("root@example.org", "root password 1")


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    AuditEvent.objects.all().delete()  # making the operator is itself an event
    return client


@pytest.fixture
def make_event(db):
    """An event written straight to the table (as an older version might have stored it)."""

    def make(action: str = "round.published", *, at: datetime | None = None, **fields):
        fields.setdefault("actor_label", "olga@example.org")
        return AuditEvent.objects.create(action=action, at=at or timezone.now(), **fields)

    return make
