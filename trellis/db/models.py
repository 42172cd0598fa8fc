"""The background workers' heartbeat, and what a result the worker keeps says about itself."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """One running `trellis db_worker`: when it last said it is alive."""

    # django_tasks_db's worker id (at most 64 characters), as recorded in a task's worker_ids.
    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    pid = models.PositiveIntegerField(default=0)
    host = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host or '?'} (pid {self.pid})"


class WorkedOutInBackground(models.Model):
    """A result the background worker works out and keeps, which pages show: when it was
    last asked for (something it depends on changed) and last worked out."""

    requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When something it depends on changed."
    )
    computed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last worked out; empty: not yet."
    )

    class Meta:
        abstract = True

    @property
    def pending(self) -> bool:
        """Asked for, and not worked out since."""
        return self.computed_at is None or (
            self.requested_at is not None and self.requested_at > self.computed_at
        )
