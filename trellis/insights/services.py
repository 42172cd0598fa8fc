"""Working the insight figures out (in the background worker) and asking for that.

Pages never work a figure out: they read what `work_out_insights` kept. The periodic sweep
asks for it at most once a day; an organiser may ask for it now.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from trellis.db.worker import enqueue_on_commit
from trellis.insights import compute, sources, tasks
from trellis.insights.models import CohortFigures, InsightsRun

# The periodic sweep works the figures out again at most this often.
INSIGHTS_SWEEP_EVERY = timedelta(days=1)


def insights_run() -> InsightsRun | None:
    return InsightsRun.objects.order_by("pk").first()


def insights_fresh_since(moment: datetime) -> bool:
    run = insights_run()
    return bool(run and run.computed_at and run.computed_at >= moment)


def work_out_insights(*, today: date | None = None) -> int:
    """Work out the figures of everyone and of each discipline from the whole organisation's
    rows and keep them, replacing the last ones in one transaction: returns how many cohorts.
    What the demo calls after seeding, and what the worker runs."""
    started = timezone.now()
    today = today or timezone.localdate()
    rows = sources.everyone(today=today)
    cohorts: list[tuple[str, str, set[int] | None]] = [(CohortFigures.Kind.EVERYONE, "", None)]
    by_discipline: dict[str, set[int]] = {}
    for person in rows.people.values():
        if person.on_roster and person.discipline:
            by_discipline.setdefault(person.discipline, set()).add(person.id)
    cohorts += [(CohortFigures.Kind.DISCIPLINE, d, ids) for d, ids in sorted(by_discipline.items())]
    kept = []
    for kind, value, ids in cohorts:
        figures = compute.work_out(rows, cohort=ids, today=today)
        size = len(ids) if ids is not None else sum(p.on_roster for p in rows.people.values())
        kept.append(CohortFigures(kind=kind, value=value, members=size, **figures))
    with transaction.atomic():
        CohortFigures.objects.all().delete()
        CohortFigures.objects.bulk_create(kept)
        InsightsRun.objects.update_or_create(
            pk=1, defaults={"computed_at": started, "through_week": compute.monday(today)}
        )
    return len(kept)


@transaction.atomic
def insights_request() -> None:
    """An organiser's "work it out now": note the request (pages say the figures are being
    worked out) and queue the worker. A burst of requests costs one run: a task finds the
    figures worked out since it was asked, and stops."""
    now = timezone.now()
    InsightsRun.objects.update_or_create(pk=1, defaults={"requested_at": now})
    enqueue_on_commit(tasks.work_out_insights_task, requested_at=now.isoformat())


def insights_sweep() -> bool:
    """The periodic sweep's part: queue working the figures out when they were not worked
    out in the last day (an hourly sweep, once a day). Returns whether it queued them."""
    due = timezone.now() - INSIGHTS_SWEEP_EVERY
    if insights_fresh_since(due):
        return False
    enqueue_on_commit(tasks.work_out_insights_task, requested_at=due.isoformat())
    return True
