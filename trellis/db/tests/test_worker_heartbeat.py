"""A task held by a worker that died goes back to the queue (`trellis.db.worker`)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from trellis.db.models import WorkerHeartbeat
from trellis.db.worker import (
    dead_claims_requeue,
    forget_gone_workers,
    heartbeat_beat,
    heartbeat_stop,
    latest_heartbeat,
    look_after_the_queue,
    task_requeued,
)

pytestmark = pytest.mark.django_db
DEAD_AFTER = timedelta(seconds=15)
TASK = "trellis.matching.tasks.refresh_helpers_task"


def claimed_task(*, worker_id: str, started: timedelta, **fields) -> DBTaskResult:
    """A RUNNING task claimed by `worker_id` `started` ago."""
    return DBTaskResult.objects.create(
        task_path=TASK,
        args_kwargs={"args": [], "kwargs": {"round_id": 7}},
        backend_name="default",
        run_after=timezone.now() - started,
        status=fields.pop("status", TaskResultStatus.RUNNING),
        worker_ids=[worker_id],
        started_at=timezone.now() - started,
        **fields,
    )


def seen(worker_id: str, ago: timedelta) -> None:
    heartbeat_beat(worker_id=worker_id, now=timezone.now() - ago)


def test_a_task_whose_worker_stopped_beating_is_queued_again():
    task = claimed_task(worker_id="dead", started=timedelta(minutes=5))
    seen("dead", timedelta(seconds=16))

    assert dead_claims_requeue(dead_after=DEAD_AFTER) == [str(task.pk)]

    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.started_at is None
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_a_task_whose_worker_is_beating_is_left_to_it():
    task = claimed_task(worker_id="alive", started=timedelta(hours=2))
    seen("alive", timedelta(seconds=2))

    assert dead_claims_requeue(dead_after=DEAD_AFTER) == []
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_worker_that_never_beat_counts_from_its_claim():
    just_claimed = claimed_task(worker_id="new", started=timedelta(seconds=3))
    long_ago = claimed_task(worker_id="old", started=timedelta(minutes=1))

    assert dead_claims_requeue(dead_after=DEAD_AFTER) == [str(long_ago.pk)]
    just_claimed.refresh_from_db()
    assert just_claimed.status == TaskResultStatus.RUNNING


def test_only_the_last_claimant_counts_for_a_task_claimed_before():
    task = claimed_task(worker_id="first", started=timedelta(minutes=1))
    task.worker_ids = ["first", "second"]
    task.save()
    seen("first", timedelta(hours=1))
    seen("second", timedelta(seconds=1))

    assert dead_claims_requeue(dead_after=DEAD_AFTER) == []


def test_finished_tasks_are_never_touched():
    done = claimed_task(
        worker_id="dead", started=timedelta(hours=1), status=TaskResultStatus.SUCCESSFUL
    )
    seen("dead", timedelta(hours=1))

    assert dead_claims_requeue(dead_after=DEAD_AFTER) == []
    done.refresh_from_db()
    assert done.status == TaskResultStatus.SUCCESSFUL


def test_the_tasks_area_is_told_what_was_queued_again():
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    task_requeued.connect(listener)
    try:
        task = claimed_task(worker_id="dead", started=timedelta(minutes=5))
        dead_claims_requeue(dead_after=DEAD_AFTER)
    finally:
        task_requeued.disconnect(listener)

    assert heard == [
        {
            "signal": task_requeued,
            "task_id": str(task.pk),
            "task_path": TASK,
            "args": [],
            "kwargs": {"round_id": 7},
        }
    ]


def test_a_second_sweep_finds_nothing_more_to_do():
    claimed_task(worker_id="dead", started=timedelta(minutes=5))

    assert len(dead_claims_requeue(dead_after=DEAD_AFTER)) == 1
    assert dead_claims_requeue(dead_after=DEAD_AFTER) == []


def test_the_sweep_costs_two_queries_however_many_tasks_are_queued(
    django_assert_num_queries,
):
    for _ in range(20):
        DBTaskResult.objects.create(
            task_path=TASK,
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            run_after=timezone.now(),
            worker_ids=[],
        )
    claimed_task(worker_id="alive", started=timedelta(minutes=5))
    seen("alive", timedelta(seconds=1))

    with django_assert_num_queries(2):
        assert dead_claims_requeue(dead_after=DEAD_AFTER) == []


def test_latest_heartbeat_is_the_most_recent_of_any_worker():
    WorkerHeartbeat.objects.all().delete()  # whatever another test's worker thread left
    assert latest_heartbeat() is None
    now = timezone.now()
    heartbeat_beat(worker_id="a", now=now - timedelta(seconds=30))
    heartbeat_beat(worker_id="b", now=now - timedelta(seconds=3))

    assert latest_heartbeat() == now - timedelta(seconds=3)

    heartbeat_stop(worker_id="b")
    assert latest_heartbeat() == now - timedelta(seconds=30)


def test_a_beat_keeps_the_first_start_and_moves_last_seen():
    start = timezone.now() - timedelta(minutes=1)
    heartbeat_beat(worker_id="w", now=start)
    heartbeat_beat(worker_id="w")

    row = WorkerHeartbeat.objects.get()
    assert row.started_at == start
    assert row.last_seen > start


def test_workers_gone_for_a_day_are_forgotten():
    seen("gone", timedelta(days=2))
    seen("here", timedelta(seconds=1))

    assert forget_gone_workers() == 1
    left = WorkerHeartbeat.objects.filter(worker_id__in=["gone", "here"])
    assert list(left.values_list("worker_id", flat=True)) == ["here"]


def test_a_worker_starting_beats_and_recovers_dead_claims(settings):
    settings.WORKER_HEARTBEAT_SECONDS = 5
    task = claimed_task(worker_id="dead", started=timedelta(minutes=1))

    assert look_after_the_queue(worker_id="me") == [str(task.pk)]
    assert WorkerHeartbeat.objects.filter(worker_id="me").exists()
