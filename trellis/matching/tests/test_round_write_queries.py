"""Writing a round's results is batched: a round of many pairs costs no more queries per
pair than one of a few (each INSERT carries a batch of rows)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.matching import runs, services
from trellis.matching.models import Round, Suggestion, UnpairedMember


def _run_round_over(make_member, organiser, *, team: str, members: int, opted_out: int):
    for _ in range(members):
        make_member(team=team, capacity=5)
    for _ in range(opted_out):
        make_member(team=team, open_to_peer_learning=False)
    round_obj = services.round_create(
        organiser=organiser.user, cohort=f"team:{team}", enqueue=False
    )
    with CaptureQueriesContext(connection) as captured:
        round_obj = runs.round_run(round_id=round_obj.pk)
    assert round_obj.state == Round.State.DONE
    return round_obj, [query["sql"] for query in captured.captured_queries]


def _inserts(queries: list[str], table: str) -> list[str]:
    return [sql for sql in queries if sql.startswith(f'INSERT INTO "{table}"')]


def _others(queries: list[str]) -> list[str]:
    """Everything but the inserts, and but the progress updates (written at most twice a
    second, so how many depends on the clock)."""
    return [
        sql
        for sql in queries
        if not sql.startswith("INSERT INTO")
        and not (sql.startswith('UPDATE "matching_round"') and '"heartbeat_at"' in sql)
    ]


@pytest.mark.django_db(transaction=False)
def test_a_round_of_many_pairs_takes_the_queries_of_a_small_one_but_its_insert_batches(
    fake_engine, make_member, organiser
):
    small, small_queries = _run_round_over(
        make_member, organiser, team="Small", members=4, opted_out=1
    )
    large, large_queries = _run_round_over(
        make_member, organiser, team="Large", members=60, opted_out=40
    )

    pairs = Suggestion.objects.filter(round=large).count()
    unpaired = UnpairedMember.objects.filter(round=large).count()
    assert Suggestion.objects.filter(round=small).count() < 10 < pairs
    assert pairs >= 50 and unpaired >= 40
    # Reading, checking and marking the round done: the same statements whatever its size.
    assert len(_others(large_queries)) == len(_others(small_queries))
    # The rows go in batches, not one statement each.
    pair_inserts = _inserts(large_queries, "matching_suggestion")
    unpaired_inserts = _inserts(large_queries, "matching_unpairedmember")
    assert 1 <= len(pair_inserts) <= pairs // 20
    assert len(unpaired_inserts) == 1
