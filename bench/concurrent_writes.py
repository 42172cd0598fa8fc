"""Many processes writing members at the same time to the default SQLite database.

    .venv/bin/python bench/concurrent_writes.py [--processes 8] [--members-per-process 50]

Creates a fresh SQLite file in a temporary data directory, migrates it, loads
the vocabulary, then starts the writers together (each a separate process, as
web workers are) and has each create members through `member_create`, every
one in its own transaction, and update some of them through `member_update`.
Prints the figures and exits non-zero if any write failed or a member is missing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMAIL_DOMAIN = "bench.trellis.test"
START_TIMEOUT_S = 120
WORKING_ON = (
    "migrating to Kubernetes",
    "accessibility of our forms",
    "forecasting churn with Python",
    "our ETL pipelines keep breaking",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--members-per-process", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data directory.")
    args = parser.parse_args(argv)
    if args.processes < 1 or args.members_per_process < 1:
        parser.error("--processes and --members-per-process must be at least 1")

    data_dir = Path(tempfile.mkdtemp(prefix="trellis-concurrency-"))
    os.environ["TRELLIS_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    try:
        _prepare_database()
        return _run(args.processes, args.members_per_process)
    finally:
        if args.keep:
            print(f"data directory kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def _prepare_database() -> None:
    migrate = [sys.executable, "-m", "trellis.cli", "migrate", "--verbosity", "0"]
    subprocess.run(migrate, check=True, cwd=ROOT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    from trellis.people.services import vocabulary_load

    vocabulary_load(path=settings.TOPICS_FILE, relink=False)
    connections.close_all()


def _run(processes: int, members_per_process: int) -> int:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(processes + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_write, args=(n, members_per_process, start, results))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    try:
        start.wait(timeout=START_TIMEOUT_S)  # every writer has set Django up
    except threading.BrokenBarrierError:
        print("FAILED: the writers did not all start", file=sys.stderr)
        for worker in workers:
            worker.terminate()
        return 1
    started = time.perf_counter()
    outcomes = []
    for _ in workers:
        try:
            outcomes.append(results.get(timeout=START_TIMEOUT_S))
        except queue.Empty:
            break
    seconds = time.perf_counter() - started
    for worker in workers:
        worker.join(timeout=10)
    return _report(processes, members_per_process, outcomes, seconds)


def _write(number: int, members: int, start, results) -> None:
    """One writer process: create `members` members, updating every third one."""
    import django

    django.setup()
    from trellis.people.services import member_create, member_update

    written = updated = 0
    failures: list[str] = []
    start.wait(timeout=START_TIMEOUT_S)
    for i in range(members):
        try:
            member = member_create(
                email=f"writer{number}.{i}@{EMAIL_DOMAIN}",
                display_name=f"Writer {number}-{i}",
                discipline="Engineering",
                team=f"Team {number}",
                working_on=WORKING_ON[i % len(WORKING_ON)],
            )
            written += 1
            if i % 3 == 0:
                member_update(member=member, capacity=3, learning="Go and a11y audits")
                updated += 1
        except Exception as error:  # every failure is reported, none stops the run
            failures.append(f"writer {number}, member {i}: {type(error).__name__}: {error}")
    results.put((number, written, updated, failures))


def _report(processes: int, per_process: int, outcomes: list, seconds: float) -> int:
    from trellis.people.models import Member

    written = sum(outcome[1] for outcome in outcomes)
    updated = sum(outcome[2] for outcome in outcomes)
    failures = [failure for outcome in outcomes for failure in outcome[3]]
    missing_writers = processes - len(outcomes)
    expected = processes * per_process
    count = Member.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").count()
    print(f"processes: {processes}")
    print(f"members per process: {per_process}")
    print(f"members written: {written} (and {updated} updates)")
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print(f"  {failure}")
    if missing_writers:
        print(f"writers that never reported: {missing_writers}")
    print(f"seconds: {seconds:.2f}")
    print(f"writes/s: {(written + updated) / seconds:.0f}")
    print(f"final member count: {count} / {expected} expected")
    ok = not failures and not missing_writers and count == expected
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
