"""`trellis audit-prune`: delete audit events past the retention period (`sweep` does too)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from trellis.audit.services import events_prune


class Command(BaseCommand):
    help = (
        "Delete audit events older than TRELLIS_AUDIT_RETENTION_DAYS (0 keeps them forever) "
        "and print how many went. `trellis sweep` does the same."
    )

    def handle(self, *args, **options) -> None:
        if settings.AUDIT_RETENTION_DAYS == 0:
            self.stdout.write("Audit events are kept forever (TRELLIS_AUDIT_RETENTION_DAYS=0).")
            return
        deleted = events_prune()
        days = settings.AUDIT_RETENTION_DAYS
        self.stdout.write(f"Audit events older than {days} days deleted: {deleted}")
