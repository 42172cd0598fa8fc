"""`trellis serve`: the production web server (gunicorn), with a background worker beside it.

`--dev` serves with Django's development server instead, reloading on code changes.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from trellis.web.server import ServerSettings, default_workers, run_gunicorn


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


def is_autoreloaded_child() -> bool:
    """The development server's reloader runs the command again in a child process that
    it restarts on every change; only the parent starts the background worker."""
    return os.environ.get("RUN_MAIN") == "true"


class Command(BaseCommand):
    help = (
        "Serve Trellis on http://HOST:PORT/ with gunicorn (WORKERS processes), and a "
        "background worker (db_worker) beside it for rounds and recommendations; the "
        "worker stops when the server does. SIGHUP reloads the server gracefully. --dev "
        "serves with Django's development server instead, reloading on code changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=f"Web worker processes (default: 2 * CPUs + 1, at most 8; here "
            f"{default_workers()}).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=ServerSettings.timeout,
            help="Seconds after which a request still running is stopped and its worker replaced.",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Start no background worker (when `trellis db_worker` runs on its own, as "
            "in compose.yaml).",
        )
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Django's development server, reloading on code changes (not for production).",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        workers: int | None,
        timeout: int,
        no_worker: bool,
        dev: bool,
        **options,
    ):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1.")
        if timeout < 1:
            raise CommandError("--timeout must be at least 1 second.")
        server = ServerSettings(
            host=host, port=port, workers=workers or default_workers(), timeout=timeout
        )
        worker = None if no_worker or (dev and is_autoreloaded_child()) else start_worker()
        if worker is not None:
            self.stdout.write("Started a background worker for matching rounds (db_worker).")
        try:
            if dev:
                call_command("runserver", server.bind, use_reloader=True, use_ipv6=":" in host)
                return
            self.stdout.write(
                f"Serving on http://{server.bind}/ with gunicorn, {server.workers} workers."
            )
            self.stdout.flush()
            status = run_gunicorn(server, env=os.environ)
        finally:
            if worker is not None:
                stop_worker(worker)
        # gunicorn stopped by a signal exits 0; anything else (a port in use, an app that
        # cannot load) is an error for whoever started us.
        if status != 0:
            raise CommandError(f"gunicorn stopped with exit status {status} (see above).")
