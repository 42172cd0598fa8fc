"""Eight processes writing members at once to the default SQLite database all succeed.

Runs bench/concurrent_writes.py in a subprocess against its own temporary SQLite
file, so it never touches the test database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = 8
MEMBERS_PER_PROCESS = 15


@pytest.mark.slow
def test_eight_processes_writing_members_on_sqlite_all_succeed():
    if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")):
        pytest.skip("tests the SQLite default; this run uses PostgreSQL")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "concurrent_writes.py"),
            "--processes",
            str(PROCESSES),
            "--members-per-process",
            str(MEMBERS_PER_PROCESS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )

    expected = PROCESSES * MEMBERS_PER_PROCESS
    assert result.returncode == 0, result.stdout + result.stderr
    assert "failures: 0" in result.stdout
    assert f"final member count: {expected} / {expected} expected" in result.stdout
