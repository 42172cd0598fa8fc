"""How fast the signed-in pages are under load: `trellis serve`, wrk, a static file as the ceiling.

    .venv/bin/python bench/web_load.py --members 300
    .venv/bin/python bench/web_load.py --members 100000 --data-dir PATH   # a seeded copy
    .venv/bin/python bench/web_load.py --members 300 --database-url postgres://...

1. The organisation: the demo organisation (`trellis demo --no-serve`: members, network,
   initiatives, a published round, who could help whom) of --members people and --seed,
   in a SQLite file kept in a cache directory keyed by both (reused by the next run;
   --fresh seeds again), or in --data-dir, or in the PostgreSQL database of
   --database-url (seeded when empty, reused otherwise). The database must hold that many
   members (plus the demo's two named accounts), or the run stops.
2. The server: `trellis serve --workers 2 --no-worker` on a free loopback port, waited
   for on /healthz, then /readyz (whose only complaint may be the background worker that
   is deliberately off: pages must not depend on it, and it would take CPU from the
   server in the middle of a measurement). --with-worker starts it and waits for /readyz.
3. The people: the demo member (`member@demo.trellis.test`, the busy one: relationships,
   intros, a journal, notifications) and the demo organiser sign in through the sign-in
   form (GET for the CSRF token, POST of the demo password); each page's id is the
   busiest one that person can see (see `PageIds`).
4. A first visit: every page once, and what a browser posts once a page has loaded
   (`hx-trigger="load"`: the "being worked out" lists) is posted too; then the
   background worker runs once over the queue (`trellis db_worker --batch`), so pages are
   measured in the state a member sees from their second visit on; then each page is
   asked for on every server worker at once, so that no worker's first rendering is
   timed. Every page must answer 200 to its person: a redirect (to the sign-in page: a
   wrong session) stops the run.
5. The load: for each page, `wrk -t2 -c8 -d10s --latency` with the person's cookies, a
   Lua script counting every status (wrk itself counts a 302 as a success), the static
   file first as the ceiling. Non-2xx responses and socket errors are errors.

It prints one row per page: requests/s, p50 and p99 in ms, the ratio to the ceiling, KB
per response (wrk's bytes read / responses: headers included, uncompressed), errors, and
the issue 15 targets checked per row: every page >= 0.05 x the ceiling with p99 <= 150
ms, home, the directory and a relationship >= 0.1 x, no response over 200 KB; with
--baseline (the --json of a run at 300 members) also no page more than 1.5 x slower.
The API (issue 15 lists it) does not exist yet: no row for it.

wrk is the only load generator (`apt-get install wrk`; macOS: `brew install wrk`): one
C binary whose figures do not depend on the Python process that starts it. Exit status:
0 when every page answered 2xx throughout (missed targets, and a page so slow that no
response came back within --duration, are printed, not failed), 1 otherwise, 2 when
something needed is missing.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SQLITE_NAME = "trellis.sqlite3"
NAMED_MEMBERS = 2  # the demo member and the demo organiser, beside the --members people
STATIC_PATH = "/static/trellis/trellis.css"
# The first visit's derived data (who could help the member: an engine run over everyone)
# takes minutes at 100,000 members on a busy 2-core machine.
QUEUE_MOST_SECONDS = 3600

# Issue 15's targets.
RATIO_EVERY_PAGE = 0.05
RATIO_BUSIEST_PAGES = 0.1
P99_MOST_MS = 150.0
KB_MOST = 200.0
GROWTH_MOST = 1.5


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # "member", "organiser", or "" for the static file
    path: str  # a template: {profile}, {topic}, {query}, {relationship}, {initiative}, {round},
    # {team}
    least_ratio: float = RATIO_EVERY_PAGE


CEILING = Page("static file", "", STATIC_PATH, least_ratio=0.0)
PAGES = (
    Page("home", "member", "/", RATIO_BUSIEST_PAGES),
    Page("directory", "member", "/people/", RATIO_BUSIEST_PAGES),
    Page("directory ?q=", "member", "/people/?q={query}", RATIO_BUSIEST_PAGES),
    Page("profile", "member", "/people/{profile}/"),
    Page("topic", "member", "/topics/{topic}/"),
    Page("intros", "member", "/intros/"),
    Page("relationships", "member", "/relationships/"),
    Page("relationship", "member", "/relationships/{relationship}/", RATIO_BUSIEST_PAGES),
    Page("journal", "member", "/journal/"),
    Page("notifications", "member", "/notifications/"),
    Page("visibility", "member", "/visibility/"),
    Page("initiatives", "member", "/initiatives/"),
    Page("initiative", "member", "/initiatives/{initiative}/"),
    Page("rounds", "organiser", "/organise/rounds/"),
    Page("round review", "organiser", "/organise/rounds/{round}/"),
    Page("unseen contributors", "organiser", "/organiser/unseen-contributors/"),
    # Issue 16's insights: everyone's and each discipline's figures are kept by the worker,
    # a team's are counted on request (bounded by the team), the network is drawn on it.
    Page("insights", "organiser", "/organise/insights/"),
    Page("insights growing", "organiser", "/organise/insights/growing/?weeks=26"),
    Page("insights load", "organiser", "/organise/insights/load/?weeks=52"),
    Page("insights team", "organiser", "/organise/insights/mutual/?weeks=26&team={team}"),
    Page("insights network", "organiser", "/organise/insights/network/?weeks=52"),
)
PAGE_KEYS = {page.name.replace(" ?q=", "-q").replace(" ", "-"): page for page in PAGES}

# Counts every status (wrk's own summary counts only >= 400 as errors, and a 302 to the
# sign-in page as a success) and prints wrk's exact figures as one JSON line at the end.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local counted = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counted[status] = (counted[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counted) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'WEB_LOAD {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d,'
    .. ' "socket_errors": %d, "timeouts": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write, e.timeout, table.concat(parts, ", ")))
end
"""
WRK_LINE = re.compile(r"^WEB_LOAD (\{.*\})$", re.MULTILINE)


