"""The background workers' heartbeat."""

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
