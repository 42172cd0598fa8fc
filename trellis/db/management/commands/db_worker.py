"""`trellis db_worker`: django_tasks_db's worker, with a heartbeat and recovery of the
tasks of workers that died (`trellis.db.worker`). Same options as the library's."""

from __future__ import annotations

import contextlib
import logging

from django.db import DatabaseError
from django_tasks_db.management.commands import db_worker

from trellis.db.worker import HeartbeatThread, heartbeat_stop, look_after_the_queue

logger = logging.getLogger("trellis.db.worker")


class HeartbeatWorker(db_worker.Worker):
    """Says it is alive from a thread while it runs; on start, queues again the tasks of
    workers that died; on a clean stop, takes its heartbeat away."""

    def run(self) -> None:
        try:
            requeued = look_after_the_queue(worker_id=self.worker_id)
        except DatabaseError as error:
            logger.warning("Could not look for tasks of dead workers: %s", error)
        else:
            if requeued:
                logger.warning("Queued %d task(s) of dead workers again.", len(requeued))
        heartbeat = HeartbeatThread(worker_id=self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            # If this fails, the row is forgotten after a day (forget_gone_workers).
            with contextlib.suppress(DatabaseError):
                heartbeat_stop(worker_id=self.worker_id)


class Command(db_worker.Command):
    help = (
        "Run a background worker (rounds, recommendations, e-mail). It writes a heartbeat "
        "every TRELLIS_WORKER_HEARTBEAT_SECONDS and queues again the tasks of a worker not "
        "seen for three heartbeats."
    )

    def handle(self, *args, **options) -> None:
        # The library's handle() builds its Worker by name: let it build ours.
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
