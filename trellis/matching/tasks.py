"""Background tasks: run by `trellis db_worker` from the database queue."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from trellis.matching import helping, runs


@task()
def run_round_task(round_id: int) -> str:
    """Run a queued round; returns the state it ended in."""
    return runs.round_run(round_id=round_id).state


@task()
def refresh_recommendations_task(member_ids: list[int]) -> int:
    """Refresh the recommendations of members who asked (and anyone else waiting)."""
    return runs.recommendations_refresh_requested(member_ids=member_ids)


@task()
def refresh_helpers_task() -> int:
    """Work out every "who could help" list asked for since it was last worked out."""
    return helping.helpers_refresh_pending().lists


@task()
def refresh_all_helpers_task(requested_at: str) -> int:
    """Work out every "who could help" list again, unless that was done since `requested_at`
    (an ISO date and time): returns how many lists it worked out."""
    if helping.everything_fresh_since(datetime.fromisoformat(requested_at)):
        return 0
    return helping.helpers_refresh_everything().lists


@task()
def tell_round_members_task(round_id: int) -> int:
    """Tell each member of a published round's pairs about it, once; how many were told."""
    return runs.round_tell_members(round_id=round_id)
