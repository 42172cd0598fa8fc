#!/usr/bin/env python3
"""Run Trellis from a fresh clone with nothing but Python 3.11.

    python3 dev.py demo [--members N] [--host H] [--port P]   start Trellis with demo data
    python3 dev.py test [pytest arguments]                     run the whole test suite
    python3 dev.py trellis COMMAND [...]                       any other `trellis` command

The first run creates a virtual environment in .venv and installs Trellis with
its pinned dependencies; later runs reuse it and reinstall only when
pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".trellis-installed"
USAGE = __doc__.split("\n\n")[1]


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install Trellis (with test tools) unless it is up to date."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Trellis needs Python 3.11; this is {sys.version.split()[0]}.")
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print("Creating the virtual environment in .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing Trellis and its dependencies (first run only) …", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True, cwd=ROOT)
    STAMP.write_text(_fingerprint())


def _parallel(pytest_args: list[str]) -> list[str]:
    """Run the suite on every CPU (at most 4: each process holds a browser and a database
    of its own) with pytest-xdist, unless the caller chose (`-n 0` runs in one process)."""
    if "no:xdist" in pytest_args:
        return []
    if any(
        a in {"-n", "--numprocesses"} or a.startswith(("-n", "--numprocesses="))
        for a in pytest_args
    ):
        return []
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return ["-n", str(min(cpus, 4))]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "trellis"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_environment()
    os.chdir(ROOT)
    if command == "demo":
        args = [str(BIN / "trellis"), "demo", *rest]
    elif command == "test":
        args = [str(BIN / "python"), "-m", "pytest", *_parallel(rest), *rest]
    else:
        args = [str(BIN / "trellis"), *rest]
    if os.name == "posix":
        # Become the command, so signals (Ctrl-C, a service manager's SIGTERM)
        # reach the server and its worker directly.
        os.execv(args[0], args)
    return subprocess.call(args)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
