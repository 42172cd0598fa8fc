"""Events are kept for TRELLIS_AUDIT_RETENTION_DAYS, then `trellis sweep` (or
`trellis audit-prune`) deletes them and says how many; 0 keeps them forever."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from trellis.audit.models import AuditEvent
from trellis.audit.services import events_prune

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_new(make_event, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    old = [make_event(at=now - timedelta(days=31)) for _ in range(2)]
    kept = make_event(at=now - timedelta(days=29))
    return old, kept


def test_events_past_the_retention_period_are_deleted_and_counted(old_and_new):
    old, kept = old_and_new

    assert events_prune() == 2

    assert AuditEvent.objects.filter(pk__in=[e.pk for e in old]).count() == 0
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    [pruned] = AuditEvent.objects.filter(action="audit.pruned")
    assert pruned.details["count"] == 2


def test_sweep_prunes_and_prints_the_count(old_and_new):
    out = io.StringIO()

    call_command("sweep", stdout=out)

    assert "Audit events past the retention period deleted: 2" in out.getvalue()
    assert AuditEvent.objects.exclude(action="audit.pruned").count() == 1


def test_audit_prune_does_the_same(old_and_new):
    out = io.StringIO()

    call_command("audit_prune", stdout=out)

    assert out.getvalue().strip() == "Audit events older than 30 days deleted: 2"


def test_zero_days_keeps_every_event(old_and_new, settings):
    settings.AUDIT_RETENTION_DAYS = 0
    out = io.StringIO()

    call_command("audit_prune", stdout=out)

    assert events_prune() == 0
    assert AuditEvent.objects.count() == 3
    assert "kept forever" in out.getvalue()


def test_nothing_to_prune_records_nothing(make_event, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    make_event()

    assert events_prune() == 0
    assert not AuditEvent.objects.filter(action="audit.pruned").exists()
