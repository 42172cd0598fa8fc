"""Trellis's settings read in a fresh process, as a deployment starts: none of this
machine's TRELLIS_ or DATABASE variables, a data directory of the test's own, and the
variables a test gives. Settings fail at import, so only a new process shows it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_with_settings(data_dir: Path, probe: str, **env: str) -> subprocess.CompletedProcess:
    """Run `probe` (Python code that sets Django up) with only `env` set for Trellis."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    environ |= {"DJANGO_SETTINGS_MODULE": "trellis.settings", "TRELLIS_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", probe],
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
