"""Every figure of the small organisation in conftest.py, counted there by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from trellis.insights import selectors
from trellis.insights.selectors import EVERYONE, Cohort

pytestmark = pytest.mark.django_db


def headlines(figures) -> dict[str, str]:
    return {headline.label: headline.value for headline in figures.headlines}


def week_of(figures, org, index: int) -> dict:
    """Week `index` of a 12-week period (W0 .. W11) as {measure: value}."""
    row = figures.rows[index]
    assert row.start == org.m - timedelta(weeks=11 - index)
    return dict(zip([m.key for m in figures.measures], row.values, strict=True))


def test_growing_counts_members_in_relationships_week_by_week(worked_out):
    figures = selectors.growing(weeks=12, cohort=EVERYONE)

    assert figures.series("with_relationship") == [2, 2, 3, 3, 2, 2, 2, 2, 2, 3, 4, 4]
    assert headlines(figures)["Members in a relationship now"] == "4 of 5"


def test_growing_counts_intros_by_what_became_of_them(worked_out):
    figures = selectors.growing(weeks=12, cohort=EVERYONE)

    assert sum(figures.series("intros_sent")) == 5
    assert week_of(figures, worked_out, 11)["intros_accepted"] == 1
    assert week_of(figures, worked_out, 10)["intros_declined"] == 1
    assert week_of(figures, worked_out, 9)["intros_declined"] == 1
    assert week_of(figures, worked_out, 8)["intros_expired"] == 1
    # Accepted 1 of the 4 answered or expired.
    assert headlines(figures)["Intros accepted"] == "25%"


def test_growing_splits_relationships_by_where_they_started(worked_out):
    figures = selectors.growing(weeks=12, cohort=EVERYONE)

    assert figures.series("started") == [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert week_of(figures, worked_out, 0)["from_help"] == 1
    assert week_of(figures, worked_out, 9)["from_post"] == 1
    assert week_of(figures, worked_out, 11)["from_round"] == 1
    assert sum(figures.series("from_recommendation")) == 0
    assert headlines(figures)["Relationships started"] == "5"
    assert headlines(figures)["Started without a round"] == "80%"


def test_growing_counts_relationships_that_last_only_once_old_enough(worked_out):
    figures = selectors.growing(weeks=12, cohort=EVERYONE)

    # Worked out on a Monday: weeks W0..W4 are old enough for 6 weeks, none for 12.
    assert figures.series("continued_6") == [1, 0, 0, 0, 0] + [None] * 7
    assert figures.series("continued_12") == [None] * 12
    assert headlines(figures)["Still open after 6 weeks"] == "50%"


def test_mutual_counts_relationships_across_teams_disciplines_and_levels(worked_out):
    figures = selectors.mutual(weeks=12, cohort=EVERYONE)

    assert sum(figures.series("cross_team")) == 5
    assert sum(figures.series("cross_discipline")) == 4
    assert sum(figures.series("same_level")) == 1
    found = headlines(figures)
    assert found["Across teams"] == "100%"
    assert found["Across disciplines"] == "80%"
    assert found["Same level"] == "20%"


def test_mutual_counts_reciprocity_and_the_junior_member_giving(worked_out):
    figures = selectors.mutual(weeks=12, cohort=EVERYONE)

    assert figures.series("exchanged")[9:] == [1, 1, 1]
    assert figures.series("both_ways")[9:] == [0, 0, 1]
    assert figures.series("junior_gave")[9:] == [1, 0, 1]
    assert headlines(figures)["Reciprocity"] == "33%"
    assert headlines(figures)["The junior one gave"] == "67%"


def test_mutual_shows_what_each_member_gave_against_what_they_received(worked_out):
    balance = selectors.mutual(weeks=12, cohort=EVERYONE).tables[0]

    assert dict(balance.rows) == {
        "received 3+ more": 0,
        "received 1 or 2 more": 1,  # Dev
        "even": 1,  # Ben
        "gave 1 or 2 more": 1,  # Ana
        "gave 3+ more": 0,
    }


def test_load_measures_capacity_and_how_evenly_relationships_are_spread(worked_out):
    figures = selectors.load(weeks=12, cohort=EVERYONE)
    found = headlines(figures)

    # Open at the end of this week: Ana 1, Ben 2, Carla 1, Dev 2, Olga 0.
    assert dict(figures.tables[0].rows) == {0: 1, 1: 2, 2: 2}
    assert found["At capacity now"] == "2 of 5"  # Ben (1 of 1) and Dev (2 of 2)
    assert found["Gini"] == "0.33"  # sum of |xi - xj| = 20, over 2 * 5 * 6
    assert found["Top tenth's share"] == "33%"  # the top member holds 2 of 6


def test_load_counts_people_asked_often_and_declining_often(worked_out):
    found = headlines(selectors.load(weeks=12, cohort=EVERYONE))

    # Carla received three intros in the last four weeks and declined two.
    assert found["Asked often"] == "1"
    assert found["Declining often"] == "1"


def test_seen_counts_members_observed_from_outside_their_team(worked_out):
    figures = selectors.seen(weeks=12, cohort=EVERYONE)
    found = headlines(figures)

    assert found["Seen from outside their team"] == "2 of 5"  # Ana and Carla; Olga has no team
    assert found["Observations per contribution"] == "1.00"  # 2 on the initiative, 2 made
    last = week_of(figures, worked_out, 11)
    assert (last["observed"], last["observed_outside"], last["contributions"]) == (2, 1, 1)
    by_discipline = figures.tables[0].rows
    assert by_discipline == [
        ("Engineering", 2, 1),
        ("Data", 1, 1),
        ("(none)", 1, 0),
        ("Design", 1, 0),
    ]


def test_the_network_joins_teams_by_the_relationships_started_between_them(worked_out):
    picture = selectors.network(weeks=12, by="team", cohort=EVERYONE)

    assert [node.name for node in picture.nodes] == ["Payments", "Platform", "Checkout", "Insights"]
    assert {(e.one, e.two, e.relationships) for e in picture.edges} == {
        ("Checkout", "Payments", 1),
        ("Payments", "Platform", 1),
        ("Checkout", "Platform", 1),
        ("Insights", "Platform", 1),
        ("Insights", "Payments", 1),
    }


def test_a_shorter_period_leaves_older_weeks_out(worked_out):
    figures = selectors.growing(weeks=4, cohort=EVERYONE)

    assert len(figures.rows) == 4
    assert headlines(figures)["Relationships started"] == "3"


def test_a_discipline_counts_what_its_members_are_in(worked_out):
    figures = selectors.growing(weeks=12, cohort=Cohort("discipline", "Engineering"))

    # Ana or Dev is in every one of the five relationships.
    assert headlines(figures)["Relationships started"] == "5"
    assert headlines(figures)["Members in a relationship now"] == "2 of 2"


def test_a_team_is_worked_out_on_request_from_its_own_rows(org):
    # No worker run at all: a team's figures need none.
    figures = selectors.load(weeks=12, cohort=Cohort("team", "Checkout"))

    assert figures.status.ready
    assert headlines(figures)["At capacity now"] == "1 of 1"  # Ben: 2 open, capacity 1
    started = selectors.mutual(weeks=12, cohort=Cohort("team", "Checkout"))
    assert headlines(started)["Across teams"] == "100%"
    assert sum(started.series("started")) == 2  # R3 and R1


def test_before_the_worker_has_run_the_figures_are_not_ready(org):
    figures = selectors.growing(weeks=12, cohort=EVERYONE)

    assert not figures.status.ready
    assert figures.rows == [] and figures.headlines == []


def test_a_small_team_is_not_shown_its_declines(org):
    # Ben alone is Checkout: a count of declines there would point at him.
    load = selectors.load(weeks=12, cohort=Cohort("team", "Checkout"))
    growing = selectors.growing(weeks=12, cohort=Cohort("team", "Checkout"))

    hidden = "not shown for fewer than 5 members"
    assert headlines(load)["Declining often"] == hidden
    assert headlines(load)["Asked often"] == hidden
    assert headlines(growing)["Intros accepted"] == hidden
    assert set(growing.series("intros_declined")) == {None}
    assert sum(growing.series("intros_sent")) == 1  # I2: Ben sent it; he received none
