"""How long seeding the demo organisation takes, phase by phase.

    .venv/bin/python bench/seed_demo.py [--members 100000] [--seed 42] [--keep]

Seeds into a fresh SQLite file in a temporary data directory (or into
DATABASE_URL when --database-url is given, e.g. a throwaway PostgreSQL
database) and prints the time of each phase, the total and members per second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url", help="Seed into this database instead of SQLite.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data directory.")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="trellis-seed-"))
    os.environ["TRELLIS_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{data_dir / 'seed.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    sys.path.insert(0, str(ROOT))
    try:
        return _run(args.members, args.seed)
    finally:
        if args.keep:
            print(f"data directory kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def _run(members: int, seed: int) -> int:
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
