"""The visibility map: who has seen a member's work, grouped, and over time."""

from datetime import date, timedelta

from django.utils import timezone

from trellis.initiatives import seen_work, services
from trellis.initiatives.views.visibility import visibility_svg
from trellis.people.models import Member

SPECIFIC = "Rewrote the on-call runbook and ran the first game day with it."


def seen(observer, subject, days_ago=0):
    return services.observation_record(
        observer=observer,
        subject=subject,
        text=SPECIFIC,
        seen_on=timezone.localdate() - timedelta(days=days_ago),
    )


def test_nobody_has_seen_a_new_member(ana):
    found = seen_work.visibility(subject=ana)

    assert (found.observers, found.observations, found.outside_team) == (0, 0, 0)
    assert not found.only_own_team
    assert len(found.months) == 12
    assert all(m.inside == m.outside == 0 for m in found.months)


def test_observers_are_grouped_by_team_discipline_and_level(make_member, ana, ben, carla):
    teammate = make_member("Tom", team="Platform", discipline="Engineering", level=3)
    Member.objects.filter(pk=ben.pk).update(level=5)
    ben.refresh_from_db()
    seen(teammate, ana)
    seen(ben, ana)
    seen(ben, ana, days_ago=40)  # the same observer twice counts once as an observer
    seen(carla, ana)

    found = seen_work.visibility(subject=ana)

    assert (found.observers, found.observations, found.outside_team) == (3, 4, 2)
    teams = {g.label: (g.observers, g.mine) for g in found.by_team}
    assert teams == {"Platform": (1, True), "Checkout": (1, False), "Insights": (1, False)}
    disciplines = {g.label: g.observers for g in found.by_discipline}
    assert disciplines == {"Engineering": 1, "Design": 1, "Data": 1}
    assert {g.label for g in found.by_level} == {"Level 3", "Level 5", "No level given"}


def test_it_hints_when_only_the_members_own_team_has_seen_their_work(make_member, ana, ben):
    teammate = make_member("Tom", team="Platform")
    seen(teammate, ana)

    assert seen_work.visibility(subject=ana).only_own_team

    seen(ben, ana)
    assert not seen_work.visibility(subject=ana).only_own_team


def test_months_count_inside_and_outside_the_team(make_member, ana, ben):
    teammate = make_member("Tom", team="Platform")
    today = date(2026, 11, 20)
    services.observation_record(
        observer=teammate, subject=ana, text=SPECIFIC, seen_on=date(2026, 11, 2)
    )
    services.observation_record(observer=ben, subject=ana, text=SPECIFIC, seen_on=date(2026, 9, 9))
    services.observation_record(observer=ben, subject=ana, text=SPECIFIC, seen_on=date(2025, 1, 1))

    months = seen_work.visibility(subject=ana, months=3, today=today).months

    assert [(m.start, m.inside, m.outside) for m in months] == [
        (date(2026, 9, 1), 0, 1),
        (date(2026, 10, 1), 0, 0),
        (date(2026, 11, 1), 1, 0),
    ]


def test_observers_who_left_are_not_counted(ana, ben):
    seen(ben, ana)
    Member.objects.filter(pk=ben.pk).update(status=Member.Status.LEFT)

    assert seen_work.visibility(subject=ana).observers == 0


def test_the_map_reads_one_query(django_assert_num_queries, make_member, ana):
    for n in range(6):
        seen(make_member(f"Observer {n}", team=f"Team {n % 3}"), ana)

    with django_assert_num_queries(1):
        seen_work.visibility(subject=ana)


def test_the_chart_is_svg_with_a_bar_per_month_that_had_observations(make_member, ana, ben):
    seen(ben, ana)
    seen(make_member("Tom", team="Platform"), ana)

    svg = visibility_svg(seen_work.visibility(subject=ana).months, title="Ana <& co>")

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert '<title id="t">Ana &lt;&amp; co&gt;</title>' in svg
    assert svg.count(": 1 from other teams</title>") == 1
    assert svg.count(": 1 from your team</title>") == 1
