"""The reflection journal: writing after an exchange, searching, exporting; its author's alone."""

import json

import pytest
from django.urls import reverse

from trellis.connections import services
from trellis.connections.models import Reflection
from trellis.connections.prompts import PROMPTS
from trellis.connections.tests.conftest import record

LIST = reverse("connections:reflection_list")
NEW = reverse("connections:reflection_new")
SECRET = "Explaining the drain showed me I never test rollbacks."


def detail(reflection) -> str:
    return reverse("connections:reflection_detail", args=[reflection.pk])


def delete(reflection) -> str:
    return reverse("connections:reflection_delete", args=[reflection.pk])


def export(fmt: str) -> str:
    return reverse("connections:reflection_export", args=[fmt])


@pytest.fixture
def exchange(relationship, ana):
    return record(relationship, ana, shared="How we drain nodes before an upgrade")


@pytest.fixture
def reflection(ana, exchange):
    return services.reflection_write(author=ana, body=SECRET, prompt=PROMPTS[0], exchange=exchange)


def test_after_sharing_the_member_is_offered_a_prompt(ana_client, exchange):
    response = ana_client.get(f"{NEW}?exchange={exchange.pk}")

    content = response.content.decode()
    assert PROMPTS[0] in content
    assert "After your exchange with Ben Okafor" in content
    assert not Reflection.objects.exists()


def test_the_prompt_rotates_with_each_entry(ana_client, ana):
    services.reflection_write(author=ana, body="One.")

    assert PROMPTS[1] in ana_client.get(NEW).content.decode()


def test_writing_saves_the_answer_to_the_prompt_about_the_exchange(ana_client, exchange, ana):
    response = ana_client.post(NEW, {"body": SECRET, "prompt": PROMPTS[0], "exchange": exchange.pk})

    reflection = Reflection.objects.get()
    assert response.url == detail(reflection)
    assert (reflection.author, reflection.exchange, reflection.prompt) == (
        ana,
        exchange,
        PROMPTS[0],
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"body": ""}, "Write something before saving."),
        ({"body": "x", "prompt": "Invented prompt?"}, "Pick one of the journal&#x27;s prompts"),
        ({"body": "x" * 20001}, "at most 20000 characters"),
    ],
)
def test_bad_entries_are_refused_with_a_reason_and_nothing_is_written(ana_client, data, problem):
    response = ana_client.post(NEW, data)

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not Reflection.objects.exists()


def test_nobody_reflects_on_someone_elses_exchange(client, exchange, ben, carla):
    for member in (ben, carla):
        client.force_login(member.user)
        assert client.get(f"{NEW}?exchange={exchange.pk}").status_code == 404
        assert client.post(NEW, {"body": "x", "exchange": exchange.pk}).status_code == 404
    assert not Reflection.objects.exists()


def test_the_author_lists_searches_edits_and_deletes(ana_client, reflection, ana):
    services.reflection_write(author=ana, body="Something about hiring.")

    assert SECRET in ana_client.get(LIST).content.decode()
    found = ana_client.get(LIST, {"q": "rollbacks"}).content.decode()
    assert SECRET in found and "hiring" not in found
    assert (
        "Nothing in your journal mentions" in ana_client.get(LIST, {"q": "zebra"}).content.decode()
    )

    ana_client.post(detail(reflection), {"body": "Rewritten."})
    assert Reflection.objects.get(pk=reflection.pk).body == "Rewritten."
    ana_client.post(delete(reflection))
    assert not Reflection.objects.filter(pk=reflection.pk).exists()


def test_the_pages_of_a_search_keep_the_search(ana_client, ana, monkeypatch):
    from trellis.connections.views import reflections

    monkeypatch.setattr(reflections, "PER_PAGE", 1)
    for n in range(3):
        services.reflection_write(author=ana, body=f"Rollbacks, take {n}.")

    content = ana_client.get(LIST, {"q": "rollbacks", "page": 2}).content.decode()

    assert "Page 2 of 3" in content
    assert 'href="?q=rollbacks&amp;page=1" rel="prev"' in content
    assert 'href="?q=rollbacks&amp;page=3" rel="next"' in content


def test_an_edit_to_nothing_is_refused_and_nothing_changes(ana_client, reflection):
    response = ana_client.post(detail(reflection), {"body": " "})

    assert "Write something before saving." in response.content.decode()
    assert Reflection.objects.get().body == SECRET


@pytest.mark.parametrize("who", ["ben", "carla", "organiser"])
def test_nobody_else_can_reach_a_reflection_even_the_other_member_or_an_organiser(
    client, request, reflection, who
):
    client.force_login(request.getfixturevalue(who).user)
    missing = Reflection(pk=reflection.pk + 1000)

    for target in (reflection, missing):
        assert client.get(detail(target)).status_code == 404
        assert client.post(detail(target), {"body": "mine now"}).status_code == 404
        assert client.post(delete(target)).status_code == 404
    for url in (LIST, f"{LIST}?q=rollbacks", export("json"), export("md")):
        assert SECRET not in client.get(url).content.decode()
    assert Reflection.objects.get().body == SECRET


def test_the_relationship_page_never_shows_a_reflection(client, reflection, relationship, ana, ben):
    for member in (ana, ben):
        client.force_login(member.user)
        url = reverse("connections:relationship_detail", args=[relationship.pk])
        assert SECRET not in client.get(url).content.decode()


def test_the_author_exports_the_journal_as_json(ana_client, reflection):
    response = ana_client.get(export("json"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="trellis-journal-')
    data = json.loads(response.content)
    assert data["author"] == "Ana Lima"
    (entry,) = data["reflections"]
    assert (entry["body"], entry["prompt"], entry["with"]) == (SECRET, PROMPTS[0], "Ben Okafor")


def test_the_author_exports_the_journal_as_markdown(ana_client, reflection):
    response = ana_client.get(export("md"))

    content = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert content.startswith("# Journal of Ana Lima")
    assert "after an exchange with Ben Okafor" in content
    assert f"*{PROMPTS[0]}*" in content
    assert SECRET in content


def test_an_unknown_export_format_is_not_found(ana_client):
    assert ana_client.get(export("pdf")).status_code == 404


def test_the_journal_costs_the_same_queries_whatever_its_length(
    ana_client, ana, exchange, django_assert_num_queries
):
    services.reflection_write(author=ana, body="One.", exchange=exchange)
    # Session, user, member, unread count, the page's count, the page with its exchanges.
    with django_assert_num_queries(6):
        ana_client.get(LIST)
    for n in range(5):
        services.reflection_write(author=ana, body=f"More {n}.", exchange=exchange)
    with django_assert_num_queries(6):
        response = ana_client.get(LIST)
    assert len(response.context["page"].object_list) == 6
