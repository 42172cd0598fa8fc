"""/insights in the JSON API: the organisers' figures through the insights selectors, with
the pages' period and cohort filters; a member gets 404; no private words ever.

The organisation is the insights tests' own (`org`, counted by hand there), worked out as
the background worker would (`worked_out`).
"""

import pytest

from trellis.accounts.access_tokens import token_create
from trellis.insights.models import CohortFigures, InsightsRun
from trellis.insights.tests import conftest as insights_fixtures

org = insights_fixtures.org
worked_out = insights_fixtures.worked_out
SECRETS = insights_fixtures.SECRETS

API = "/api/v1/insights"
NOT_FOUND = {"detail": "Not found.", "errors": []}
QUESTIONS = ["growing", "mutual", "load", "seen"]
EVERY_PATH = [*QUESTIONS, "network", "network?by=discipline"]


def bearer(member, scope: str = "read") -> dict:
    made = token_create(user=member.user, name=f"{scope} token", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {made.secret}"}


def kept() -> list:
    return [
        list(InsightsRun.objects.order_by("pk").values()),
        list(CohortFigures.objects.order_by("pk").values()),
    ]


@pytest.mark.parametrize("path", EVERY_PATH)
def test_a_member_gets_404_and_an_organiser_the_figures(client, worked_out, path):
    member = client.get(f"{API}/{path}", **bearer(worked_out.ana))
    assert member.status_code == 404
    assert member.json() == NOT_FOUND
    organiser = client.get(f"{API}/{path}", **bearer(worked_out.olga))
    assert organiser.status_code == 200, organiser.content
    assert organiser.json()["status"]["ready"] is True


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_question_has_its_headlines_with_definitions_and_a_weekly_table(
    client, worked_out, question
):
    figures = client.get(f"{API}/{question}?weeks=12", **bearer(worked_out.olga)).json()
    assert figures["weeks"] == 12
    assert figures["cohort"]["kind"] == "all"
    assert figures["headlines"]
    assert all(headline["definition"] for headline in figures["headlines"])
    assert len(figures["rows"]) == 12
    assert all(len(week["values"]) == len(figures["measures"]) for week in figures["rows"])


def test_a_team_is_a_cohort(client, worked_out):
    figures = client.get(f"{API}/growing?team=Platform", **bearer(worked_out.olga)).json()
    assert figures["cohort"] == {"kind": "team", "value": "Platform", "label": "the team Platform"}


def test_the_network_joins_the_teams_relationships_started_between(client, worked_out):
    picture = client.get(f"{API}/network?weeks=12", **bearer(worked_out.olga)).json()
    assert picture["by"] == "team"
    names = {node["name"] for node in picture["nodes"]}
    assert {"Platform", "Checkout", "Insights", "Payments"} <= names
    assert picture["edges"]
    assert all({edge["one"], edge["two"]} <= names for edge in picture["edges"])


def test_before_the_first_run_the_figures_say_they_are_not_worked_out(client, org):
    figures = client.get(f"{API}/growing", **bearer(org.olga)).json()
    assert figures["status"]["ready"] is False
    assert figures["headlines"] == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("weeks=5", "weeks", "Choose a period of 4, 12, 26, 52 weeks, not 5."),
        ("team=Nowhere", "team", "Nobody is in a team called “Nowhere”"),
        ("discipline=Alchemy", "discipline", "Nobody is in a discipline called “Alchemy”"),
        ("team=Platform&discipline=Data", "team", "Choose a team or a discipline, not both."),
        ("weeks=twelve", "weeks", "weeks: Input should be a valid integer"),
    ],
)
@pytest.mark.parametrize("path", ["growing", "network"])
def test_a_bad_filter_is_a_422_naming_it_and_nothing_is_written(
    client, worked_out, path, query, field, message
):
    before = kept()
    response = client.get(f"{API}/{path}?{query}", **bearer(worked_out.olga))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"].startswith(message), errors
    assert kept() == before


def test_a_bad_network_layout_is_a_422_naming_it(client, worked_out):
    response = client.get(f"{API}/network?by=level", **bearer(worked_out.olga))
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["by"]


@pytest.mark.parametrize("cohort", ["", "team=Platform", "discipline=Engineering", "weeks=52"])
def test_no_private_words_reach_any_insights_answer(client, worked_out, cohort):
    headers = bearer(worked_out.olga)
    for path in EVERY_PATH:
        joiner = "&" if "?" in path else "?"
        content = client.get(f"{API}/{path}{joiner}{cohort}", **headers).content.decode()
        for secret in SECRETS.values():
            assert secret not in content, (path, cohort, secret)


def test_no_token_is_401(client, worked_out):
    assert client.get(f"{API}/growing").status_code == 401