class Stop(Exception):
    """The run cannot go on; the message says why and what to do."""


@dataclass
class Result:
    name: str
    url_path: str
    who: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    kb_per_response: float
    errors: int
    statuses: dict[str, int]
    # 200s answered to this page's person before the load (the run stops on anything else).
    answered_before_load: int = 0
    ratio: float | None = None
    growth: float | None = None  # the baseline's req/s over this run's
    checks: dict[str, bool] = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        pages = _chosen_pages(args.pages)
        wrk = shutil.which("wrk")
        if wrk is None:
            raise Stop(
                "wrk is not installed; it is this benchmark's load generator. Install it: "
                "`apt-get install wrk` (Debian, Ubuntu), `brew install wrk` (macOS)."
            )
        baseline = _read_baseline(args.baseline) if args.baseline else None
        return _run(args, pages, wrk, baseline)
    except Stop as stop:
        print(f"web_load: {stop}", file=sys.stderr)
        return 2 if "not installed" in str(stop) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="TRELLIS_DATA_DIR to use (its *.sqlite3 file, seeded if there is none); "
        "default: a cache directory per --members and --seed.",
    )
    parser.add_argument(
        "--database-url", help="A PostgreSQL database (postgres://...) instead of SQLite."
    )
    parser.add_argument("--fresh", action="store_true", help="Seed the cached SQLite again.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--with-worker", action="store_true", help="Run the background worker.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds per page (default 10).")
    parser.add_argument("--connections", type=int, default=8, help="Open connections (default 8).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument(
        "--pages",
        help=f"Comma-separated subset of: {', '.join(PAGE_KEYS)} (default: all).",
    )
    parser.add_argument("--query", help="The directory's ?q= (default: the commonest topic).")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="The --json of an earlier run (e.g. at 300 members): adds each page's growth.",
    )
    return parser


