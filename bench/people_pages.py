"""What the people and organiser pages cost per request on an existing organisation.

    TRELLIS_DATA_DIR=DIR DATABASE_URL=sqlite:///DIR/seed.sqlite3 \\
        .venv/bin/python bench/people_pages.py [--requests 50] [--only NAME ...]

Signs in (without a password) as the member with the most topics and as an organiser, asks
each page `--requests` times through Django's test client (no server, no network) and
prints, per page: the mean and 95th-percentile wall time and the mean CPU time of this
process in milliseconds (the database's disk waits are in the first, not the second), the
bytes of one response and its number of SQL queries. Point it at a seeded copy (`bench/seed_demo.py
--members 100000 --keep`), never at the original other people use: a GET writes nothing,
but a session is stored when it signs in.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--only", nargs="*", help="Only the pages with these names.")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    pages = _pages()
    print(f"{'page':<26} {'mean ms':>8} {'p95 ms':>8} {'cpu ms':>7} {'bytes':>9} {'queries':>7}")
    for name, (client, url) in pages.items():
        if args.only and name not in args.only:
            continue
        measured = _measure(client, url, args.requests)
        if measured is None:
            print(f"{name:<26} not served here   {url}")
            continue
        mean, p95, cpu, size, queries = measured
        print(f"{name:<26} {mean:8.1f} {p95:8.1f} {cpu:7.1f} {size:9d} {queries:7d}   {url}")
    return 0


def _pages() -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from trellis.matching.models import Round
    from trellis.people.models import Member, Topic

    member = (
        Member.objects.filter(status=Member.Status.ACTIVE)
        .annotate(n=Count("profile_topics"))
        .order_by("-n", "pk")
        .first()
    )
    organiser = get_user_model().objects.filter(is_organiser=True).order_by("pk").first()
    topic = Topic.objects.annotate(n=Count("profile_topics")).order_by("-n").first()
    team = member.team or Member.objects.exclude(team="").values_list("team", flat=True)[0]
    as_member, as_organiser = Client(), Client()
    as_member.force_login(member.user)
    as_organiser.force_login(organiser)
    review = Round.objects.order_by("-pk").first()
    pages = {
        "directory": (as_member, "/people/"),
        "directory ?q=k8s": (as_member, "/people/?q=k8s"),
        "directory ?q=an": (as_member, "/people/?q=an"),
        "directory ?topic=": (as_member, f"/people/?topic={topic.slug}"),
        "directory ?team=": (as_member, f"/people/?team={team}"),
        "team suggestions": (as_member, f"/people/teams/?team={team[:3]}"),
        "profile": (as_member, f"/people/{member.pk}/"),
        "topic": (as_member, f"/topics/{topic.slug}/"),
        "unseen contributors": (as_organiser, "/organiser/unseen-contributors/"),
        "unseen contributors csv": (as_organiser, "/organiser/unseen-contributors/?format=csv"),
        "rounds": (as_organiser, "/organise/rounds/"),
    }
    if review is not None:
        pages["round review"] = (as_organiser, review.get_absolute_url())
    return pages


def _measure(client, url: str, requests: int) -> tuple[float, float, float, int, int] | None:
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        first = client.get(url)
    if first.status_code != 200:
        return None
    timings, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    size = len(first.content) if not first.streaming else 0
    return statistics.mean(timings), p95, statistics.mean(cpu), size, len(executed)


if __name__ == "__main__":
    raise SystemExit(main())
