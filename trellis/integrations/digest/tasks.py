"""Background task: run by `trellis db_worker` from the database queue."""

from __future__ import annotations

from django_tasks import task


@task()
def send_digest_task(run_id: int) -> int:
    """Send the weekly digest run `run_id` to everyone not sent it yet, in batches: returns
    how many e-mails the run has sent. Safe to run twice (a re-queued task)."""
    from trellis.integrations.digest.services import digest_run_send

    return digest_run_send(run_id=run_id).sent
