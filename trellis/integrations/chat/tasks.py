"""Background tasks: run by `trellis db_worker` from the database queue."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_tasks import task

from trellis.integrations.chat import services


@task()
def send_due_deliveries_task() -> int:
    """Send the deliveries that are due, a batch at a time: how many were tried."""
    report = services.deliveries_send_due()
    if report.tried >= services.BATCH:
        send_due_deliveries_task.enqueue()  # more may be waiting: another run takes them
    return report.tried


def retry_later(*, at: datetime) -> None:
    """Queue a run of the sender for when a retry falls due, where the task backend can
    wait (the database one can; otherwise `trellis sweep` picks the retry up)."""
    if send_due_deliveries_task.get_backend().supports_defer:
        transaction.on_commit(send_due_deliveries_task.using(run_after=at).enqueue)
