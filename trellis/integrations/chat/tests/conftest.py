"""Chat webhooks switched on, and a real HTTP receiver on 127.0.0.1 started and stopped by
each test that asks for one."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass, field

import pytest

from trellis.integrations.chat import services
from trellis.integrations.chat.models import Webhook

# A round over four members that ran with matching's stand-in engine, ready to publish.
from trellis.matching.tests.conftest import cohort, done_round, fake_engine  # noqa: F401


@pytest.fixture
def chat_on(settings):
    settings.CHAT_WEBHOOKS_ENABLED = True
    settings.CHAT_ALLOW_HTTP_LOOPBACK = True
    settings.CHAT_ALLOW_PRIVATE_ADDRESSES = False
    settings.CHAT_TIMEOUT_SECONDS = 1
    settings.CHAT_MAX_ATTEMPTS = 6
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings


@dataclass
class Reply:
    """What the receiver answers one request with."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    sleep: float = 0.0


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """An HTTP server on a free port of 127.0.0.1 that records every POST and answers with
    the next of its `replies` (the last one again once they run out)."""

    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply()]
        self.received: list[Received] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                outer.received.append(Received(self.path, dict(self.headers.items()), body))
                reply = outer.replies.pop(0) if len(outer.replies) > 1 else outer.replies[0]
                if reply.sleep:
                    time.sleep(reply.sleep)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender gave up waiting and closed the connection

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hooks/T000/B000/XXXX"

    def answer(self, *replies: Reply) -> None:
        self.replies = list(replies)

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture
def make_webhook(chat_on, organiser):
    def make(url: str, fmt: str = Webhook.Format.SIGNED, **events) -> tuple[Webhook, str]:
        events.setdefault("on_round_published", True)
        return services.webhook_create(
            organiser=organiser.user, name=f"{fmt} channel", url=url, format=fmt, **events
        )

    return make