def _chosen_pages(names: str | None) -> tuple[Page, ...]:
    if not names:
        return PAGES
    chosen = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in PAGE_KEYS]
    if unknown:
        raise Stop(f"unknown page(s) {', '.join(unknown)}; choose from {', '.join(PAGE_KEYS)}")
    return tuple(PAGE_KEYS[name] for name in chosen)


def _read_baseline(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {page["name"]: page["rps"] for page in data["pages"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Stop(f"cannot read the baseline {path}: {error}") from None


# --- The organisation -------------------------------------------------------------------


def _data_dir(args) -> Path:
    if args.data_dir:
        return args.data_dir.resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "trellis" / "web-load" / f"members-{args.members}-seed-{args.seed}"


def _database_url(args, data_dir: Path) -> str:
    if args.database_url:
        if not args.database_url.startswith(("postgres://", "postgresql://")):
            raise Stop("--database-url must be a PostgreSQL URL (postgres://...)")
        return args.database_url
    existing = sorted(data_dir.glob("*.sqlite3"))
    if len(existing) > 1:
        raise Stop(f"{data_dir} holds several SQLite files ({', '.join(map(str, existing))})")
    path = existing[0] if existing else data_dir / SQLITE_NAME
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class PageIds:
    """What the pages' addresses need: the busiest thing each person can see."""

    profile: int  # the other person in `relationship`
    topic: str  # the slug of the topic on the most profiles
    query: str  # the directory's ?q= (that topic's name unless --query)
    relationship: int  # the demo member's relationship with the most exchanges
    initiative: int  # the open or underway initiative with the most volunteers
    round: int  # the latest round the engine ran and published
    team: str = ""  # the demo member's team (the insights of one team)


def _prepare(args, env: dict[str, str]) -> tuple[PageIds, str, int]:
    """Migrate, seed when needed, make sure a round is published; the pages' ids, the
    database's vendor and how many members it holds."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from trellis.demo.seed import demo_organisation_exists
    from trellis.people.models import Member

    call_command("migrate", interactive=False, verbosity=0)
    if not demo_organisation_exists():
        if Member.objects.exists():
            raise Stop("the database holds members but no demo organisation: use another one")
        print(f"Seeding a demo organisation of {args.members} members (seed {args.seed})...")
        started = time.perf_counter()
        said = io.StringIO()
        call_command(
            "demo", no_serve=True, members=args.members, seed=args.seed, verbosity=0, stdout=said
        )
        for line in said.getvalue().splitlines():
            if line.startswith(("Seeded", "Published", "Worked out", "No demo round")):
                print(f"  {line}")
        print(f"  seeded in {time.perf_counter() - started:.0f} s")
    members = Member.objects.count()
    if members != args.members + NAMED_MEMBERS:
        raise Stop(
            f"the database holds {members} members, not {args.members} (+{NAMED_MEMBERS} "
            f"named accounts): pass --members {members - NAMED_MEMBERS}, or another "
            "--data-dir / --database-url"
        )
    _ensure_published_round(args.members)
    _ensure_insights()
    ids = _page_ids(args.query)
    vendor = connection.vendor
    connection.close()
    return ids, vendor, members


def _ensure_published_round(members: int) -> None:
    """A data directory seeded by `bench/seed_demo.py` has no round: run and publish one
    the way `trellis demo` does (over everyone, or above its limit over the people who
    work on the demo member's commonest topic)."""
    from django.db.models import Count

    from trellis.accounts.models import User
    from trellis.demo.accounts import MEMBER_EMAIL, ORGANISER_EMAIL
    from trellis.demo.management.commands.demo import ROUND_EVERYONE_UP_TO
    from trellis.matching.models import Round
    from trellis.matching.runs import round_run
    from trellis.matching.services import round_create, round_publish
    from trellis.people.models import Member, ProfileTopic, Topic

    # The demo's past rounds (`trellis.demo.history`) keep no figures: not one to review.
    if Round.objects.filter(state=Round.State.PUBLISHED).exclude(metrics={}).exists():
        return
    organiser = User.objects.get(email=ORGANISER_EMAIL)
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    cohort = "all"
    if members > ROUND_EVERYONE_UP_TO:
        working_on = member.profile_topics.filter(statement=ProfileTopic.Statement.WORKING_ON)
        topic = (
            Topic.objects.filter(pk__in=working_on.values("topic_id"))
            .annotate(people=Count("profile_topics__member", distinct=True))
            .order_by("-people", "name")
            .first()
        )
        if topic is None:
            raise Stop("the demo member works on no topic: no round can be seeded")
        cohort = f"topic:{topic.slug}"
    print(f"Running and publishing a round over {cohort} (the data has none)...")
    started = time.perf_counter()
    round_obj = round_create(organiser=organiser, cohort=cohort, enqueue=False)
    round_obj = round_run(round_id=round_obj.pk)
    if round_obj.state != Round.State.DONE:
        raise Stop(f"the round failed: {round_obj.failure_reason}")
    round_publish(round_id=round_obj.pk, organiser=organiser)
    print(f"  round {round_obj.pk} published in {time.perf_counter() - started:.0f} s")


def _ensure_insights() -> None:
    """The insights as the background worker keeps them (`trellis sweep` asks it once a
    day): worked out here when the data has none, so that the pages show the figures and
    the worker can stay off during the load."""
    from trellis.insights.services import insights_run, work_out_insights

    run = insights_run()
    if run is not None and run.computed_at is not None:
        return
    print("Working out the insights (the data has none)...")
    started = time.perf_counter()
    cohorts = work_out_insights()
    print(f"  {cohorts} cohorts worked out in {time.perf_counter() - started:.0f} s")


def _page_ids(query: str | None) -> PageIds:
    from django.db.models import Count, Q

    from trellis.connections.models import Relationship
    from trellis.demo.accounts import MEMBER_EMAIL
    from trellis.initiatives.models import Initiative
    from trellis.matching.models import Round
    from trellis.people.models import Member, Topic

    member = Member.objects.get(user__email=MEMBER_EMAIL)
    relationship = (
        Relationship.objects.filter(Q(member_a=member) | Q(member_b=member))
        .annotate(exchange_count=Count("exchanges"))
        .order_by("-exchange_count", "pk")
        .first()
    )
    topic = (
        Topic.objects.annotate(people=Count("profile_topics")).order_by("-people", "name").first()
    )
    initiative = (
        Initiative.objects.filter(state__in=[Initiative.State.OPEN, Initiative.State.UNDERWAY])
        .annotate(volunteer_count=Count("volunteers"))
        .order_by("-volunteer_count", "pk")
        .first()
    )
    round_obj = (
        Round.objects.filter(state=Round.State.PUBLISHED)
        .exclude(metrics={})
        .order_by("-pk")
        .first()
    )
    missing = [
        name
        for name, found in (
            ("a relationship of the demo member", relationship),
            ("a topic", topic),
            ("an open initiative", initiative),
            ("a published round", round_obj),
        )
        if found is None
    ]
    if missing:
        raise Stop(f"the organisation has no {', no '.join(missing)}")
    other = (
        relationship.member_b_id
        if relationship.member_a_id == member.pk
        else relationship.member_a_id
    )
    return PageIds(
        profile=other,
        topic=topic.slug,
        query=query or topic.name,
        relationship=relationship.pk,
        initiative=initiative.pk,
        round=round_obj.pk,
        team=member.team,
    )


def _url_path(page: Page, ids: PageIds) -> str:
    values = asdict(ids)
    values["query"] = urllib.parse.quote_plus(ids.query)
    values["team"] = urllib.parse.quote_plus(ids.team)
    return page.path.format(**values)


# --- The server -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _start_server(args, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "trellis.cli",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(args.workers),
    ]
    if not args.with_worker:
        command.append("--no-worker")
    with log.open("wb") as out:
        return subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # `serve` passes it on to gunicorn
    try:
        server.wait(timeout=45)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _wait_until_ready(server: subprocess.Popen, port: int, log: Path, with_worker: bool) -> str:
    """Poll /healthz (or /readyz with the worker) until it answers 200; what /readyz says."""
    probe = "/readyz" if with_worker else "/healthz"
    deadline = time.monotonic() + 180
    while True:
        if server.poll() is not None:
            raise Stop(f"`trellis serve` stopped (status {server.returncode}):\n{_tail(log)}")
        try:
            status, _, _ = _request(port, "GET", probe)
        except OSError:
            status = 0
        if status == 200:
            break
        if time.monotonic() > deadline:
            raise Stop(f"{probe} did not answer 200 within 180 s:\n{_tail(log)}")
        time.sleep(0.5)
    status, _, body = _request(port, "GET", "/readyz")
    problems = [line for line in body.decode().splitlines()[1:] if line.strip()]
    if status != 200 and not all(line.startswith("worker:") for line in problems):
        raise Stop(f"/readyz: {status} {body.decode()}")
    return body.decode().splitlines()[0] if status == 200 else "ready but for the worker (off)"


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _request(
    port: int, method: str, path: str, *, headers: dict[str, str] | None = None, body: str = ""
) -> tuple[int, dict[str, list[str]], bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        received: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            received.setdefault(name.lower(), []).append(value)
        return response.status, received, response.read()
    finally:
        connection.close()


# --- Signing in and the first visit -----------------------------------------------------


@dataclass
class Session:
    who: str
    cookies: dict[str, str]

    @property
    def header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def _cookies(headers: dict[str, list[str]]) -> dict[str, str]:
    found = {}
    for line in headers.get("set-cookie", []):
        name, _, rest = line.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def _sign_in(port: int, who: str, email: str, password: str) -> Session:
    """Through the sign-in form, as a browser does: its CSRF token, then the POST."""
    status, headers, body = _request(port, "GET", "/accounts/sign-in/")
    cookies = _cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None or "csrftoken" not in cookies:
        raise Stop(f"the sign-in page answered {status} without a CSRF token")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": email, "password": password}
    )
    status, headers, _ = _request(
        port,
        "POST",
        "/accounts/sign-in/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
        body=form,
    )
    cookies.update(_cookies(headers))
    if status != 302 or "sessionid" not in cookies:
        raise Stop(f"signing in as {email} answered {status}, not a redirect with a session")
    return Session(who, cookies)


LOAD_POST = re.compile(r'hx-post="([^"]+)"\s+hx-trigger="load"')


def _visit(port: int, session: Session, path: str) -> bytes:
    """GET a page as `session`; stop the run unless it answers 200."""
    status, headers, body = _request(port, "GET", path, headers={"Cookie": session.header})
    if status != 200:
        where = headers.get("location", [""])[0]
        why = " (the session is not signed in)" if "sign-in" in where else ""
        raise Stop(f"GET {path} as the {session.who} answered {status} {where}{why}")
    return body


def _first_visit(port: int, sessions: dict[str, Session], paths: list[tuple[str, str]]) -> int:
    """Every page once, and what each page posts once loaded; how many such posts."""
    posted = 0
    for who, path in paths:
        session = sessions[who]
        body = _visit(port, session, path).decode(errors="replace")
        for target in dict.fromkeys(LOAD_POST.findall(body)):
            status, _, _ = _request(
                port,
                "POST",
                target.replace("&amp;", "&"),
                headers={
                    "Cookie": session.header,
                    "X-CSRFToken": session.cookies["csrftoken"],
                    "HX-Request": "true",
                    "Referer": f"http://{HOST}:{port}{path}",
                },
            )
            if not 200 <= status < 300:
                raise Stop(f"POST {target} (asked for by {path}) answered {status}")
            posted += 1
    return posted


def _warm(port: int, session: Session, path: str, workers: int) -> None:
    """GET a page on every server worker (twice as many requests at once as there are
    workers), so that no worker's first rendering of it (templates, lazy imports) is
    timed; each must answer 200."""
    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        list(pool.map(lambda _: _visit(port, session, path), range(2 * workers)))


def _work_through_the_queue(env: dict[str, str], log: Path) -> float:
    """`trellis db_worker --batch`: run every queued task, then stop; its seconds."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "trellis.cli", "db_worker", "--batch", "--no-startup-delay"]
    with log.open("ab") as out:
        try:
            done = subprocess.run(
                command,
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=QUEUE_MOST_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise Stop(
                f"`trellis db_worker --batch` had not emptied the queue after "
                f"{QUEUE_MOST_SECONDS} s (see {log})"
            ) from None
    if done.returncode != 0:
        raise Stop(f"`trellis db_worker --batch` failed ({done.returncode}):\n{_tail(log)}")
    return time.perf_counter() - started


def _queue_empty(env: dict[str, str]) -> bool:
    command = [
        sys.executable,
        "-c",
        "import django; django.setup(); "
        "from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.filter(status__in=['READY', 'RUNNING']).count())",
    ]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise Stop(f"cannot read the task queue:\n{done.stderr}")
    return done.stdout.strip() == "0"


# --- The load ---------------------------------------------------------------------------


def _load(wrk: str, args, port: int, script: Path, path: str, cookie: str) -> dict:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(script),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://{HOST}:{port}{path}")
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 120)
    found = WRK_LINE.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise Stop(f"wrk failed on {path} ({done.returncode}):\n{done.stdout}{done.stderr}")
    return json.loads(found.group(1))


def _settle(log: Path, result: Result) -> float:
    """Wait until the server has finished the requests wrk left behind; the seconds waited.

    When wrk stops, the connections it opened last are still in the server's accept queue
    with their requests sent: gunicorn answers each of them (to a closed socket) before
    anything else. Without waiting, a slow page's leftovers would be timed as the next
    page's. Done when no access-log line has been written for twice this page's p99
    (or the run's length when no response came back within it; from 0.5 s to 30 s).
    """
    slowest = result.p99_ms / 1000 if result.requests else result.seconds  # none came back
    quiet_for = min(max(0.5, 2 * slowest), 30.0)
    started = time.monotonic()
    last_size, last_change = -1, started
    while time.monotonic() - started < 300:
        size = log.stat().st_size
        now = time.monotonic()
        if size != last_size:
            last_size, last_change = size, now
        elif now - last_change >= quiet_for:
            break
        time.sleep(0.1)
    return time.monotonic() - started


def _result(page: Page, path: str, figures: dict) -> Result:
    requests = figures["requests"]
    seconds = figures["duration_us"] / 1e6
    statuses = {str(k): v for k, v in sorted(figures["statuses"].items())}
    not_ok = sum(n for status, n in statuses.items() if not status.startswith("2"))
    return Result(
        name=page.name,
        url_path=path,
        who=page.who,
        requests=requests,
        seconds=round(seconds, 3),
        rps=round(requests / seconds, 1) if seconds else 0.0,
        p50_ms=round(figures["p50_us"] / 1000, 1),
        p99_ms=round(figures["p99_us"] / 1000, 1),
        kb_per_response=round(figures["bytes"] / max(requests, 1) / 1024, 1),
        errors=not_ok + figures["socket_errors"] + figures["timeouts"],
        statuses=statuses,
    )


def _check(result: Result, page: Page, ceiling: Result | None, baseline) -> None:
    answered = result.requests > 0  # else every request took longer than the run
    result.checks["answered"] = answered
    result.checks["no errors"] = result.errors == 0
    if page is CEILING:
        return
    if ceiling and ceiling.rps:
        result.ratio = round(result.rps / ceiling.rps, 3)
        result.checks[f">= {page.least_ratio:g}x"] = result.ratio >= page.least_ratio
    result.checks[f"p99 <= {P99_MOST_MS:g} ms"] = answered and result.p99_ms <= P99_MOST_MS
    if answered:
        result.checks[f"<= {KB_MOST:g} KB"] = result.kb_per_response <= KB_MOST
    if baseline and baseline.get(page.name):
        if answered and result.rps:
            result.growth = round(baseline[page.name] / result.rps, 2)
        ok = result.growth is not None and result.growth <= GROWTH_MOST
        result.checks[f"<= {GROWTH_MOST:g}x slower"] = ok


# --- The run ----------------------------------------------------------------------------


def _run(args, pages: tuple[Page, ...], wrk: str, baseline: dict[str, float] | None) -> int:
    data_dir = _data_dir(args)
    if args.fresh and not args.data_dir and not args.database_url and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        TRELLIS_DATA_DIR=str(data_dir),
        DATABASE_URL=_database_url(args, data_dir),
        DJANGO_SETTINGS_MODULE="trellis.settings",
        TRELLIS_DEBUG="false",
        # It serves on loopback and asks by address, whatever the caller's environment
        # allows for its own server.
        TRELLIS_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    machine = _machine()
    ids, vendor, members = _prepare(args, env)
    from trellis.demo.accounts import DEMO_PASSWORD, MEMBER_EMAIL, ORGANISER_EMAIL

    work = Path(tempfile.mkdtemp(prefix="trellis-web-load-"))
    log = work / "serve.log"
    script = work / "status.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    port = _free_port()
    _say(f"Starting trellis serve on port {port} (log: {log})...")
    server = _start_server(args, env, port, log)
    results: list[Result] = []
    try:
        readiness = _wait_until_ready(server, port, log, args.with_worker)
        sessions = {
            "member": _sign_in(port, "member", MEMBER_EMAIL, DEMO_PASSWORD),
            "organiser": _sign_in(port, "organiser", ORGANISER_EMAIL, DEMO_PASSWORD),
        }
        paths = [(page.who, _url_path(page, ids)) for page in pages]
        _say("Signed in; a first visit of every page...")
        posted = _first_visit(port, sessions, paths)
        _say(f"Working out the derived data the first visit asked for ({posted} POSTs)...")
        if args.with_worker:
            worked = _wait_for_the_worker(env)
        else:
            worked = _work_through_the_queue(env, log)
        for who, path in paths:  # each page answers 200 after the worker, too
            _warm(port, sessions[who], path, args.workers)
        print(
            f"Trellis at http://{HOST}:{port}/: {vendor}, {members:,} members, gunicorn "
            f"{args.workers} workers, background worker {'on' if args.with_worker else 'off'} "
            f"({readiness}); first visit posted {posted} request(s) for derived data, "
            f"worked out in {worked:.0f} s"
        )
        print(
            f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s per page; "
            f"member {MEMBER_EMAIL}, organiser {ORGANISER_EMAIL}; ids {asdict(ids)}"
        )
        print(f"machine: {machine['summary']}")
        ceiling = _result(CEILING, STATIC_PATH, _load(wrk, args, port, script, STATIC_PATH, ""))
        _check(ceiling, CEILING, None, None)
        results.append(ceiling)
        _settle(log, ceiling)
        for page, (who, path) in zip(pages, paths, strict=True):
            figures = _load(wrk, args, port, script, path, sessions[who].header)
            result = _result(page, path, figures)
            result.answered_before_load = 2 * args.workers
            _check(result, page, ceiling, baseline)
            results.append(result)
            waited = _settle(log, result)
            print(
                f"  {page.name}: {result.rps:.0f} req/s (then {waited:.1f} s for the server "
                "to finish what wrk left behind)",
                file=sys.stderr,
            )
    finally:
        _stop_server(server)
    machine["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    _print_table(results, baseline is not None)
    print(f"load average after the run: {machine['load_after']} (on {machine['cpus']} CPUs)")
    if args.json:
        _write_json(args, results, vendor=vendor, members=members, ids=ids, machine=machine)
    unanswered = [r.name for r in results if not r.checks["answered"]]
    if unanswered:
        print(
            f"No response within the {args.duration} s of the run (each request took "
            f"longer; they answered 200 before the load): {', '.join(unanswered)}"
        )
    failed = [r.name for r in results if not r.checks["no errors"]]
    if failed:
        print(f"ERRORS (non-2xx responses or socket errors): {', '.join(failed)}")
        print(f"server log: {log}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _wait_for_the_worker(env: dict[str, str]) -> float:
    started = time.perf_counter()
    deadline = time.monotonic() + QUEUE_MOST_SECONDS
    time.sleep(2)
    while not _queue_empty(env):
        if time.monotonic() > deadline:
            raise Stop(
                f"the background worker had not emptied the queue after {QUEUE_MOST_SECONDS} s"
            )
        time.sleep(2)
    return time.perf_counter() - started


def _machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    cores = os.cpu_count() or 0
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    summary = f"{cpu}, {cores} CPUs{memory}; load average before the run {load}"
    return {"cpu": cpu, "cpus": str(cores), "load_before": load, "summary": summary}


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("✓" if ok else "✗")


def _print_table(results: list[Result], with_growth: bool) -> None:
    head = ["page", "req/s", "p50 ms", "p99 ms", "x ceiling", "KB/resp", "errors"]
    if with_growth:
        head.append("x slower")
    head.append("targets")
    rows = [head]
    for r in results:
        ratio = "ceiling" if r.ratio is None else f"{r.ratio:.3f} {_mark(_ratio_ok(r))}"
        slower = f"> {r.seconds:.0f} s" if not r.requests else ""
        row = [
            r.name,
            f"{r.rps:,.1f}" if r.rps < 10 else f"{r.rps:,.0f}",
            slower or f"{r.p50_ms:.1f}",
            f"{slower or f'{r.p99_ms:.1f}'} {_mark(r.checks.get(f'p99 <= {P99_MOST_MS:g} ms'))}",
            ratio,
            f"{r.kb_per_response:.1f} {_mark(r.checks.get(f'<= {KB_MOST:g} KB'))}",
            f"{r.errors}" + ("" if r.errors == 0 else f" {_statuses(r)}"),
        ]
        if with_growth:
            row.append("" if r.growth is None else f"{r.growth:.2f} {_mark(_growth_ok(r))}")
        missed = [name for name, ok in r.checks.items() if not ok]
        row.append("✓ all" if not missed else "✗ " + ", ".join(missed))
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    print()
    for n, row in enumerate(rows):
        cells = [
            cell.ljust(w) if i in (0, len(row) - 1) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    print(
        f"Targets (issue 15, at 100,000 members): every page >= {RATIO_EVERY_PAGE:g} x the "
        f"ceiling and p99 <= {P99_MOST_MS:g} ms; home, directory, a relationship >= "
        f"{RATIO_BUSIEST_PAGES:g} x; <= {KB_MOST:g} KB per response"
        + (f"; <= {GROWTH_MOST:g} x slower than the baseline." if with_growth else ".")
    )


def _ratio_ok(result: Result) -> bool | None:
    return next((ok for name, ok in result.checks.items() if name.startswith(">= ")), None)


def _growth_ok(result: Result) -> bool | None:
    return result.checks.get(f"<= {GROWTH_MOST:g}x slower")


def _statuses(result: Result) -> str:
    shown = [f"{status}: {n}" for status, n in result.statuses.items()]
    return "(" + ", ".join(shown) + ")"


def _write_json(args, results, *, vendor, members, ids, machine) -> None:
    data = {
        "members": members,
        "database": vendor,
        "gunicorn_workers": args.workers,
        "background_worker": args.with_worker,
        "threads": args.threads,
        "connections": args.connections,
        "seconds_per_page": args.duration,
        "ids": asdict(ids),
        "machine": machine,
        "ceiling": asdict(results[0]),
        "pages": [asdict(result) for result in results[1:]],
    }
    args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
