"""The production web server `trellis serve` runs: gunicorn, as a child process.

gunicorn runs as a child (`python -m gunicorn trellis.wsgi:application`) rather than inside
the `serve` process, for three reasons:

- its master has not imported Django, so a SIGHUP (graceful reload) really loads the new
  code and settings into the new workers, after an upgrade for instance;
- the BLAS thread pins (`BLAS_THREADS_PINNED`) are in its environment before numpy is
  first loaded, and the background worker (`db_worker`), which runs the matching engine
  and may use every core, does not inherit them;
- `serve` stays a small supervisor that outlives gunicorn, so it always stops the
  background worker after the server has stopped, whatever stopped it.

`serve` passes on to gunicorn the signals gunicorn acts on (TERM and INT stop it, HUP
reloads, TTIN/TTOU add or remove a worker, USR1 reopens the logs), so a process manager
or container runtime that signals `trellis serve` reaches the server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

# At most this many workers by default: each one holds Django, numpy, scipy and the
# vocabulary model (about 170 MB resident once it has served a page), so more would
# trade memory for little throughput.
MOST_DEFAULT_WORKERS = 8

# One BLAS/OpenMP thread per web worker: pages compute little, and N workers each
# starting a thread per core would oversubscribe the CPUs under load.
BLAS_THREADS_PINNED = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}

FORWARDED_SIGNALS = (
    signal.SIGTERM,
    signal.SIGINT,
    signal.SIGHUP,
    signal.SIGTTIN,
    signal.SIGTTOU,
    signal.SIGUSR1,
)


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or `taskset`'s share, not the
    machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(cpus: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 * CPUs + 1 (a worker waiting on the database leaves its
    CPU to another), capped at MOST_DEFAULT_WORKERS to bound memory."""
    cpus = cpu_count() if cpus is None else cpus
    return max(1, min(2 * cpus + 1, MOST_DEFAULT_WORKERS))


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    # A request still running after this many seconds is a stuck worker: gunicorn kills
    # and replaces it. Generous, because a roster import of a large organisation runs in
    # the request.
    timeout: int = 120
    # How long a stopping or reloading worker may finish the requests it has.
    graceful_timeout: int = 30

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def gunicorn_command(server: ServerSettings) -> list[str]:
    """The command line of the gunicorn master."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "trellis.wsgi:application",
        "--bind",
        server.bind,
        "--workers",
        str(server.workers),
        "--worker-class",
        "sync",
        "--timeout",
        str(server.timeout),
        "--graceful-timeout",
        str(server.graceful_timeout),
        # One line per request on stdout, errors and gunicorn's own messages on stderr:
        # what a container runtime or systemd's journal collects.
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        # gunicorn 25+ opens a control socket under $HOME by default; Trellis does not use
        # it, and two servers for one user would fight over it.
        "--no-control-socket",
    ]


def gunicorn_environment(base: Mapping[str, str]) -> dict[str, str]:
    """The server's environment: the caller's, with BLAS threads pinned (unless the
    operator chose a number) and output unbuffered so log lines appear as they happen."""
    env = dict(base)
    for name, value in BLAS_THREADS_PINNED.items():
        env.setdefault(name, value)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    return env


def run_gunicorn(server: ServerSettings, *, env: Mapping[str, str]) -> int:
    """Run gunicorn until it stops, passing on the signals this process receives; its exit
    status."""
    process = subprocess.Popen(gunicorn_command(server), env=gunicorn_environment(env))

    def pass_on(signum: int, frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    previous = {signum: signal.signal(signum, pass_on) for signum in FORWARDED_SIGNALS}
    try:
        return process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if process.poll() is None:  # we are leaving on an exception of our own
            process.terminate()
            try:
                process.wait(timeout=server.graceful_timeout + 5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
