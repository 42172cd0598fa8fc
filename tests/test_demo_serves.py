"""End to end: `trellis demo` serves the sign-in page and the demo organiser signs in."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"demo exited early:\n{process.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.mark.slow
def test_the_demo_serves_the_sign_in_page_and_the_organiser_can_sign_in(tmp_path):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("the demo command is exercised on its SQLite default")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    env |= {"TRELLIS_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "trellis.cli", "demo", "--members", "40", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/accounts/sign-in/", process)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/accounts/sign-in/").read().decode()
        assert "Sign in to Trellis" in page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "organiser@demo.trellis.test",
                "password": demo_password(process),
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/accounts/sign-in/", data=form, headers={"Referer": f"{base}/"}
        )
        home = opener.open(request)
        assert home.geturl() == f"{base}/"
        assert "Sign out" in home.read().decode()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


_printed: list[str] = []


def demo_password(process: subprocess.Popen) -> str:
    """Read what the demo printed until it names the shared password."""
    while True:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("the demo printed no password:\n" + "".join(_printed))
        _printed.append(line)
        match = re.search(r"[Pp]assword\W+(\S+)", line)
        if match:
            return match.group(1)
