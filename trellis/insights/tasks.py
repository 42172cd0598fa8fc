"""Background tasks: run by `trellis db_worker` from the database queue."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task


@task()
def work_out_insights_task(requested_at: str) -> int:
    """Work out every cohort's insight figures, unless that was done since `requested_at`
    (an ISO date and time): returns how many cohorts it worked out (0: already fresh)."""
    from trellis.insights import services

    if services.insights_fresh_since(datetime.fromisoformat(requested_at)):
        return 0
    return services.work_out_insights()
