"""`/healthz` and `/readyz`: what load balancers and container orchestrators ask.

- `/healthz`: the process is up and answering. No database: a database outage must not
  make an orchestrator restart every web process.
- `/readyz`: this process can serve pages: the database answers, every migration is
  applied, and a background worker has written a heartbeat recently (rounds started from
  the pages would otherwise stay "queued"). 503 with one line per thing not ready.

Both are answered by `ProbesFirst`, the first middleware, before the host check
(ALLOWED_HOSTS) and the HTTPS redirect: a container's health check or a load balancer asks
by address over plain HTTP (`http://10.0.3.7:8000/healthz`), and a 400 or a 301 would
read as "down". They are open to anyone (no sign-in), write nothing (no session, no
audit), and cost a constant number of queries: the migration check reads the migration
files once and is then remembered for the life of the process (migrations do not un-apply
themselves), so a ready process's `/readyz` is one query, the heartbeat.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from trellis.db.worker import dead_after, latest_heartbeat

# Set once every migration has been seen applied by this process.
_migrations_seen_applied = False


def forget_migrations_seen() -> None:
    """For tests: check the migrations again on the next `/readyz`."""
    global _migrations_seen_applied
    _migrations_seen_applied = False


def unapplied_migrations() -> list[str]:
    """The migrations not applied yet, as `app.name` (reads the migration files and the
    django_migrations table)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def readiness_problems() -> list[str]:
    """What keeps this process from serving; empty when it is ready."""
    global _migrations_seen_applied
    problems: list[str] = []
    try:
        if not _migrations_seen_applied:
            unapplied = unapplied_migrations()
            if unapplied:
                # A count, not names: the probe is open to anyone, and migration names
                # would tell a stranger which version runs here.
                problems.append(f"migrations: {len(unapplied)} not applied; run `trellis migrate`")
            else:
                _migrations_seen_applied = True
        last_seen = latest_heartbeat()
    except DatabaseError as error:
        return [f"database: not reachable ({type(error).__name__})"]
    if last_seen is None:
        problems.append("worker: no background worker has written a heartbeat")
    elif timezone.now() - last_seen > dead_after():
        age = int((timezone.now() - last_seen).total_seconds())
        problems.append(f"worker: last heartbeat {age} s ago; start `trellis db_worker`")
    return problems


def text(body: str, *, status: int) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return text("ok\n", status=200)


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    problems = readiness_problems()
    if problems:
        response = text("not ready\n" + "".join(f"{line}\n" for line in problems), status=503)
        # A probe polled every few seconds while the worker starts is not a server error:
        # keep it out of django.request's ERROR log (the flag Django itself sets once a
        # response is logged).
        response._has_been_logged = True
        return response
    return text("ready\n", status=200)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbesFirst:
    """Answer `/healthz` and `/readyz` before any other middleware (see the module's
    docstring); every other request goes on down the chain."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
