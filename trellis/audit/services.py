"""Writing and reading out the audit log as a whole: export as JSON lines, and pruning."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from trellis.audit.log import record
from trellis.audit.models import AuditEvent

EXPORT_CHUNK = 2000


def event_as_dict(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "at": event.at.astimezone(UTC).isoformat(),
        "action": event.action,
        "actor": event.actor_label,
        "actor_id": event.actor_id,
        "target": event.target,
        "ip": event.ip_address,
        "details": event.details,
    }


def event_as_json_line(event: AuditEvent) -> str:
    """One event as exactly one line of JSON.

    `ensure_ascii` writes every character beyond ASCII as an escape: besides \\n and \\r
    (which JSON escapes anyway), U+2028 and U+2029 would otherwise pass through raw, and
    many readers (Python's `splitlines`, JavaScript) take them for line ends — a second,
    forged line in the export. So the line is pure ASCII, whatever is stored.
    """
    return json.dumps(event_as_dict(event), ensure_ascii=True, separators=(",", ":")) + "\n"


def events_as_json_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The events as JSON lines, read a chunk at a time (an export may be millions)."""
    for event in events.iterator(chunk_size=EXPORT_CHUNK):
        yield event_as_json_line(event)


def retention_cutoff(*, now: datetime | None = None) -> datetime | None:
    """Events before this time are past the retention period; None keeps them forever."""
    days = settings.AUDIT_RETENTION_DAYS
    if days == 0:
        return None
    return (now or timezone.now()) - timedelta(days=days)


@transaction.atomic
def events_prune(*, now: datetime | None = None) -> int:
    """Delete events older than `TRELLIS_AUDIT_RETENTION_DAYS` and say how many went.

    The pruning is itself recorded (when it deleted anything), so a gap in the log
    always has an event saying why.
    """
    cutoff = retention_cutoff(now=now)
    if cutoff is None:
        return 0
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    if deleted:
        record("audit.pruned", count=deleted, before=cutoff.isoformat(timespec="seconds"))
    return deleted
