"""Home reads a member's suggestions and intros through indexes on the member, never by
reading every suggestion or intro of the organisation (which grows with it: about 100 ms a
view with 160,000 suggestions). Checked on SQLite's query plans, which without statistics
do not depend on the rows; PostgreSQL plans by its statistics."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.tests.conftest import GROUNDED
from trellis.matching.models import Round, Suggestion

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
# Tables that grow with the organisation, and the indexes that start from a member.
GROWING = ("matching_suggestion", "connections_intro")


def _plans(queries) -> list[tuple[str, list[str]]]:
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plans.append((query["sql"], [row[3] for row in cursor.fetchall()]))
    return plans


def test_home_searches_suggestions_and_intros_from_the_member(client, ana, ben, carla):
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    published = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    sides = {"explanation_for_a": "You both work on it.", "explanation_for_b": "You both do."}
    Suggestion.objects.create(round=published, member_a=a, member_b=b, score=0.5, **sides)
    connections.intro_send(sender=ana, recipient=carla, message=GROUNDED)
    client.force_login(ana.user)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home:home")).status_code == 200

    read = [(sql, plan) for sql, plan in _plans(queries) if any(t in sql for t in GROWING)]
    assert any("matching_suggestion" in sql for sql, _ in read)
    assert any('FROM "connections_intro"' in sql for sql, _ in read)
    for sql, plan in read:
        for step in plan:
            table = next((t for t in GROWING if f" {t} " in f"{step} "), None)
            if table is None:
                continue
            assert not step.startswith("SCAN"), (step, sql)
            # Searched by the member (sender, recipient, member_a, member_b), not by a
            # state or kind that every member's rows share.
            assert "(state=" not in step, (step, sql)
