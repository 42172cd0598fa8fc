"""Time the roster import on a throw-away SQLite database.

    .venv/bin/python bench/roster_import.py [--rows 10000]

Generates a valid N-row roster (with managers and profile statements) and a copy
with one bad row in the middle, then times: importing the valid file, importing
it again (nothing should change), importing an edited copy, and importing the
file with the bad row (which must be refused, naming that row's line).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STATEMENTS = [
    "Kubernetes upgrades and on-call load",
    "accessibility audit of the checkout",
    "pricing experiments, SQL dashboards",
    "hiring pipeline for data engineers",
    "Terraform modules, incident reviews",
]
HEADER = [
    "email", "name", "discipline", "team", "level", "manager_email", "background",
    "capacity", "working_on", "curious_about", "can_help_with", "learning",
]  # fmt: skip


def roster(rows: int, *, edit_every: int = 0, bad_line: int | None = None) -> bytes:
    """A roster of `rows` members: ten teams, each a tree of managers.

    `edit_every` changes the team of every n-th member; `bad_line` (a physical line
    number) gets an invalid level.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(rows):
        line = i + 2
        manager = f"person.{(i - 10) // 4}@example.org" if i >= 10 else ""
        team = f"Team {i % 10}" + (" (moved)" if edit_every and i % edit_every == 0 else "")
        level = "eleven" if line == bad_line else str(i % 7)
        writer.writerow([
            f"Person.{i}@Example.org", f"Person {i}", "Engineering", team, level, manager,
            "physics; teaching", str(i % 5),
            *(f"{STATEMENTS[(i + k) % 5]} (project {i}-{k})" for k in range(4)),
        ])  # fmt: skip
    return out.getvalue().encode()


def setup_django(directory: str) -> None:
    os.environ["TRELLIS_DATA_DIR"] = directory
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from trellis.people.services import vocabulary_load

    vocabulary_load(path=settings.TOPICS_FILE, relink=False)


LINKING = {"seconds": 0.0}


def time_topic_linking() -> None:
    """Keep the time spent in profile_topics_link (services.py) apart from the import's own."""
    from trellis.people.roster import writing

    link = writing.profile_topics_link

    def timed_link(**kwargs):
        start = time.perf_counter()
        try:
            return link(**kwargs)
        finally:
            LINKING["seconds"] += time.perf_counter() - start

    writing.profile_topics_link = timed_link


def timed(label: str, rows: int, action):
    LINKING["seconds"] = 0.0
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    linking = f" (topic linking {LINKING['seconds']:.2f} s)" if LINKING["seconds"] else ""
    print(f"{label:<26} {rows:>7,} rows {seconds:6.2f} s {rows / seconds:>8,.0f} rows/s{linking}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    rows = args.rows
    with tempfile.TemporaryDirectory(prefix="trellis-bench-") as directory:
        setup_django(directory)
        time_topic_linking()
        from trellis.people.models import Member, ProfileTopic
        from trellis.people.roster import RosterError, roster_import

        bad_line = rows // 2 + 1
        valid, edited, bad = (
            roster(rows),
            roster(rows, edit_every=10),
            roster(rows, bad_line=bad_line),
        )
        print(f"Roster import on SQLite, {len(valid) / 1e6:.1f} MB file")
        report = timed("valid file (all new)", rows, lambda: roster_import(data=valid))
        print(f"  {report.summary} {ProfileTopic.objects.count():,} topic links.")
        report = timed("same file again", rows, lambda: roster_import(data=valid))
        print(f"  {report.summary}")
        report = timed("edited file (10% changed)", rows, lambda: roster_import(data=edited))
        print(f"  {report.summary}")
        report = timed(
            "dry run (undoing the edit)", rows, lambda: roster_import(data=valid, dry_run=True)
        )
        print(f"  {report.summary}")
        before = Member.objects.count()

        def refuse():
            try:
                roster_import(data=bad)
            except RosterError as error:
                return error.problems
            return []

        problems = timed("file with one bad row", rows, refuse)
        right = [(p.line, p.column) for p in problems] == [(bad_line, "level")]
        print(f"  refused: {bool(problems)}; {len(problems)} problem(s): "
              f"{'; '.join(map(str, problems))}")  # fmt: skip
        print(f"  named line {bad_line}, column level: {right}; "
              f"members unchanged: {Member.objects.count() == before}")  # fmt: skip
        if not right:
            sys.exit(1)


if __name__ == "__main__":
    main()
