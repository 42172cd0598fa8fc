"""End to end: `trellis serve` runs gunicorn with N workers and a background worker, answers
the probes and a page, reloads on SIGHUP, and stops everything it started on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_demo_serves import free_port

BOOTED = re.compile(r"Booting worker with pid: (\d+)")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree")
def test_serve_runs_gunicorn_workers_beside_a_worker_and_stops_them_all(tmp_path):
    # On its own SQLite database in both CI passes: the probes against PostgreSQL are
    # tested in-process (trellis/db/tests/test_health.py).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    env |= {
        "TRELLIS_DATA_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "TRELLIS_WORKER_HEARTBEAT_SECONDS": "1",
    }
    trellis = [sys.executable, "-m", "trellis.cli"]
    subprocess.run([*trellis, "migrate", "-v", "0"], env=env, check=True, timeout=300)
    port = free_port()
    serve = subprocess.Popen(
        [*trellis, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(serve.stdout.readline, "")))
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: get(f"{base}/healthz") == (200, "ok\n"), "/healthz answers ok")
        status, page = get(f"{base}/accounts/sign-in/")
        assert status == 200
        assert "Sign in to Trellis" in page
        # The background worker's heartbeat makes the process ready.
        wait_until(lambda: get(f"{base}/readyz")[0] == 200, "/readyz says ready")

        booted = lambda: [int(m.group(1)) for line in output for m in [BOOTED.search(line)] if m]  # noqa: E731
        wait_until(lambda: len(booted()) == 2, "gunicorn boots 2 workers")
        (master,) = [pid for pid in children(serve.pid) if "gunicorn" in command_line(pid)]
        (worker,) = [pid for pid in children(serve.pid) if "db_worker" in command_line(pid)]
        assert sorted(children(master)) == sorted(booted())
        assert any('GET /healthz HTTP/1.1" 200' in line for line in output)  # access log

        # SIGHUP: gunicorn replaces its workers gracefully; the background worker stays.
        first = set(booted())
        os.kill(serve.pid, signal.SIGHUP)
        wait_until(lambda: len(booted()) == 4, "two new workers after SIGHUP")
        wait_until(lambda: not first & set(children(master)), "the old workers gone")
        assert running(worker)
        # The new workers warm up before they take connections; meanwhile the master's
        # socket holds them in its backlog, so a request waits rather than failing.
        wait_until(lambda: get(f"{base}/healthz")[0] == 200, "/healthz after the reload")

        # SIGTERM to `serve` alone (not its process group): everything it started stops.
        web_workers = children(master)
        os.kill(serve.pid, signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        for pid in [master, worker, *web_workers]:
            assert not running(pid), command_line(pid)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        reader.join(timeout=10)
