"""Rounds run in the background: queued in the database, run by `trellis db_worker`."""

import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from trellis.matching import services, tasks
from trellis.matching.models import Round, Suggestion


@pytest.fixture
def run_worker(monkeypatch):
    """Run `db_worker --batch` here: every queued task, then return.

    The worker closes "old" connections between tasks, which inside a test's
    transaction would throw the test's data away; and it installs signal
    handlers, which are put back afterwards.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run


def test_a_round_started_from_the_page_is_run_by_the_database_worker(
    organiser_client, fake_engine, cohort, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            "/organise/rounds/new/",
            {
                "cohort_kind": "all",
                "weight_shared": "1",
                "weight_teach": "1",
                "weight_mutual": "1",
                "weight_diversity": "0.5",
                "candidates_per_member": "20",
                "seed": "0",
            },
        )
    round_obj = Round.objects.get()
    assert round_obj.state == Round.State.QUEUED
    assert DBTaskResult.objects.get().status == "READY"

    run_worker()

    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.DONE
    assert Suggestion.objects.filter(round=round_obj).count() == 4
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == "done"


def test_the_round_task_runs_the_round(fake_engine, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)

    assert tasks.run_round_task.call(round_obj.pk) == Round.State.DONE


def test_the_recommendations_task_refreshes_who_asked(fake_engine, cohort, ana):
    services.recommendations_request(member=ana)

    assert tasks.refresh_recommendations_task.call([ana.pk]) == 3
    assert Suggestion.objects.filter(recommended_to=ana).count() == 3
