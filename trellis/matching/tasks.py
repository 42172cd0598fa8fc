"""Background tasks: run by `trellis db_worker` from the database queue."""

from __future__ import annotations

from django_tasks import task

from trellis.matching import runs


@task()
def run_round_task(round_id: int) -> str:
    """Run a queued round; returns the state it ended in."""
    return runs.round_run(round_id=round_id).state


@task()
def refresh_recommendations_task(member_ids: list[int]) -> int:
    """Refresh the recommendations of members who asked (and anyone else waiting)."""
    return runs.recommendations_refresh_requested(member_ids=member_ids)
