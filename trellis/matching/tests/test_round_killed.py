"""A round killed with SIGKILL while writing its pairs leaves none, and runs again."""

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

SCRIPT = "trellis.matching.tests.killable_round"


@pytest.mark.slow
def test_a_round_killed_while_writing_leaves_no_pairs_and_runs_again(tmp_path):
    database = tmp_path / "killed.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    env |= {"TRELLIS_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}

    def child(*args: str, **kwargs):
        return subprocess.Popen([sys.executable, "-m", SCRIPT, *args], env=env, text=True, **kwargs)

    assert child("setup").wait(timeout=120) == 0
    run = child("run", stdout=subprocess.PIPE)
    try:
        assert run.stdout.readline().strip() == "WRITING"  # 50 pairs written, not committed
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)

    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from matching_suggestion").fetchone() == (0,)
        round_id, state = db.execute("select id, state from matching_round").fetchone()
    assert state == "running"

    assert child("rerun", str(round_id), stdout=subprocess.DEVNULL).wait(timeout=120) == 0

    with sqlite3.connect(database) as db:
        assert db.execute("select state from matching_round").fetchone() == ("done",)
        assert db.execute("select count(*) from matching_suggestion").fetchone() == (200,)
