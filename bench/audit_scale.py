"""The audit page and export against a big log, on a fresh SQLite (or DATABASE_URL).

    .venv/bin/python bench/audit_scale.py [--events 1000000]

Writes `--events` events spread over a year (a fifth of them sign-in failures, a few
hundred by one rare actor), then times, each the median of five runs: the newest page,
the fiftieth page down (by its cursor), a page of one action, a page of one rare actor's
events (by whole address, and by its start), a day's range; the queries each page
makes; the export's rate (events a second) and its size; and pruning a month past a
retention of 335 days.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = (
    "sign_in.succeeded",
    "sign_in.failed",
    "sign_out.succeeded",
    "round.published",
    "sign_in.succeeded",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="trellis-audit-bench-"))
    os.environ["TRELLIS_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    try:
        migrate = [sys.executable, "-m", "trellis.cli", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, check=True, cwd=ROOT)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        _fill(args.events)
        _measure(args.events)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def _fill(count: int) -> None:
    from django.utils import timezone

    from trellis.audit.models import AuditEvent

    now = timezone.now()
    step = timedelta(days=365) / count
    started = time.perf_counter()
    batch: list[AuditEvent] = []
    for n in range(count):
        rare = n % 5000 == 0
        batch.append(
            AuditEvent(
                at=now - step * (count - n),
                action=ACTIONS[n % len(ACTIONS)],
                actor_label="rare@example.org" if rare else f"member{n % 3000}@example.org",
                target=f"login {n % 3000}",
                ip_address=f"192.0.2.{n % 250}",
                details={"n": n} if n % 7 == 0 else {},
            )
        )
        if len(batch) == 10_000:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)
    print(f"{count:,} events written in {time.perf_counter() - started:.1f} s")


def _median_ms(run, times: int = 5) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _measure(count: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from trellis.audit import selectors, services
    from trellis.audit.selectors import EventFilter

    def page(event_filter: EventFilter | None = None, older_than: int | None = None):
        return selectors.events_page(event_filter or EventFilter(), older_than=older_than)

    cursor = None
    for _ in range(49):
        cursor = page(older_than=cursor).older_than
    day = timezone.localdate() - timedelta(days=100)
    cases = {
        "newest page": lambda: page(),
        "50th page (cursor)": lambda: page(older_than=cursor),
        "one action": lambda: page(EventFilter(action="round.published")),
        "a rare actor": lambda: page(EventFilter(actor="rare@example.org")),
        "a rare actor's start": lambda: page(EventFilter(actor="rare@")),
        "one day": lambda: page(EventFilter(since=day, until=day)),
    }
    print(f"Page of {selectors.PAGE_SIZE} events, median of 5, at {count:,} events:")
    for name, run in cases.items():
        with CaptureQueriesContext(connection) as queries:
            run()
        print(f"  {name:<22} {_median_ms(run):8.1f} ms   {len(queries)} query")
    started = time.perf_counter()
    size = sum(
        len(line)
        for line in services.events_as_json_lines(selectors.events_matching(EventFilter()))
    )
    seconds = time.perf_counter() - started
    print(f"Export: {count / seconds:,.0f} events/s, {size / count:.0f} bytes an event")
    from django.conf import settings

    settings.AUDIT_RETENTION_DAYS = 335
    started = time.perf_counter()
    deleted = services.events_prune()
    print(f"Prune past 335 days: {deleted:,} events in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
