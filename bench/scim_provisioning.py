"""Time SCIM provisioning on a throw-away SQLite database, and count its queries.

    .venv/bin/python bench/scim_provisioning.py [--members 10000] [--calls 200]

Imports a roster of N members (ten teams, each a tree of managers), then sends, through
Django's full request stack, what an identity provider's sync does: look a user up by
userName, create users with a manager, change a manager, deactivate, reactivate, and
read pages of the list. Prints milliseconds and SQL queries per call; the queries of
one call must not grow with N (the test suite checks that; this shows the time).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.roster_import import roster, setup_django

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def measure(label: str, calls: list, client, expect: int) -> None:
    """Send each (method, path, body) and print the median and 95th percentile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for method, path, body in calls:
        send = getattr(client, method.lower())
        connection.queries_log.clear()  # it keeps 9,000 queries; a long run passes that
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            if body is None:
                response = send(path)
            else:
                response = send(path, json.dumps(body), content_type="application/scim+json")
        times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured.captured_queries))
        if response.status_code != expect:
            sys.exit(
                f"{label}: {method} {path} answered {response.status_code}: {response.content}"
            )
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{label:<34} {len(calls):>5} calls  median {statistics.median(times):6.1f} ms"
        f"  p95 {p95:6.1f} ms  queries {min(queries)}-{max(queries)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trellis-bench-") as directory:
        setup_django(directory)
        from django.conf import settings
        from django.test import Client

        from trellis.accounts.models import User
        from trellis.integrations.scim.tokens import scim_token_create
        from trellis.people.models import Member
        from trellis.people.roster import roster_import

        settings.SCIM_ENABLED = True
        settings.ALLOWED_HOSTS = ["*"]
        roster_import(data=roster(args.members))
        organiser = User.objects.create_user("olga@example.org", is_organiser=True)
        secret = scim_token_create(name="bench", by=organiser).secret
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        ids = list(Member.objects.order_by("pk").values_list("pk", flat=True))
        n = args.calls
        print(f"SCIM on SQLite with {len(ids):,} members")
        measure(
            "filter userName eq (found)",
            [("GET", f'/scim/v2/Users?filter=userName eq "person.{i}@example.org"', None)
             for i in range(n)],
            client, 200,
        )  # fmt: skip
        measure(
            "create with a manager",
            [("POST", "/scim/v2/Users", {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
                "userName": f"new.{i}@example.org", "displayName": f"New {i}",
                ENTERPRISE: {"department": "Team 1", "manager": {"value": str(ids[i + 20])}},
            }) for i in range(n)],
            client, 201,
        )  # fmt: skip
        measure(
            "PATCH manager (cycle checked)",
            [("PATCH", f"/scim/v2/Users/{ids[-1 - i]}", {"schemas": [PATCH], "Operations": [
                {"op": "replace", "path": f"{ENTERPRISE}:manager", "value": str(ids[i])}]})
             for i in range(n)],
            client, 200,
        )  # fmt: skip
        leave = {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active",
                                                     "value": False}]}  # fmt: skip
        back = {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active",
                                                    "value": True}]}  # fmt: skip
        measure("PATCH active false (leaves)",
                [("PATCH", f"/scim/v2/Users/{ids[100 + i]}", leave) for i in range(n)],
                client, 200)  # fmt: skip
        measure("PATCH active true (back)",
                [("PATCH", f"/scim/v2/Users/{ids[100 + i]}", back) for i in range(n)],
                client, 200)  # fmt: skip
        last_page = max(1, len(ids) - 100)
        measure("list, 100 a page, deep page",
                [("GET", f"/scim/v2/Users?startIndex={last_page}&count=100", None)] * 20,
                client, 200)  # fmt: skip


if __name__ == "__main__":
    main()
