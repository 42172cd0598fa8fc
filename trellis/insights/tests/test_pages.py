"""The insights pages: who may see them, what they show, what they cost, bad filters, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from trellis.audit.models import AuditEvent
from trellis.connections.models import Relationship
from trellis.insights.models import CohortFigures, InsightsRun
from trellis.insights.services import work_out_insights

from .conftest import SECRETS, at

PAGES = ["overview", "growing", "mutual", "load", "seen", "network"]
FIGURE_PAGES = ["growing", "mutual", "load", "seen"]
COHORTS = [{}, {"discipline": "Engineering"}, {"team": "Checkout"}]


def url(name: str) -> str:
    return reverse(f"insights:{name}")


@pytest.fixture
def organiser_in(client, worked_out):
    client.force_login(worked_out.olga.user)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_a_member_is_told_the_page_does_not_exist(client, worked_out, name):
    client.force_login(worked_out.ana.user)

    assert client.get(url(name)).status_code == 404
    assert client.get(url(name), {"format": "csv"}).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_an_organiser_sees_the_figures(organiser_in, name):
    response = organiser_in.get(url(name), {"weeks": 12})

    assert response.status_code == 200
    assert "Worked out" in response.content.decode()


def test_a_member_may_not_ask_for_the_figures_to_be_worked_out(client, worked_out):
    client.force_login(worked_out.ana.user)
    before = InsightsRun.objects.get().requested_at

    assert client.post(url("work_out")).status_code == 404
    assert InsightsRun.objects.get().requested_at == before
    assert not DBTaskResult.objects.exists()


def test_an_organiser_asks_for_the_figures_to_be_worked_out_now(
    organiser_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_in.post(url("work_out"))

    assert response.status_code == 302
    assert InsightsRun.objects.get().pending
    assert DBTaskResult.objects.filter(task_path__endswith="work_out_insights_task").count() == 1
    assert "Being worked out again" in organiser_in.get(url("growing")).content.decode()


def test_before_the_first_run_the_pages_say_the_figures_are_not_worked_out(client, org):
    client.force_login(org.olga.user)

    page = client.get(url("growing")).content.decode()

    assert "Not worked out yet" in page
    assert "Work the figures out now" in page


def test_each_figure_has_its_definition_next_to_it(organiser_in):
    page = organiser_in.get(url("load"), {"weeks": 12}).content.decode()

    assert "Gini" in page
    assert "How unevenly open relationships are spread" in page
    assert "<table" in page and "<svg" in page


def test_the_seen_page_links_the_unseen_contributors(organiser_in):
    page = organiser_in.get(url("seen")).content.decode()

    assert reverse("initiatives:unseen_contributors") in page


def test_the_cohort_form_offers_the_team_type_ahead_and_keeps_the_query_in_the_csv_link(
    organiser_in,
):
    page = organiser_in.get(url("mutual"), {"weeks": 4, "team": "Checkout"}).content.decode()

    assert reverse("people:team_suggestions") in page
    assert "?weeks=4&amp;team=Checkout&amp;format=csv" in page
    assert 'value="Checkout"' in page


# Bad filters: a message on the page, and nothing written.


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"weeks": "5"}, "Choose a period of 4, 12, 26, 52 weeks, not 5."),
        ({"weeks": "a lot"}, "Choose a period of 4, 12, 26, 52 weeks."),
        ({"team": "Nowhere"}, "Nobody is in a team called “Nowhere”: check the spelling."),
        ({"discipline": "Alchemy"}, "Nobody is in a discipline called “Alchemy”"),
        ({"team": "Checkout", "discipline": "Design"}, "Choose a team or a discipline, not both."),
        ({"team": "bad\u0000name"}, "team"),
    ],
)
@pytest.mark.parametrize("name", PAGES)
def test_a_bad_filter_is_explained_on_the_page_and_nothing_is_written(
    organiser_in, name, query, message
):
    events, kept = AuditEvent.objects.count(), list(CohortFigures.objects.values("id", "weeks"))

    with CaptureQueriesContext(connection) as queries:
        response = organiser_in.get(url(name), query)

    assert response.status_code == 400
    assert message in response.content.decode()
    statements = [q["sql"].lstrip().upper() for q in queries]
    assert not [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert AuditEvent.objects.count() == events
    assert list(CohortFigures.objects.values("id", "weeks")) == kept


def test_a_bad_network_layout_is_explained(organiser_in):
    response = organiser_in.get(url("network"), {"by": "level"})

    assert response.status_code == 400
    assert "Draw the network by team or by discipline." in response.content.decode()


def test_a_csv_with_a_bad_filter_is_refused_in_words(organiser_in):
    response = organiser_in.get(url("load"), {"weeks": "7", "format": "csv"})

    assert response.status_code == 400
    assert "Choose a period" in response.content.decode()


# CSV.


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_holds_the_weekly_table_of_the_page(organiser_in, worked_out):
    response = organiser_in.get(url("growing"), {"weeks": 4, "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = rows_of(response)
    assert rows[0][:3] == ["week", "with_relationship", "intros_sent"]
    assert [row[0] for row in rows[1:]] == [
        (worked_out.m - timedelta(weeks=3 - i)).isoformat() for i in range(4)
    ]
    assert [row[1] for row in rows[1:]] == ["2", "3", "4", "4"]
    assert AuditEvent.objects.filter(action="export.downloaded").count() == 1


def test_the_network_csv_lists_its_lines_and_no_name_runs_as_a_formula(organiser_in, worked_out):
    from trellis.people.models import Member

    Member.objects.filter(pk=worked_out.ben.pk).update(team="=HYPERLINK(1)")
    work_out_insights(today=worked_out.m)

    rows = rows_of(organiser_in.get(url("network"), {"weeks": 12, "format": "csv"}))

    assert rows[0] == ["team", "members", "other team", "members", "relationships"]
    assert ["'=HYPERLINK(1)", "1", "Platform", "1", "1"] in rows
    assert len(rows) == 1 + 5


def test_an_empty_figure_is_an_empty_cell(organiser_in):
    rows = rows_of(organiser_in.get(url("growing"), {"weeks": 4, "format": "csv"}))

    assert rows[-1][rows[0].index("continued_6")] == ""


# Privacy: planted secrets never reach any page or export.


@pytest.mark.parametrize("cohort", COHORTS)
def test_no_private_words_reach_any_insights_page_or_export(organiser_in, cohort):
    answers = []
    for name in PAGES:
        answers.append(organiser_in.get(url(name), {"weeks": 52, **cohort}))
    for name in FIGURE_PAGES:
        answers.append(organiser_in.get(url(name), {"weeks": 52, "format": "csv", **cohort}))
    answers.append(organiser_in.get(url("network"), {"by": "discipline", **cohort}))
    answers.append(organiser_in.get(url("network"), {"format": "csv", **cohort}))

    assert all(response.status_code == 200 for response in answers)
    for response in answers:
        text = response.content.decode()
        for what, secret in SECRETS.items():
            assert secret not in text, (what, response.request["PATH_INFO"])


def test_no_private_words_are_kept_with_the_figures(worked_out):
    kept = str(list(CohortFigures.objects.values("weeks", "periods")))

    assert not [what for what, secret in SECRETS.items() if secret in kept]


# What a page costs: the same whatever the organisation's size.


def queries_for(client, path: str, query: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, query).status_code == 200
    return len(queries)


def grow(make_member, org, count: int) -> None:
    """`count` more members in Checkout and Engineering, each in a relationship with Ben or
    Ana started last week."""
    for n in range(count):
        member = make_member(f"Extra {n}", team="Checkout", discipline="Engineering", level=2)
        partner = org.ana if n % 2 else org.ben
        low, high = sorted((member, partner), key=lambda one: one.pk)
        Relationship.objects.create(member_a=low, member_b=high, started_at=at(org.m))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("cohort", COHORTS)
def test_a_page_costs_as_many_queries_at_30_members_as_at_3(
    client, org, make_member, django_assert_num_queries, name, cohort
):
    client.force_login(org.olga.user)
    work_out_insights(today=org.m)
    small = queries_for(client, url(name), cohort)

    grow(make_member, org, 27)
    work_out_insights(today=org.m)

    assert queries_for(client, url(name), cohort) == small


@pytest.mark.parametrize(
    ("name", "cohort", "expected"),
    [
        ("growing", {}, 7),
        ("growing", {"discipline": "Engineering"}, 8),
        ("growing", {"team": "Checkout"}, 16),
        ("network", {}, 7),
        ("overview", {}, 7),
        ("overview", {"team": "Checkout"}, 16),
    ],
)
def test_what_a_page_costs(organiser_in, django_assert_num_queries, name, cohort, expected):
    # Session, user, member and layout queries, the filters (and a cohort's existence), the
    # worker's run and the cohort's kept figures; a team's nine reads of its own rows, and
    # its disciplines' sizes as the worker counted them (plus a count of those it has not).
    with django_assert_num_queries(expected):
        organiser_in.get(url(name), cohort)


def test_a_teams_page_reads_its_disciplines_sizes_as_the_worker_counted_them(organiser_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trellis.insights.services import work_out_insights

    work_out_insights()
    with CaptureQueriesContext(connection) as after_the_worker:
        organiser_in.get(url("growing"), {"team": "Checkout"})
    counted = [
        q["sql"]
        for q in after_the_worker.captured_queries
        if "COUNT(" in q["sql"] and '"discipline"' in q["sql"]
    ]
    # Only members without a discipline (no cohort of the worker's) may still be counted.
    for discipline in ("Engineering", "Design", "Data"):
        assert not any(discipline in sql for sql in counted), discipline
