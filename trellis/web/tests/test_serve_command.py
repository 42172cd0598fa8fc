"""`trellis serve`: the development server without its reloader, and a worker beside it."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from trellis.web.management.commands import serve as command


@pytest.fixture
def served(monkeypatch):
    """What `serve` asked runserver for, with no server or worker started."""
    calls = []
    monkeypatch.setattr(command, "start_worker", lambda: "worker")
    monkeypatch.setattr(command, "stop_worker", lambda worker: None)
    monkeypatch.setattr(
        command, "call_command", lambda name, *args, **options: calls.append((name, args, options))
    )
    return calls


def test_it_serves_without_the_autoreloader(served):
    call_command("serve", "--port", "8765")

    assert served == [
        ("runserver", ("127.0.0.1:8765",), {"use_reloader": False, "use_ipv6": False})
    ]


def test_it_serves_on_an_ipv6_address(served):
    call_command("serve", "--host", "::1", "--port", "8001")

    assert served == [("runserver", ("[::1]:8001",), {"use_reloader": False, "use_ipv6": True})]


def test_it_runs_a_worker_while_it_serves_and_stops_it_after(monkeypatch):
    events = []
    monkeypatch.setattr(command, "start_worker", lambda: events.append("worker started") or "w")
    monkeypatch.setattr(command, "stop_worker", lambda worker: events.append(f"{worker} stopped"))

    def runserver(name, *args, **options):
        events.append("serving")
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(command, "call_command", runserver)

    with pytest.raises(KeyboardInterrupt):
        call_command("serve")

    assert events == ["worker started", "serving", "w stopped"]


def test_the_worker_is_the_trellis_db_worker_command(monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, args, **kwargs):
            started.append(args)

    monkeypatch.setattr(command.subprocess, "Popen", FakePopen)

    command.start_worker()

    assert started[0][1:] == ["-m", "trellis.cli", "db_worker", "--no-reload", "--interval", "1"]


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


def test_it_refuses_a_port_out_of_range(served):
    with pytest.raises(CommandError, match="between 1 and 65535"):
        call_command("serve", "--port", "70000")

    assert served == []
