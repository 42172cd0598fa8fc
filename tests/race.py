"""Two writes at the same moment, each on its own connection to a database of its own.

A test calls `run_race("package.module:scenario", tmp_path)`; that runs

    python -m tests.race package.module:scenario DATABASE_NAME

in a child process, which makes a fresh database (on SQLite a real file in WAL mode
with IMMEDIATE transactions, as Trellis runs by default: the suite's in-memory
database cannot hold two writers; on PostgreSQL a database of its own on the same
server), calls the scenario to prepare its rows, and runs the scenario's two writes
from two threads released together. The scenario names one check to slow down, so
that without locking both writes would pass it before either commits. The child
prints one JSON line, `{"outcomes": [...], **scenario.report()}`, which
`run_race` returns. Each outcome is "accepted", "refused: <the ValidationError's
words>" or "error: …" (a lock error fails the test that reads it).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SLOW_S = 0.5  # the window in which an unlocked write would slip in


@dataclass
class Race:
    """What a scenario prepared: two writes to run at once, the check to slow down
    (an attribute of a module, looked up where the service calls it) and a report."""

    writes: tuple[Callable[[], object], Callable[[], object]]
    slowed: tuple[object, str]
    report: Callable[[], dict]


def _slowed(check: Callable) -> Callable:
    def slow(*args, **kwargs):
        result = check(*args, **kwargs)
        time.sleep(SLOW_S)
        return result

    return slow


def _run_together(race: Race) -> list[str]:
    from django.core.exceptions import ValidationError
    from django.db import connections

    start = threading.Barrier(2)
    outcomes: list[str] = []

    def write(action: Callable[[], object]) -> None:
        try:
            start.wait()
            action()
            outcomes.append("accepted")
        except ValidationError as error:
            outcomes.append("refused: " + " ".join(error.messages))
        except Exception as error:  # a lock error is a failure of the test
            outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(action,)) for action in race.writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def race_in_this_process(scenario: str, database_name: str) -> dict:
    """Make the database, prepare the scenario, race its two writes; the outcomes and report."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    module, _, name = scenario.partition(":")
    prepare: Callable[[], Race] = getattr(importlib.import_module(module), name)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = database_name
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        race = prepare()
        owner, attribute = race.slowed
        check = getattr(owner, attribute)
        setattr(owner, attribute, _slowed(check))
        try:
            outcomes = _run_together(race)
        finally:
            setattr(owner, attribute, check)
        return {"outcomes": outcomes, **race.report()}
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(original, verbosity=0)


def run_race(scenario: str, tmp_path: Path) -> dict:
    """Race `scenario` ("module:function") in a child process on a database of its own."""
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
    env["TRELLIS_DATA_DIR"] = str(tmp_path)
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
        name = str(tmp_path / "race.sqlite3")
    else:
        name = f"{connection.settings_dict['NAME']}_race"
    result = subprocess.run(
        [sys.executable, "-m", "tests.race", scenario, name],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    print(json.dumps(race_in_this_process(sys.argv[1], sys.argv[2])), flush=True)
