"""What each of a member's own pages costs the server, one request at a time.

    .venv/bin/python bench/page_costs.py --data-dir PATH [--as EMAIL|busiest]
        [--repeat 30] [--page home ...] [--profile PAGE] [--insights]

Points Trellis at the SQLite file in PATH (or at DATABASE_URL when it is set), signs in as
a member through Django's test client (the demo member by default; `busiest` picks the
member with the most relationships, intros and notifications), and GETs each page: a few
warm-up requests, then `--repeat` timed ones. Prints, per page, the median CPU time this
process spent per request (view, middleware, context processors and template: the server's
work, no network; steadier than wall time on a shared machine), the median and 90th
percentile wall time, the SQL queries and the response size.
`--profile PAGE` prints a pyinstrument profile of that page's timed requests instead
(pyinstrument is not a dependency: install it in your own virtualenv).

`--insights` measures the organiser's insights pages instead (sign in as an organiser).
The test client's sign-in writes one session row: point it at a copy of a data directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBER_PAGES = (
    "home",
    "intros",
    "relationships",
    "relationship",
    "journal",
    "notifications",
    "visibility",
    "profile_edit",
)
# The organiser's insights (issue 16): sign in as an organiser (`--as` their e-mail) to
# measure them, e.g. `--as organiser@demo.trellis.test --page insights --page insights_team`.
INSIGHTS_PAGES = {
    "insights": "insights:overview",
    "insights_growing": "insights:growing",
    "insights_mutual": "insights:mutual",
    "insights_load": "insights:load",
    "insights_seen": "insights:seen",
    "insights_network": "insights:network",
}
# A team's figures are worked out on request from its own rows: the busiest team's.
INSIGHTS_TEAM = "insights_team"
PAGES = (*MEMBER_PAGES, *INSIGHTS_PAGES, INSIGHTS_TEAM)
WARM_UP = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--as", dest="email", default="member@demo.trellis.test")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--page", action="append", choices=PAGES, help="Only these pages.")
    parser.add_argument(
        "--insights", action="store_true", help="The organiser's insights pages only."
    )
    parser.add_argument("--profile", choices=PAGES, help="Print a pyinstrument profile.")
    parser.add_argument("--flat", action="store_true", help="The profile by self time.")
    args = parser.parse_args(argv)
    _configure(args.data_dir)
    import django

    django.setup()
    return _run(args)


def _configure(data_dir: Path) -> None:
    os.environ["TRELLIS_DATA_DIR"] = str(data_dir)
    if "DATABASE_URL" not in os.environ:
        databases = sorted(data_dir.glob("*.sqlite3"))
        if len(databases) != 1:
            raise SystemExit(f"expected one *.sqlite3 file in {data_dir}, found {databases}")
        os.environ["DATABASE_URL"] = f"sqlite:///{databases[0]}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    os.environ.setdefault("TRELLIS_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))


def _run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from trellis.people.models import Member

    settings.ALLOWED_HOSTS = ["*"]
    member = _busiest_member() if args.email == "busiest" else _member_by_email(args.email)
    client = Client()
    client.force_login(member.user)
    print(f"database: {connection.vendor}, {Member.objects.count()} members")
    print(f"signed in as: {member.user.email} (member {member.pk}); {_network(member)}")
    pages = [args.profile] if args.profile else (args.page or list(MEMBER_PAGES))
    if args.insights and not args.profile:
        pages = [*INSIGHTS_PAGES, INSIGHTS_TEAM]
    print(f"{'page':<15}{'cpu ms':>8}{'wall ms':>8}{'p90':>8}{'queries':>9}{'KB':>8}  url")
    for page in pages:
        url = _url(page, member)
        if url is None:
            print(f"{page:<15}{'(nothing to show for this member)':>36}")
            continue
        _measure(client, page, url, args.repeat, profile=bool(args.profile), flat=args.flat)
    return 0


def _measure(client, page: str, url: str, repeat: int, *, profile: bool, flat: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # read now: the next request clears the connection's log
    profiler = _profiler() if profile else None
    timings, cpu_timings = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, flat=flat))
    timings.sort()
    p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
    kilobytes = len(response.content) / 1024
    print(
        f"{page:<15}{statistics.median(cpu_timings):>8.1f}{statistics.median(timings):>8.1f}"
        f"{p90:>8.1f}{query_count:>9}{kilobytes:>8.1f}  {url}"
    )


def _profiler():
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    return profiler


def _member_by_email(email: str):
    from trellis.people.models import Member

    return Member.objects.select_related("user").get(user__email=email)


def _busiest_member():
    """The active member with the most relationships, intros and notifications together."""
    from django.db.models import Count, Q

    from trellis.connections.models import Intro, Relationship
    from trellis.notifications.models import Notification
    from trellis.people.models import Member

    counts: dict[int, int] = {}
    for field in ("member_a", "member_b"):
        for row in Relationship.objects.order_by().values(field).annotate(n=Count("id")):
            counts[row[field]] = counts.get(row[field], 0) + row["n"]
    for field in ("sender", "recipient"):
        for row in Intro.objects.order_by().values(field).annotate(n=Count("id")):
            counts[row[field]] = counts.get(row[field], 0) + row["n"]
    recipient = "recipient" if _has_field(Notification, "recipient") else "member"
    for row in Notification.objects.order_by().values(recipient).annotate(n=Count("id")):
        counts[row[recipient]] = counts.get(row[recipient], 0) + row["n"]
    active = Q(status=Member.Status.ACTIVE, user__isnull=False)
    for member_id in sorted(counts, key=counts.get, reverse=True):
        member = Member.objects.select_related("user").filter(active, pk=member_id).first()
        if member is not None:
            return member
    raise SystemExit("no active member with any relationship, intro or notification")


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _network(member) -> str:
    from django.db.models import Q

    from trellis.connections.models import Intro, Reflection, Relationship

    relationships = Relationship.objects.filter(Q(member_a=member) | Q(member_b=member)).count()
    intros = Intro.objects.filter(Q(sender=member) | Q(recipient=member)).count()
    reflections = Reflection.objects.filter(author=member).count()
    return f"{relationships} relationships, {intros} intros, {reflections} reflections"


def _url(page: str, member) -> str | None:
    from django.db.models import Q
    from django.urls import reverse

    from trellis.connections.models import Relationship

    if page in INSIGHTS_PAGES:
        return reverse(INSIGHTS_PAGES[page]) + "?weeks=52"
    if page == INSIGHTS_TEAM:
        return reverse("insights:growing") + f"?weeks=52&team={_busiest_team()}"
    if page == "relationship":
        relationship = (
            Relationship.objects.filter(Q(member_a=member) | Q(member_b=member))
            .order_by("state", "-pk")  # an active one when there is one
            .first()
        )
        if relationship is None:
            return None
        return reverse("connections:relationship_detail", args=[relationship.pk])
    names = {
        "home": "home:home",
        "intros": "connections:intro_list",
        "relationships": "connections:relationship_list",
        "journal": "connections:reflection_list",
        "notifications": "notifications:notification_list",
        "visibility": "initiatives:visibility",
        "profile_edit": "people:profile_edit",
    }
    return reverse(names[page])


def _busiest_team() -> str:
    """The team whose members are in the most relationships (its page reads the most rows)."""
    from collections import Counter
    from urllib.parse import quote

    from trellis.connections.models import Relationship
    from trellis.people.models import Member

    teams = dict(Member.objects.exclude(team="").values_list("id", "team"))
    counts: Counter = Counter()
    for a, b in Relationship.objects.values_list("member_a_id", "member_b_id").iterator():
        counts.update(teams[m] for m in (a, b) if m in teams)
    return quote(counts.most_common(1)[0][0])


if __name__ == "__main__":
    raise SystemExit(main())
