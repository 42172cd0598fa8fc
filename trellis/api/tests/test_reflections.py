"""/reflections through the API: the journal is its author's alone.

Everyone else, the other member of the relationship and organisers included, gets 404 with
no data; a refused write is 422 and writes nothing.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.api.tests.calls import NOT_FOUND_BODY, bearer
from trellis.connections import services
from trellis.connections.models import Reflection
from trellis.connections.prompts import PROMPTS
from trellis.connections.tests.conftest import record

SECRET = "SECRET-only-ana-reads-this"


def post(client, url: str, body: dict, auth: dict):
    return client.post(url, body, content_type="application/json", **auth)


@pytest.fixture
def anas_reflection(ana, ben, relationship):
    exchange = record(relationship, ana, shared="Our upgrade checklist")
    return services.reflection_write(author=ana, body=SECRET, prompt=PROMPTS[0], exchange=exchange)


def test_writing_a_reflection_about_an_exchange(client, ana, ben, relationship):
    exchange = record(relationship, ana, shared="Our upgrade checklist")

    written = post(
        client,
        "/api/v1/reflections",
        {"body": "It went well.", "prompt": PROMPTS[0], "exchange": exchange.pk},
        bearer(ana),
    )

    assert written.status_code == 201
    body = written.json()
    assert (body["body"], body["exchange_id"]) == ("It went well.", exchange.pk)
    assert body["with_whom"]["display_name"] == "Ben Okafor"
    assert Reflection.objects.get().author == ana


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"body": "   "}, "body", "Write something before saving."),
        ({"body": "ok", "prompt": "Not one of ours"}, "prompt", "Pick one of the journal"),
        ({"body": "bell\x07"}, "body", "cannot contain"),
    ],
)
def test_a_refused_reflection_names_the_field_and_writes_nothing(client, ana, body, field, words):
    answer = post(client, "/api/v1/reflections", body, bearer(ana))

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field
    assert words in answer.json()["detail"]
    assert not Reflection.objects.exists()


def test_reflecting_on_someone_elses_exchange_is_404(client, ana, ben, relationship):
    bens = record(relationship, ben, shared="Screen readers")

    answer = post(client, "/api/v1/reflections", {"body": "x", "exchange": bens.pk}, bearer(ana))

    assert answer.status_code == 404
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(
    ("method", "body"), [("get", None), ("patch", {"body": "mine now"}), ("delete", None)]
)
def test_a_reflection_is_404_to_everyone_but_its_author(
    client, ben, carla, organiser, anas_reflection, method, body
):
    for other in (ben, carla, organiser):
        answer = getattr(client, method)(
            f"/api/v1/reflections/{anas_reflection.pk}",
            body,
            content_type="application/json",
            **bearer(other),
        )
        assert answer.status_code == 404
        assert answer.json() == NOT_FOUND_BODY
        listed = client.get("/api/v1/reflections", **bearer(other))
        assert SECRET not in listed.content.decode()
    anas_reflection.refresh_from_db()
    assert anas_reflection.body == SECRET


def test_its_author_reads_rewrites_and_deletes_it(client, ana, anas_reflection):
    auth = bearer(ana)
    url = f"/api/v1/reflections/{anas_reflection.pk}"

    assert client.get(url, **auth).json()["body"] == SECRET
    rewritten = client.patch(url, {"body": "Rewritten"}, content_type="application/json", **auth)
    assert rewritten.status_code == 200 and rewritten.json()["body"] == "Rewritten"
    refused = client.patch(url, {"body": " "}, content_type="application/json", **auth)
    assert refused.status_code == 422
    assert Reflection.objects.get().body == "Rewritten"
    assert client.delete(url, **auth).status_code == 204
    assert not Reflection.objects.exists()


def test_the_journal_is_searched_by_words(client, ana, anas_reflection):
    services.reflection_write(author=ana, body="Nothing about upgrades")

    found = client.get("/api/v1/reflections?q=SECRET", **bearer(ana)).json()["results"]

    assert [reflection["id"] for reflection in found] == [anas_reflection.pk]


def test_a_read_token_cannot_write_and_no_token_is_401(client, ana):
    refused = post(client, "/api/v1/reflections", {"body": "x"}, bearer(ana, "read"))

    assert refused.status_code == 403
    assert client.get("/api/v1/reflections").status_code == 401
    assert not Reflection.objects.exists()


def test_the_list_costs_the_same_queries_for_3_as_for_30(client, ana, ben, relationship):
    auth = bearer(ana)
    client.get("/api/v1/reflections", **auth)  # the token's first use is counted apart
    exchange = record(relationship, ana, shared="Our upgrade checklist")
    counts = []
    for more in (3, 27):
        for n in range(more):
            services.reflection_write(author=ana, body=f"entry {n}", exchange=exchange)
        with CaptureQueriesContext(connection) as queries:
            listed = client.get("/api/v1/reflections", **auth)
        counts.append((len(listed.json()["results"]), len(queries)))
    assert [shown for shown, _ in counts] == [3, 30]
    assert counts[0][1] == counts[1][1]
