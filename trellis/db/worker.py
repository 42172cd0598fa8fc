"""Background workers that recover by themselves: a heartbeat per worker, and dead claims
queued again.

django_tasks_db marks a task RUNNING and appends the worker's id to its `worker_ids` when
a worker claims it, and nothing else watches it: a worker killed part way (kill -9, out
of memory, the machine restarted) leaves the task RUNNING for ever. So every
`trellis db_worker` (`management/commands/db_worker.py`) writes a `WorkerHeartbeat` row
every `TRELLIS_WORKER_HEARTBEAT_SECONDS` from a thread of its own, and any worker, when it
starts and then periodically, puts back to READY every RUNNING task whose worker has not
been seen for three heartbeats (`dead_claims_requeue`). Each area makes its own task safe
to run twice and hears of a re-queued task through the `task_requeued` signal (matching
puts the round back to "queued").
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from trellis.db.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Sent once for each task put back in the queue, with `task_path` (the task function's
# dotted path), `args` and `kwargs` (what it was enqueued with) and `task_id`.
task_requeued = Signal()

# A worker gone this long (stopped without saying so) is forgotten.
FORGET_AFTER = timedelta(days=1)


def heartbeat_every() -> timedelta:
    return timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS)


def dead_after() -> timedelta:
    """A worker not seen for three heartbeats is taken for dead."""
    return 3 * heartbeat_every()


def heartbeat_beat(*, worker_id: str, now: datetime | None = None) -> None:
    """Say that the worker `worker_id` is alive now."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"last_seen": now},
            create_defaults={
                "last_seen": now,
                "started_at": now,
                "pid": os.getpid(),
                "host": socket.gethostname()[:255],
            },
        )


def heartbeat_stop(*, worker_id: str) -> None:
    """The worker stops cleanly: it is no longer counted among the living."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def latest_heartbeat() -> datetime | None:
    """When any background worker was last seen alive; None when none ever was (or every
    one stopped). What a readiness check reads: "is a worker running?"."""
    return (
        WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    )


def _claimant(result: DBTaskResult) -> str:
    return result.worker_ids[-1] if result.worker_ids else ""


def dead_claims(*, now: datetime | None = None, dead_after: timedelta) -> list[DBTaskResult]:
    """RUNNING tasks whose worker has not been seen for `dead_after`. A worker that never
    wrote a heartbeat (an older version, or one that died at once) counts from when it
    claimed the task. Two queries, whatever the size of the queue (only RUNNING rows are
    read: at most one per worker)."""
    cutoff = (now or timezone.now()) - dead_after
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "worker_ids", "started_at", "task_path", "args_kwargs"
        )
    )
    claimants = {_claimant(result) for result in running}
    seen = dict(
        WorkerHeartbeat.objects.filter(worker_id__in=claimants).values_list(
            "worker_id", "last_seen"
        )
    )
    return [
        result
        for result in running
        if (seen.get(_claimant(result)) or result.started_at or cutoff) < cutoff
    ]


def dead_claims_requeue(*, now: datetime | None = None, dead_after: timedelta) -> list[str]:
    """Put every task whose worker died back in the queue (READY, to run again), and tell
    the task's area (`task_requeued`). Returns the ids of the tasks re-queued. A task that
    finished or was re-queued by another worker meanwhile is left alone (the update is
    conditional on the claim read)."""
    requeued = []
    for result in dead_claims(now=now, dead_after=dead_after):
        with transaction.atomic():
            claimed = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            )
            if not claimed.update(status=TaskResultStatus.READY, started_at=None):
                continue
            task_requeued.send(
                sender=DBTaskResult,
                task_id=str(result.pk),
                task_path=result.task_path,
                args=result.args_kwargs.get("args", []),
                kwargs=result.args_kwargs.get("kwargs", {}),
            )
        logger.warning(
            "Task %s (%s) was held by worker %s, not seen for %s s; queued it again.",
            result.pk,
            result.task_path,
            _claimant(result) or "?",
            int(dead_after.total_seconds()),
        )
        requeued.append(str(result.pk))
    return requeued


def forget_gone_workers(*, now: datetime | None = None) -> int:
    """Drop the heartbeat rows of workers gone for a day (killed, never stopped cleanly)."""
    cutoff = (now or timezone.now()) - FORGET_AFTER
    return WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()[0]


def look_after_the_queue(*, worker_id: str) -> list[str]:
    """One round of a worker's care: say it is alive, re-queue dead claims, forget long-gone
    workers. Returns the ids of the tasks re-queued."""
    heartbeat_beat(worker_id=worker_id)
    requeued = dead_claims_requeue(dead_after=dead_after())
    forget_gone_workers()
    return requeued


class HeartbeatThread(threading.Thread):
    """Beats for its worker every `heartbeat_every()` while the worker runs (a task too),
    and looks for dead claims every third beat; on its own database connection."""

    def __init__(self, *, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        beats = 0
        try:
            while not self.stopping.wait(heartbeat_every().total_seconds()):
                beats += 1
                try:
                    if beats % 3 == 0:
                        look_after_the_queue(worker_id=self.worker_id)
                    else:
                        heartbeat_beat(worker_id=self.worker_id)
                except DatabaseError as error:
                    # A locked or briefly unreachable database: the next beat tries again.
                    logger.warning("Worker %s could not beat: %s", self.worker_id, error)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=heartbeat_every().total_seconds() + 5)


def enqueue_on_commit(task, **kwargs) -> None:
    """Queue `task` for the background worker once the current transaction commits, so a
    worker never picks up work whose rows it cannot see yet (nor work rolled back)."""
    transaction.on_commit(lambda: task.enqueue(**kwargs))
