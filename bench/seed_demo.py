"""How long seeding the demo organisation takes, phase by phase.

    .venv/bin/python bench/seed_demo.py [--members 100000] [--seed 42] [--keep] [--dump PATH]

Seeds into a fresh SQLite file in a temporary data directory (or into
DATABASE_URL when --database-url is given, e.g. a throwaway PostgreSQL
database) and prints the time of each phase, the total and members per second.
With --dump it seeds on a clock stopped at a fixed instant and writes every row
of every table the seed wrote (passwords aside: their salts are random) to PATH,
so that two versions of the code can be compared row by row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
FROZEN = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)  # "now" for --dump


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url", help="Seed into this database instead of SQLite.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data directory.")
    parser.add_argument("--dump", type=Path, help="Write every row seeded to this file.")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="trellis-seed-"))
    os.environ["TRELLIS_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{data_dir / 'seed.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    sys.path.insert(0, str(ROOT))
    try:
        return _run(args.members, args.seed, args.dump)
    finally:
        if args.keep:
            print(f"data directory kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def _run(members: int, seed: int, dump: Path | None) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from trellis.demo.seed import demo_organisation_create
    from trellis.people.models import Member, ProfileTopic
    from trellis.people.services import vocabulary_load

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    vocabulary_load(path=settings.TOPICS_FILE)
    loaded = time.perf_counter()

    def progress(phase: str, done: int, total: int) -> None:
        if done >= total:
            print(f"  {phase} done", file=sys.stderr)

    with _frozen_clock() if dump else _as_it_is():
        report = demo_organisation_create(members=members, seed=seed, progress=progress)
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(f"members requested: {members}")
    print(f"{'migrate':<22}{migrated - started:8.2f} s")
    print(f"{'vocabulary':<22}{loaded - migrated:8.2f} s")
    for phase, seconds in report.phases:
        print(f"{phase:<22}{seconds:8.2f} s")
    print(f"{'seeding total':<22}{report.seconds:8.2f} s")
    print(f"members/s: {report.members / report.seconds:,.0f}")
    print(
        f"written: {Member.objects.count()} members, {report.teams} teams, "
        f"{ProfileTopic.objects.count()} topic links"
    )
    network = report.network
    print(
        f"network: {network.relationships} relationships, {network.intros} intros, "
        f"{network.exchanges} exchanges, {network.reflections} reflections, "
        f"{network.notifications} notifications, {network.posts} posts, "
        f"{network.topic_follows} topic follows"
    )
    initiatives = report.initiatives
    print(
        f"initiatives: {initiatives.initiatives} initiatives, {initiatives.volunteers} "
        f"volunteers, {initiatives.contributions} contributions, "
        f"{initiatives.observations} observations, {initiatives.notifications} notifications"
    )
    if dump:
        print(f"rows: {_dump(dump)} written to {dump}")
    return 0


@contextmanager
def _as_it_is():
    yield


@contextmanager
def _frozen_clock():
    """Every "now" the seed reads is FROZEN, so that two runs write the same time stamps."""
    from django.apps import apps
    from django.utils import timezone

    real_now = timezone.now
    defaults = [  # `default=timezone.now` holds the real function, not the name
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is real_now
    ]
    for field in defaults:
        field.default = lambda: FROZEN
    try:
        with mock.patch.object(timezone, "now", lambda: FROZEN):
            yield
    finally:
        for field in defaults:
            field.default = real_now


def _dump(path: Path) -> int:
    """Write every row of every table but the vocabulary's, by table and key; how many."""
    from django.apps import apps

    from trellis.people.models import Topic, TopicAlias

    lines: list[str] = []
    models = apps.get_models(include_auto_created=True)
    for model in sorted(models, key=lambda model: model._meta.db_table):
        if model in (Topic, TopicAlias):
            continue
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "password"]
        rows = model.objects.order_by("pk").values_list(*names)
        lines += [f"## {model._meta.db_table} {names}", *map(repr, rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(not line.startswith("## ") for line in lines)


if __name__ == "__main__":
    sys.exit(main())
