"""Working the figures out in the background: the sweep asks once a day, an organiser now,
and a task that finds them fresh does nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from trellis.insights import services, tasks
from trellis.insights.models import CohortFigures, InsightsRun

pytestmark = pytest.mark.django_db


def queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="work_out_insights_task").count()


def test_it_keeps_figures_for_everyone_and_each_discipline(org):
    assert services.work_out_insights(today=org.m) == 4  # everyone, Engineering, Design, Data

    kept = dict(CohortFigures.objects.values_list("value", "members"))
    assert kept == {"": 5, "Engineering": 2, "Design": 1, "Data": 1}
    assert InsightsRun.objects.get().through_week == org.m
    assert all(len(w) == 52 for w in CohortFigures.objects.values_list("weeks", flat=True))


def test_working_them_out_again_replaces_the_last_figures(org, make_member):
    services.work_out_insights(today=org.m)
    make_member("Fay", discipline="Legal")

    services.work_out_insights(today=org.m)

    assert CohortFigures.objects.count() == 5
    assert CohortFigures.objects.get(kind="all").members == 6


def test_the_sweep_queues_them_when_not_worked_out_today(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.insights_sweep()

    assert queued() == 1


def test_the_sweep_leaves_figures_worked_out_today_alone(org, django_capture_on_commit_callbacks):
    services.work_out_insights(today=org.m)

    with django_capture_on_commit_callbacks(execute=True):
        assert not services.insights_sweep()

    assert queued() == 0


def test_the_sweep_queues_figures_a_day_old(org, django_capture_on_commit_callbacks):
    services.work_out_insights(today=org.m)
    InsightsRun.objects.update(computed_at=timezone.now() - timedelta(days=1, minutes=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.insights_sweep()

    assert queued() == 1


def test_the_sweep_command_says_what_it_did_with_the_insights(org, capsys):
    call_command("sweep")

    assert "Organiser insights: queued" in capsys.readouterr().out


def test_a_task_asked_before_the_last_run_does_nothing(org):
    services.work_out_insights(today=org.m)
    asked = timezone.now() - timedelta(minutes=5)

    assert tasks.work_out_insights_task.call(requested_at=asked.isoformat()) == 0


def test_a_task_asked_after_the_last_run_works_them_out(org):
    asked = timezone.now()

    assert tasks.work_out_insights_task.call(requested_at=asked.isoformat()) == 4
    assert not InsightsRun.objects.get().pending
