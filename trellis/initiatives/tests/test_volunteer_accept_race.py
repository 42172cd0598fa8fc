"""Two accepts at the same moment never take an initiative past the helpers it asked for.

The race runs in a child process (volunteer_race.py) with two threads, each on its
own connection to a database of its own: on SQLite a real file in WAL mode with
IMMEDIATE transactions, as Trellis runs by default, and on PostgreSQL a database on
the same server, where volunteer_accept locks the initiative's row first.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

SCRIPT = "trellis.initiatives.tests.volunteer_race"


@pytest.mark.slow
@pytest.mark.django_db
def test_two_concurrent_accepts_never_exceed_the_places_asked_for(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
    env["TRELLIS_DATA_DIR"] = str(tmp_path)
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
        name = str(tmp_path / "race.sqlite3")
    else:
        name = f"{connection.settings_dict['NAME']}_volunteer_race"

    result = subprocess.run(
        [sys.executable, "-m", SCRIPT, name], env=env, capture_output=True, text=True, timeout=300
    )

    assert result.returncode == 0, result.stderr
    race = json.loads(result.stdout.strip().splitlines()[-1])
    assert race["team"] == 1
    assert race["outcomes"] == [
        "accepted",
        "refused: The team is full: you asked for 1 helper. Ask for more on the initiative "
        "to welcome another.",
    ]
