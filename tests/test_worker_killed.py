"""End to end: a `trellis db_worker` killed (kill -9) while it runs a round; a second worker
notices the dead claim by its heartbeat, runs the round again, and the round is done.

Real processes on a SQLite file in a temporary data directory (on the PostgreSQL run too:
the subprocesses need a database they can share, and the recovery logic itself is tested
on both databases in trellis/db/tests and trellis/matching/tests).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

HEARTBEAT_SECONDS = 1

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from trellis.people.services import member_create
for n, (team, working_on, learning) in enumerate([
    ("Platform", "Kubernetes upgrades", "Go"),
    ("Checkout", "accessibility audit", "Kubernetes"),
    ("Data", "Go services", "accessibility"),
    ("Mobile", "release trains", "data pipelines"),
]):
    member_create(email=f"m{n}@example.org", display_name=f"Member {n}", team=team,
                  working_on=working_on, learning=learning, can_help_with=working_on)
from trellis.matching.services import round_create
print(round_create(organiser=None, cohort="all").pk)
"""

# The first worker: the real command, its round slowed down so it can be killed mid-run.
SLOW_WORKER = """
import time, django
django.setup()
from trellis.matching import runs
compute = runs._round_compute
def slow(round_obj, report):
    report("Reading the cohort", 0.0)
    print("RUNNING", flush=True)
    time.sleep(600)
    return compute(round_obj, report)
runs._round_compute = slow
from trellis.cli import main
main(["trellis", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"])
"""

STATE = """
import django, json
django.setup()
from django_tasks_db.models import DBTaskResult
from trellis.matching.models import Round, Suggestion
task = DBTaskResult.objects.get()
round_obj = Round.objects.get()
print(json.dumps({"task": task.status, "workers": len(task.worker_ids), "round": round_obj.state,
                  "pairs": Suggestion.objects.filter(round=round_obj).count()}))
"""


def python(code: str, env: dict, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        **kwargs,
    )


def wait_for_line(process: subprocess.Popen, wanted: str) -> bool:
    """Read the process's output until a line says `wanted` (False: it ended first)."""
    output = []
    for line in process.stdout:
        if line.strip() == wanted:
            return True
        output.append(line)
    raise AssertionError("".join(output))


def state(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", STATE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.slow
def test_a_round_whose_worker_was_killed_finishes_on_another_worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    env |= {
        "TRELLIS_DATA_DIR": str(tmp_path),
        "TRELLIS_ENCODER": "vocabulary",
        "TRELLIS_WORKER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "DJANGO_SETTINGS_MODULE": "trellis.settings",
        "PYTHONUNBUFFERED": "1",
    }
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=300
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr

    first = python(SLOW_WORKER, env)
    second = None
    try:
        assert wait_for_line(first, "RUNNING")
        assert state(env) | {"pairs": 0} == {
            "task": "RUNNING",
            "workers": 1,
            "round": "running",
            "pairs": 0,
        }
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)

        killed_at = time.monotonic()
        second = python(
            "from trellis.cli import main; main(['trellis', 'db_worker', '--no-reload', "
            "'--no-startup-delay', '--interval', '0.2'])",
            env,
        )
        deadline = killed_at + 60
        while time.monotonic() < deadline:
            now = state(env)
            if now["task"] == "SUCCESSFUL":
                break
            assert second.poll() is None, second.stdout.read()
            time.sleep(0.5)
        recovered_in = time.monotonic() - killed_at
    finally:
        stop(first)
        if second is not None:
            stop(second)

    print(f"recovered in {recovered_in:.1f} s")
    assert now["task"] == "SUCCESSFUL", now
    assert now["workers"] == 2  # claimed by the killed worker, then by the second
    assert now["round"] == "done"
    assert now["pairs"] >= 1
    # Three missed heartbeats, one sweep period and the round itself: well under a minute.
    assert recovered_in < 30, f"recovered in {recovered_in:.1f} s"
