"""`trellis demo` and `trellis import-roster` on a data directory they cannot write end with
one line naming the directory and what to do, a non-zero exit status and no traceback.

How the directory is made unwritable, so that this runs in CI (as root, which ignores
permission bits):
- a data directory under a regular file (ENOTDIR), which nobody can create: everywhere;
- a read-only bind mount of the directory in a private mount namespace (`unshare -m`), as
  on a disk remounted read-only: as root; as another user, the directory's mode 0500.
The subprocesses use SQLite in the temporary directory (on the PostgreSQL run too).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROSTER = "email,name\nnew.person@example.org,New Person\n"


def environment(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    return env | {"TRELLIS_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}


def trellis(*args: str) -> list[str]:
    return [sys.executable, "-m", "trellis.cli", *args]


def commands(tmp_path: Path) -> list[list[str]]:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    return [trellis("demo", "--no-serve", "--members", "40"), trellis("import-roster", str(roster))]


def one_line_saying(result: subprocess.CompletedProcess, *words: str) -> str:
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert len(output.splitlines()) == 1, output
    for word in words:
        assert word in output, output
    return output


def test_a_data_directory_that_cannot_be_created_is_named_in_one_line(tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    data_dir = tmp_path / "a-file" / "data"

    for command in commands(tmp_path):
        result = subprocess.run(
            command, env=environment(data_dir), capture_output=True, text=True, timeout=120
        )

        line = one_line_saying(result, str(data_dir), "TRELLIS_DATA_DIR")
        assert result.returncode == 2 and line.startswith("trellis: Cannot write to the data")


def read_only(data_dir: Path, command: list[str]) -> list[str]:
    """`command` run with `data_dir` read-only: a read-only bind mount in a mount namespace
    of its own as root; the directory's mode otherwise."""
    if os.geteuid() != 0:
        data_dir.chmod(0o500)
        return command
    if shutil.which("unshare") is None:
        pytest.skip("root ignores permissions, and unshare(1) is not installed")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("root ignores permissions, and no mount namespace can be made here")
    folder = shlex.quote(str(data_dir))
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
        f"exec {shlex.join(command)}"
    )
    return ["unshare", "-m", "sh", "-c", script]


def test_a_read_only_data_directory_ends_each_command_with_one_line(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    # What Trellis keeps there besides the database, as after an earlier start.
    (data_dir / "secret_key").write_text("k" * 50)
    (data_dir / "static").mkdir()

    try:
        for command in commands(tmp_path):
            result = subprocess.run(
                read_only(data_dir, command),
                env=environment(data_dir),
                capture_output=True,
                text=True,
                timeout=120,
            )

            line = one_line_saying(result, str(data_dir), "writable")
            assert result.returncode == 1 and line.startswith("CommandError: Cannot write")
    finally:
        data_dir.chmod(0o700)
