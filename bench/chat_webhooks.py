"""Chat webhooks: what an event costs the transaction that makes it, how fast the worker
sends, and what a webhook's page costs with many deliveries, on a fresh SQLite (or
DATABASE_URL) and a real HTTP receiver on 127.0.0.1.

    .venv/bin/python bench/chat_webhooks.py [--webhooks 100] [--sends 300] [--kept 100000]

Prints: the queries and time (median of five) to announce one event to 1, 10 and
`--webhooks` webhooks (the rows written, nothing sent); the worker's rate sending
`--sends` signed deliveries one after another to a receiver that answers at once, and its
queries per delivery; and, with `--kept` deliveries kept for one webhook, the queries and
time (median of five) of its page, the newest and a page far down.
"""

from __future__ import annotations

import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Quick(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--webhooks", type=int, default=100)
    parser.add_argument("--sends", type=int, default=300)
    parser.add_argument("--kept", type=int, default=100_000)
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="trellis-chat-bench-"))
    os.environ |= {
        "TRELLIS_DATA_DIR": str(data_dir),
        "TRELLIS_CHAT_WEBHOOKS": "true",
        "TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK": "true",
        "DJANGO_SETTINGS_MODULE": "trellis.settings",
    }
    os.environ.setdefault("TRELLIS_ALLOWED_HOSTS", "testserver")  # the test client
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'bench.sqlite3'}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quick)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        migrate = [sys.executable, "-m", "trellis.cli", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, check=True, cwd=ROOT)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        url = f"http://127.0.0.1:{server.server_port}/hook"
        organiser = _organiser()
        _announce(organiser, url, args.webhooks)
        _send(organiser, url, args.sends)
        _page(organiser, url, args.kept)
    finally:
        server.shutdown()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def _organiser():
    from trellis.accounts.models import User

    return User.objects.create_user("olga@example.org", is_organiser=True)


def _timed(action, runs: int = 5) -> tuple[float, int]:
    """The median milliseconds of `runs` calls, and the queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def _announce(organiser, url: str, most: int) -> None:
    from trellis.integrations.chat import services
    from trellis.integrations.chat.formats import News
    from trellis.integrations.chat.models import Delivery, Webhook

    news = News("round.published", "A round is published.", "https://x.test/", "See it")
    print("Announcing one event (rows written in its transaction, nothing sent):")
    made = 0
    for count in sorted({1, 10, most}):
        while made < count:
            services.webhook_create(
                organiser=organiser,
                name=f"hook {made}",
                url=url,
                format="signed",
                on_round_published=True,
            )
            made += 1

        def announce() -> None:
            services.news_announce(
                news=news, webhooks=services.subscribers(event="round.published")
            )

        ms, queries = _timed(announce)
        print(f"  {count:>5} webhooks: {ms:7.2f} ms, {queries} queries")
    Delivery.objects.all().delete()
    Webhook.objects.exclude(name="hook 0").delete()


def _send(organiser, url: str, sends: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from trellis.integrations.chat import services
    from trellis.integrations.chat.models import Delivery, Webhook

    webhook = Webhook.objects.get(name="hook 0")
    for _ in range(sends):
        services.webhook_test_send(webhook_id=webhook.pk, organiser=organiser)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        report = services.deliveries_send_due(now=timezone.now(), limit=sends)
        seconds = time.perf_counter() - start
    assert report.sent == sends, report
    print(
        f"Sending {sends} signed deliveries to a local receiver: {sends / seconds:.0f} a second "
        f"({seconds * 1000 / sends:.1f} ms each), {len(queries) / sends:.1f} queries each"
    )
    Delivery.objects.all().delete()


def _page(organiser, url: str, kept: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from trellis.integrations.chat.models import Delivery, Webhook

    webhook = Webhook.objects.get(name="hook 0")
    batch = [
        Delivery(webhook=webhook, event="test", body="{}", status="sent", attempts=1)
        for _ in range(kept)
    ]
    Delivery.objects.bulk_create(batch, batch_size=5000)
    client = Client()
    client.force_login(organiser)
    detail = reverse("chat:webhook_detail", args=[webhook.pk])
    far = max(1, kept // 20 // 2)
    print(f"The webhook's page with {kept:,} deliveries kept:")
    for label, query in (("newest", {}), (f"page {far:,}", {"page": far})):

        def get(q=query) -> None:
            assert client.get(detail, q).status_code == 200

        ms, queries = _timed(get)
        print(f"  {label:>12}: {ms:7.2f} ms, {queries} queries")


if __name__ == "__main__":
    raise SystemExit(main())
