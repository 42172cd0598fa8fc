"""`trellis serve`: the development server, with a background worker beside it."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def start_worker() -> subprocess.Popen:
    """A background worker (`trellis db_worker`) for rounds started from the pages."""
    return subprocess.Popen(
        [sys.executable, "-m", "trellis.cli", "db_worker", "--no-reload", "--interval", "1"],
        env=os.environ.copy(),
    )


def stop_worker(worker: subprocess.Popen) -> None:
    """Ask the worker to stop; kill it if it has not within 15 seconds."""
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = (
        "Serve Trellis on http://HOST:PORT/ with Django's development server, and a "
        "background worker (db_worker) beside it for rounds and recommendations; the "
        "worker stops when the server does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")

    def handle(self, *args, host: str, port: int, **options):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        worker = start_worker()
        self.stdout.write("Started a background worker for matching rounds (db_worker).")
        try:
            call_command("runserver", address, use_reloader=False, use_ipv6=":" in host)
        finally:
            stop_worker(worker)
