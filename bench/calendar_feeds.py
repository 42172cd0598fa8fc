"""What a milestone feed costs at 300 members and at 100,000, on a fresh SQLite (or
DATABASE_URL).

    .venv/bin/python bench/calendar_feeds.py [--members 300 100000] [--repeat 20]

For each size: members in bulk, one open initiative per 50 members (each with three
milestones and its lead's end), every member on one team. Then GETs, through Django's test
client (middleware included, no network), a member's feed and an organiser's (who follows
every open initiative), and prints per feed the median and 90th percentile wall time of
`--repeat` requests after three warm-up ones, the SQL queries and the response size. A
member's feed should cost the same at both sizes; an organiser's grows with the number of
open initiatives it lists (its queries do not).
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
MEMBERS_PER_INITIATIVE = 50
BATCH = 5_000
WARM_UP = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[300, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    for members in args.members:
        _one_size(members, args.repeat)
    return 0


def _one_size(members: int, repeat: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="trellis-calendar-bench-"))
    environ = dict(os.environ, TRELLIS_DATA_DIR=str(data_dir))
    environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'bench.sqlite3'}")
    environ |= {"DJANGO_SETTINGS_MODULE": "trellis.settings", "TRELLIS_CALENDAR_FEEDS": "true"}
    try:
        migrate = [sys.executable, "-m", "trellis.cli", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, check=True, cwd=ROOT, env=environ)
        # Each size in a process of its own: a fresh database and a fresh Django.
        code = f"import bench.calendar_feeds as b; b._measure({members}, {repeat})"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=environ)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _fill(members: int) -> tuple:
    from django.utils import timezone

    from trellis.accounts.models import User
    from trellis.initiatives.models import Initiative, Milestone, Volunteer
    from trellis.people.models import Member

    started = time.perf_counter()
    for start in range(0, members, BATCH):
        numbers = range(start, min(members, start + BATCH))
        User.objects.bulk_create(
            [User(email=f"m{n}@example.org", is_organiser=n == 1) for n in numbers]
        )
    users = list(User.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, members, BATCH):
        Member.objects.bulk_create(
            [Member(user_id=pk, display_name=f"Member {pk}") for pk in users[start : start + BATCH]]
        )
    people = list(Member.objects.order_by("pk").values_list("pk", flat=True))
    now, today = timezone.now(), timezone.localdate()
    leads = people[::MEMBERS_PER_INITIATIVE]
    Initiative.objects.bulk_create(
        [
            Initiative(
                lead_id=lead,
                title=f"Initiative of {lead}",
                problem="A problem.",
                ends_on=today + timedelta(days=90),
                state=Initiative.State.OPEN,
                opened_at=now,
            )
            for lead in leads
        ],
        batch_size=BATCH,
    )
    initiatives = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    Milestone.objects.bulk_create(
        [
            Milestone(initiative_id=pk, title=f"Step {step}", due_on=today + timedelta(days=step))
            for pk in initiatives
            for step in (10, 30, 60)
        ],
        batch_size=BATCH,
    )
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                initiative_id=initiatives[n // MEMBERS_PER_INITIATIVE],
                member_id=pk,
                brings="Help.",
                state=Volunteer.State.ACCEPTED,
            )
            for n, pk in enumerate(people)
            if pk not in set(leads[n // MEMBERS_PER_INITIATIVE : n // MEMBERS_PER_INITIATIVE + 1])
        ],
        batch_size=BATCH,
    )
    print(
        f"{members:,} members, {len(initiatives):,} open initiatives: "
        f"filled in {time.perf_counter() - started:.1f} s"
    )
    return Member.objects.get(user__email="m2@example.org"), Member.objects.get(
        user__email="m1@example.org"
    )


def _measure(members: int, repeat: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from trellis.integrations.calendars.services import feed_make

    settings.ALLOWED_HOSTS = ["*"]
    member, organiser = _fill(members)
    client = Client()
    for label, who in (("member", member), ("organiser", organiser)):
        url = f"/calendar/{feed_make(member=who).secret}/milestones.ics"
        for _ in range(WARM_UP):
            client.get(url)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(
            f"  {label:9} feed: median {statistics.median(times):7.1f} ms, p90 {p90:7.1f} ms, "
            f"{len(queries)} queries, {len(response.content):,} bytes"
        )


if __name__ == "__main__":
    sys.exit(main())
