"""`trellis serve`: gunicorn (or, with --dev, the development server) and a worker beside it."""

import os
import signal
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from trellis.web import server as web_server
from trellis.web.management.commands import serve as command


@pytest.fixture
def served(monkeypatch):
    """What `serve` asked for (runserver's arguments, or gunicorn's settings), with no
    server or worker started."""
    calls = []
    monkeypatch.setattr(command, "start_worker", lambda: "worker")
    monkeypatch.setattr(command, "stop_worker", lambda worker: None)
    monkeypatch.setattr(
        command, "call_command", lambda name, *args, **options: calls.append((name, args, options))
    )

    def gunicorn(server, *, env):
        calls.append(("gunicorn", server))
        return 0

    monkeypatch.setattr(command, "run_gunicorn", gunicorn)
    return calls


def test_it_serves_with_gunicorn_and_workers_from_the_cpus(served, monkeypatch):
    monkeypatch.setattr(web_server, "cpu_count", lambda: 2)

    call_command("serve", "--port", "8765")

    assert served == [
        ("gunicorn", web_server.ServerSettings(host="127.0.0.1", port=8765, workers=5))
    ]


def test_it_serves_with_as_many_workers_as_asked(served):
    call_command("serve", "--workers", "3", "--timeout", "30")

    assert served[0][1].workers == 3
    assert served[0][1].timeout == 30


@pytest.mark.parametrize(("cpus", "workers"), [(1, 3), (2, 5), (3, 7), (4, 8), (64, 8)])
def test_the_default_worker_count_is_two_per_cpu_and_one_at_most_eight(cpus, workers):
    assert web_server.default_workers(cpus) == workers


def test_dev_serves_with_the_development_server_and_its_reloader(served):
    call_command("serve", "--port", "8765", "--dev")

    assert served == [("runserver", ("127.0.0.1:8765",), {"use_reloader": True, "use_ipv6": False})]


def test_it_serves_on_an_ipv6_address(served):
    call_command("serve", "--host", "::1", "--port", "8001", "--dev")
    call_command("serve", "--host", "::1", "--port", "8001")

    assert served[0] == ("runserver", ("[::1]:8001",), {"use_reloader": True, "use_ipv6": True})
    assert served[1][1].bind == "[::1]:8001"


def test_the_reloaded_dev_server_does_not_start_a_second_worker(monkeypatch, served):
    started = []
    monkeypatch.setattr(command, "start_worker", lambda: started.append("worker") or "w")
    monkeypatch.setenv("RUN_MAIN", "true")  # what the reloader sets in its child

    call_command("serve", "--dev")

    assert started == []


def test_no_worker_starts_none_when_db_worker_runs_on_its_own(monkeypatch, served):
    started = []
    monkeypatch.setattr(command, "start_worker", lambda: started.append("worker") or "w")

    call_command("serve", "--no-worker")

    assert started == []
    assert served[0][0] == "gunicorn"


@pytest.mark.parametrize("dev", [[], ["--dev"]])
def test_it_runs_a_worker_while_it_serves_and_stops_it_after(monkeypatch, dev):
    events = []
    monkeypatch.setattr(command, "start_worker", lambda: events.append("worker started") or "w")
    monkeypatch.setattr(command, "stop_worker", lambda worker: events.append(f"{worker} stopped"))

    def serving(*args, **options):
        events.append("serving")
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(command, "call_command", serving)
    monkeypatch.setattr(command, "run_gunicorn", serving)

    with pytest.raises(KeyboardInterrupt):
        call_command("serve", *dev)

    assert events == ["worker started", "serving", "w stopped"]


def test_gunicorn_that_fails_is_an_error_and_the_worker_is_stopped(monkeypatch, served):
    stopped = []
    monkeypatch.setattr(command, "stop_worker", stopped.append)
    monkeypatch.setattr(command, "run_gunicorn", lambda server, *, env: 1)

    with pytest.raises(CommandError, match="gunicorn stopped with exit status 1"):
        call_command("serve")

    assert stopped == ["worker"]


def test_gunicorn_logs_requests_to_stdout_with_a_timeout_and_no_control_socket():
    args = web_server.gunicorn_command(web_server.ServerSettings(port=9000, workers=2))

    assert args[1:4] == ["-m", "gunicorn", "trellis.wsgi:application"]
    assert args[args.index("--bind") + 1] == "127.0.0.1:9000"
    assert args[args.index("--workers") + 1] == "2"
    assert args[args.index("--timeout") + 1] == "120"
    assert args[args.index("--access-logfile") + 1] == "-"
    assert "--no-control-socket" in args


def test_web_workers_get_one_blas_thread_unless_the_operator_chose():
    env = web_server.gunicorn_environment({"MKL_NUM_THREADS": "4"})

    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "1"
    assert env["MKL_NUM_THREADS"] == "4"


def test_the_background_worker_keeps_every_blas_thread(monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, args, **kwargs):
            started.append((args, kwargs["env"]))

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(command.subprocess, "Popen", FakePopen)

    command.start_worker()

    args, env = started[0]
    assert args[1:] == ["-m", "trellis.cli", "db_worker", "--no-reload", "--interval", "1"]
    assert "OMP_NUM_THREADS" not in env


def test_signals_to_serve_are_passed_on_to_gunicorn(monkeypatch):
    """A HUP to `serve` reaches gunicorn (a graceful reload), then a TERM stops it."""
    received = []

    class FakeGunicorn:
        pid = 4242

        def __init__(self, args, env):
            self.returncode = None

        def poll(self):
            return self.returncode

        def send_signal(self, signum):
            received.append(signum)

        def wait(self, timeout=None):
            os.kill(os.getpid(), signal.SIGHUP)
            os.kill(os.getpid(), signal.SIGTERM)
            self.returncode = 0
            return 0

    monkeypatch.setattr(web_server.subprocess, "Popen", FakeGunicorn)
    before = signal.getsignal(signal.SIGTERM)

    status = web_server.run_gunicorn(web_server.ServerSettings(), env={})

    assert status == 0
    assert received == [signal.SIGHUP, signal.SIGTERM]
    assert signal.getsignal(signal.SIGTERM) == before  # handlers put back


def test_a_worker_that_does_not_stop_in_time_is_killed():
    class SlowWorker:
        def __init__(self):
            self.calls = []

        def terminate(self):
            self.calls.append("terminate")

        def wait(self, timeout=None):
            self.calls.append(f"wait {timeout}")
            if timeout is not None:
                raise subprocess.TimeoutExpired("db_worker", timeout)

        def kill(self):
            self.calls.append("kill")

    worker = SlowWorker()

    command.stop_worker(worker)

    assert worker.calls == ["terminate", "wait 15", "kill", "wait None"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--port", "70000"], "between 1 and 65535"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--timeout", "0"], "--timeout must be at least 1"),
    ],
)
def test_it_refuses_options_out_of_range(served, option, message):
    with pytest.raises(CommandError, match=message):
        call_command("serve", *option)

    assert served == []


def test_gunicorn_is_importable_from_this_python():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--version"], capture_output=True, text=True
    )

    assert result.returncode == 0
    assert "27.0.1" in result.stdout + result.stderr
