"""Background tasks: run by `trellis db_worker` from the database queue.

The engine is imported when a task runs, not when this module is: services queue these
tasks from requests, and a request never loads the matching engine.
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import task


@task()
def refresh_fit_task() -> int:
    """Work out the initiative fit of every member and offer asked for since it was last
    worked out: returns how many members and offers it worked out."""
    from trellis.initiatives import fit

    done = fit.fit_refresh_pending()
    return done.members + done.volunteers


@task()
def refresh_all_fit_task(requested_at: str) -> int:
    """Work out every member's initiative fit again, unless that was done since
    `requested_at` (an ISO date and time): returns how many members it worked out."""
    from trellis.initiatives import fit

    if fit.everything_fresh_since(datetime.fromisoformat(requested_at)):
        return fit.volunteer_fit_refresh_pending().volunteers
    return fit.fit_refresh_everything().members
