"""A round whose worker died is queued again and runs to the end once, with no duplicates."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from trellis.db.worker import dead_claims_requeue, heartbeat_beat
from trellis.matching import runs, services, tasks
from trellis.matching.models import Round, Suggestion, UnpairedMember

DEAD_AFTER = timedelta(seconds=15)


def died_running(round_obj: Round) -> DBTaskResult:
    """The round's task as a worker killed part way leaves it: the task RUNNING under a
    worker no longer beating, the round "running" under that run's token."""
    task = DBTaskResult.objects.create(
        task_path=tasks.run_round_task.module_path,
        args_kwargs={"args": [], "kwargs": {"round_id": round_obj.pk}},
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=["killed"],
        started_at=timezone.now() - timedelta(minutes=1),
    )
    heartbeat_beat(worker_id="killed", now=timezone.now() - timedelta(minutes=1))
    Round.objects.filter(pk=round_obj.pk).update(
        state=Round.State.RUNNING, run_token="dead-run", stage="Scoring", progress=0.4
    )
    return task


def test_the_round_of_a_dead_worker_says_queued_again(fake_engine, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    task = died_running(round_obj)

    dead_claims_requeue(dead_after=DEAD_AFTER)

    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.QUEUED
    assert (round_obj.run_token, round_obj.stage, round_obj.progress) == ("", "", 0.0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_running_a_requeued_round_twice_gives_its_pairs_once(fake_engine, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    died_running(round_obj)
    dead_claims_requeue(dead_after=DEAD_AFTER)

    assert tasks.run_round_task.call(round_obj.pk) == Round.State.DONE
    pairs = list(Suggestion.objects.filter(round=round_obj).values_list("pk", flat=True))
    unpaired = UnpairedMember.objects.filter(round=round_obj).count()
    assert tasks.run_round_task.call(round_obj.pk) == Round.State.DONE

    assert list(Suggestion.objects.filter(round=round_obj).values_list("pk", flat=True)) == pairs
    assert UnpairedMember.objects.filter(round=round_obj).count() == unpaired


def test_a_run_the_dead_worker_started_may_no_longer_write(fake_engine, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    died_running(round_obj)
    dead_claims_requeue(dead_after=DEAD_AFTER)

    with pytest.raises(runs.RoundSuperseded):
        runs._ProgressWriter(round_obj.pk, "dead-run")._write("Scoring", 0.5)


def test_a_requeued_task_of_a_round_that_finished_leaves_it_alone(fake_engine, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    runs.round_run(round_id=round_obj.pk)

    assert runs.round_requeued(round_id=round_obj.pk) is False
    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.DONE
