"""/relationships through the API: the pair's alone, as on the relationship pages.

Anyone not in a relationship (organisers too) gets 404 with no data for it, its exchanges
and its proposals; how to reach the other shows only while it is open; a closing reason
is its closer's alone; refused writes are 422 and write nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trellis.api.tests.calls import NOT_FOUND_BODY, bearer
from trellis.connections.models import Exchange, MeetingProposal, Relationship
from trellis.connections.tests.conftest import record

SECRET = "SECRET-only-the-pair-reads"


def post(client, url: str, body: dict, auth: dict):
    return client.post(url, body, content_type="application/json", **auth)


def today() -> str:
    return timezone.localdate().isoformat()


def test_both_members_read_the_relationship_with_how_to_reach_the_other(
    client, ana, ben, relationship
):
    as_ana = client.get(f"/api/v1/relationships/{relationship.pk}", **bearer(ana)).json()
    as_ben = client.get(f"/api/v1/relationships/{relationship.pk}", **bearer(ben)).json()

    assert as_ana["other"]["display_name"] == "Ben Okafor"
    assert as_ana["contact"]["email"] == "ben@example.org"
    assert as_ben["contact"]["email"] == "ana@example.org"
    assert as_ana["state"] == "active"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "", None),
        ("get", "/exchanges", None),
        ("post", "/close", {"reason": "x"}),
        ("post", "/exchanges", {"date": "2026-01-01", "what_i_shared": "x"}),
        (
            "post",
            "/proposals",
            {"starts_at": "2030-01-01T10:00:00Z", "minutes": 30, "place": "Kitchen"},
        ),
    ],
)
def test_someone_not_in_the_relationship_gets_404_and_writes_nothing(
    client, ana, ben, carla, organiser, relationship, method, path, body
):
    record(relationship, ana, shared=SECRET, note=SECRET)
    for stranger in (carla, organiser):
        url = f"/api/v1/relationships/{relationship.pk}{path}"
        if method == "get":
            answer = client.get(url, **bearer(stranger))
        else:
            answer = post(client, url, body, bearer(stranger))
        assert answer.status_code == 404
        assert answer.json() == NOT_FOUND_BODY
        assert SECRET not in answer.content.decode()
    assert Exchange.objects.count() == 1
    assert not MeetingProposal.objects.exists()
    assert Relationship.objects.get().state == Relationship.State.ACTIVE


def test_a_closing_reason_is_its_closers_alone_and_contact_goes_with_it(
    client, ana, ben, relationship
):
    closed = post(
        client, f"/api/v1/relationships/{relationship.pk}/close", {"reason": SECRET}, bearer(ana)
    )

    assert closed.status_code == 200
    assert closed.json()["state"] == "closed"
    assert closed.json()["closed_reason"] == SECRET
    assert closed.json()["contact"] is None
    as_ben = client.get(f"/api/v1/relationships/{relationship.pk}", **bearer(ben))
    assert as_ben.json()["closed_reason"] is None
    assert SECRET not in as_ben.content.decode()


def test_closing_twice_is_422(client, ana, relationship):
    url = f"/api/v1/relationships/{relationship.pk}/close"
    post(client, url, {}, bearer(ana))

    again = post(client, url, {}, bearer(ana))

    assert again.status_code == 422
    assert again.json()["detail"] == "This relationship is closed already."


def test_recording_an_exchange_as_the_journal_does(client, ana, ben, relationship):
    recorded = post(
        client,
        f"/api/v1/relationships/{relationship.pk}/exchanges",
        {
            "date": today(),
            "what_i_shared": "Our upgrade checklist",
            "what_i_learned": "How screen readers read forms",
            "note": "Next: the on-call rota",
            "topics": "k8s",
        },
        bearer(ana),
    )

    assert recorded.status_code == 201
    body = recorded.json()
    assert body["mine"] is True and body["author"]["id"] == ana.pk
    assert [topic["slug"] for topic in body["topics"]] == ["kubernetes"]
    listed = client.get(f"/api/v1/relationships/{relationship.pk}/exchanges", **bearer(ben))
    assert [(e["id"], e["mine"], e["note"]) for e in listed.json()["results"]] == [
        (body["id"], False, "Next: the on-call rota")
    ]


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"what_i_shared": "x", "topics": "basket weaving"}, "topics", "Not a topic we know"),
        ({"what_i_shared": "", "what_i_learned": ""}, "what_i_shared", "Say what you shared"),
        ({"what_i_shared": "x", "date": "2999-01-01"}, "date", "in the future"),
        ({"what_i_shared": "tab\tthere\x07"}, "what_i_shared", "cannot contain"),
    ],
)
def test_a_refused_exchange_names_the_field_and_writes_nothing(
    client, ana, relationship, body, field, words
):
    answer = post(
        client,
        f"/api/v1/relationships/{relationship.pk}/exchanges",
        {"date": today(), **body},
        bearer(ana),
    )

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field
    assert words in answer.json()["detail"]
    assert not Exchange.objects.exists()


def test_proposing_a_time_answers_with_the_invitation_on_the_pages(client, ana, relationship):
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=0)

    proposed = post(
        client,
        f"/api/v1/relationships/{relationship.pk}/proposals",
        {"starts_at": starts.isoformat(), "minutes": 30, "link": "https://meet.example.org/a"},
        bearer(ana),
    )

    assert proposed.status_code == 201
    meeting = MeetingProposal.objects.get()
    assert proposed.json()["invitation_url"] == meeting.get_ics_url()
    assert meeting.starts_at == starts


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2001-01-01T10:00:00Z", "place": "Kitchen"}, "starts_at"),
        ({"starts_at": "2030-01-01T10:00:00", "place": "Kitchen"}, "starts_at"),
        ({"starts_at": "9999-12-31T23:59:59-23:00", "place": "Kitchen"}, "starts_at"),
        ({"starts_at": "{soon}", "place": "Kitchen\x00"}, "place"),
        ({"starts_at": "{soon}"}, "place"),
        ({"starts_at": "{soon}", "link": "http://meet.example.org"}, "link"),
    ],
)
def test_a_refused_proposal_names_the_field_and_writes_nothing(
    client, ana, relationship, body, field
):
    soon = (timezone.now() + timedelta(days=3)).isoformat()
    body = {k: v.replace("{soon}", soon) for k, v in body.items()}

    answer = post(
        client,
        f"/api/v1/relationships/{relationship.pk}/proposals",
        {"minutes": 30, **body},
        bearer(ana),
    )

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field
    assert not MeetingProposal.objects.exists()


def test_the_state_filter_lists_only_that_state(client, ana, ben, relationship):
    auth = bearer(ana)
    active = client.get("/api/v1/relationships?state=active", **auth).json()["results"]
    closed = client.get("/api/v1/relationships?state=closed", **auth).json()["results"]
    bad = client.get("/api/v1/relationships?state=over", **auth)

    assert [r["id"] for r in active] == [relationship.pk]
    assert closed == []
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "state"


def test_a_read_token_cannot_record_and_no_token_is_401(client, ana, relationship):
    refused = post(
        client,
        f"/api/v1/relationships/{relationship.pk}/exchanges",
        {"date": today(), "what_i_shared": "x"},
        bearer(ana, "read"),
    )

    assert refused.status_code == 403
    assert client.get("/api/v1/relationships").status_code == 401
    assert not Exchange.objects.exists()


def _relationships_of(ana, make_member, count: int) -> None:
    others = [make_member(f"Peer {n}") for n in range(count)]
    Relationship.objects.bulk_create(
        Relationship(
            member_a=min(ana, other, key=lambda m: m.pk),
            member_b=max(ana, other, key=lambda m: m.pk),
        )
        for other in others
    )


def test_the_lists_cost_the_same_queries_for_3_as_for_30(client, ana, make_member):
    auth = bearer(ana)
    client.get("/api/v1/relationships", **auth)  # the token's first use is counted apart
    counts = []
    for more in (3, 27):
        _relationships_of(ana, make_member, more)
        with CaptureQueriesContext(connection) as queries:
            listed = client.get("/api/v1/relationships", **auth)
        counts.append((len(listed.json()["results"]), len(queries)))
    assert [shown for shown, _ in counts] == [3, 30]
    assert counts[0][1] == counts[1][1]


def test_the_exchanges_cost_the_same_queries_for_3_as_for_30(client, ana, ben, relationship):
    auth = bearer(ana)
    url = f"/api/v1/relationships/{relationship.pk}/exchanges"
    client.get(url, **auth)
    counts = []
    for more in (3, 27):
        for n in range(more):
            record(relationship, ana if n % 2 else ben, shared=f"thing {n}")
        with CaptureQueriesContext(connection) as queries:
            listed = client.get(url, **auth)
        counts.append((len(listed.json()["results"]), len(queries)))
    assert [shown for shown, _ in counts] == [3, 30]
    assert counts[0][1] == counts[1][1]
