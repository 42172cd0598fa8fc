"""How long building and sending the weekly digest takes, for a whole organisation.

    .venv/bin/python bench/digest.py [--members 1000] [--batch-size 200]
    .venv/bin/python bench/digest.py --data-dir DIR [--batch-size 200]

Without --data-dir it seeds the demo organisation of `--members` people into a fresh
SQLite file and works out, as the background worker would, who could help whom and which
initiatives fit whom (timed apart: that is the worker's daily work, not the digest's).
With --data-dir it uses the `seed.sqlite3` in DIR as it is (e.g. a COPY of /tmp/ins100k:
the bench writes the digest's rows into it). Then it sends one week's digest with
`digest_run_send`, as the worker does, through Django's locmem mail backend (each message
is serialised as SMTP would; the outbox is emptied after every batch), and prints: the
members looked at, e-mails sent and members skipped, the total time and e-mails a second,
the slowest and median batch, the queries of one batch, the mean size of an e-mail and the
peak memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--data-dir", type=Path, help="use DIR/seed.sqlite3 (give a copy)")
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="trellis-digest-bench-"))
    os.environ |= {
        "TRELLIS_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'seed.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "trellis.settings",
        "TRELLIS_DIGEST_ENABLED": "true",
        "TRELLIS_DIGEST_BATCH_SIZE": str(args.batch_size),
        "TRELLIS_SITE_URL": "https://trellis.example.org",
        "TRELLIS_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        if args.data_dir is None:
            _seed(args.members)
        _send_one_week()
    finally:
        if args.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def _seed(members: int) -> None:
    from django.conf import settings

    from trellis.demo.seed import demo_organisation_create
    from trellis.initiatives import fit
    from trellis.matching.helping import helpers_refresh_everything
    from trellis.people.services import vocabulary_load

    started = time.perf_counter()
    vocabulary_load(path=settings.TOPICS_FILE)
    demo_organisation_create(members=members)
    seeded = time.perf_counter()
    helpers_refresh_everything()
    fit.fit_refresh(member_ids=None)
    print(
        f"setup (not the digest's): demo of {members:,} members {seeded - started:.1f} s; "
        f"helpers and initiative fit worked out {time.perf_counter() - seeded:.1f} s"
    )


class _Batches:
    """Wraps `digest_batch_send`: times each batch, counts the first batch's queries,
    measures the e-mails and empties the locmem outbox (bounded memory, as SMTP is)."""

    def __init__(self, services):
        self.services = services
        self.real = services.digest_batch_send
        self.seconds: list[float] = []
        self.first_queries = 0
        self.sizes: list[int] = []

    def __call__(self, **kwargs):
        from django.core import mail
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            outcome = self.real(**kwargs)
        if outcome is not None:
            self.seconds.append(time.perf_counter() - started)
            self.first_queries = self.first_queries or len(captured)
            self.sizes += [len(m.message().as_bytes()) for m in mail.outbox[:20]]
        mail.outbox = []
        return outcome


def _send_one_week() -> None:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from trellis.integrations.digest import selectors, services
    from trellis.integrations.digest.models import DigestRun

    DigestRun.objects.all().delete()  # a copy used before: this week again
    batches = _Batches(services)
    services.digest_batch_send = batches
    now = timezone.now()
    started = time.perf_counter()
    selectors.week_news(since=now - services.WEEK)
    news_seconds = time.perf_counter() - started
    run = services.digest_run_for_now(now=now)
    started = time.perf_counter()
    run = services.digest_run_send(run_id=run.pk, now=now)
    seconds = time.perf_counter() - started
    looked_at = run.sent + run.skipped
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {connection.vendor}; batch size {settings.DIGEST_BATCH_SIZE}")
    print(f"members looked at:    {looked_at:>10,}")
    print(f"e-mails sent:         {run.sent:>10,}")
    print(f"skipped (nothing new):{run.skipped:>10,}")
    print(f"week's topic news:    {news_seconds:>10.2f} s (read once a run)")
    print(
        f"whole run:            {seconds:>10.1f} s ({run.sent / max(seconds, 1e-9):,.0f} e-mails/s)"
    )
    if batches.seconds:
        print(
            f"batches:              {len(batches.seconds):>10,} "
            f"(median {statistics.median(batches.seconds):.2f} s, "
            f"slowest {max(batches.seconds):.2f} s)"
        )
        print(f"queries in one batch: {batches.first_queries:>10}")
    if batches.sizes:
        print(f"mean e-mail size:     {statistics.mean(batches.sizes) / 1024:>10.1f} KB")
    print(f"peak memory:          {peak_mb:>10.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
