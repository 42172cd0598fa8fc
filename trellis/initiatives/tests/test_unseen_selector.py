"""Unseen contributors: recent contributions, and nobody outside their team saw the work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.initiatives import seen_work, services
from trellis.initiatives.models import Contribution
from trellis.people.models import Member

SPECIFIC = "Paired with support to reproduce the refund bug, then wrote the fix."


@pytest.fixture
def contributors(on_team, initiative, ana, carla):
    """Ana (Platform) and Carla (Insights, the lead) each logged work on the initiative."""
    services.contribution_log(initiative=initiative, member=ana, text="Tagged node pools.")
    services.contribution_log(initiative=initiative, member=ana, text="Wrote the exporter.")
    services.contribution_log(initiative=initiative, member=carla, text="Built the report.")
    return ana, carla


def names(**kwargs):
    return [m.display_name for m in seen_work.unseen_contributors(months=6, **kwargs)]


def test_everyone_who_contributed_and_was_not_seen_is_listed_most_work_first(contributors):
    found = list(seen_work.unseen_contributors(months=6))

    assert [m.display_name for m in found] == ["Ana Lima", "Carla Mendes"]
    assert (found[0].recent_contributions, found[0].recent_initiatives) == (2, 1)
    assert found[0].last_contribution_at is not None


def test_an_observation_from_outside_the_team_takes_someone_off(contributors, ana, ben):
    services.observation_record(
        observer=ben, subject=ana, text=SPECIFIC, seen_on=timezone.localdate()
    )

    assert names() == ["Carla Mendes"]


def test_an_observation_from_inside_the_team_does_not(contributors, ana, make_member):
    teammate = make_member("Tom", team="Platform")
    services.observation_record(
        observer=teammate, subject=ana, text=SPECIFIC, seen_on=timezone.localdate()
    )

    assert names() == ["Ana Lima", "Carla Mendes"]


def test_an_observation_from_before_the_window_does_not(contributors, ana, ben):
    services.observation_record(
        observer=ben, subject=ana, text=SPECIFIC, seen_on=timezone.localdate() - timedelta(400)
    )

    assert "Ana Lima" in names()


def test_contributions_before_the_window_do_not_count(contributors, ana):
    Contribution.objects.filter(member=ana).update(created_at=timezone.now() - timedelta(days=200))

    assert names() == ["Carla Mendes"]
    assert "Ana Lima" in [m.display_name for m in seen_work.unseen_contributors(months=12)]


def test_members_who_left_are_not_listed(contributors, carla):
    Member.objects.filter(pk=carla.pk).update(status=Member.Status.LEFT)

    assert names() == ["Ana Lima"]


def test_someone_with_no_team_is_seen_by_anyone(initiative, make_member, ana, carla):
    loner = make_member("Lou", team="")
    offer = services.volunteer_offer(initiative=initiative, member=loner, brings="SQL")
    services.volunteer_accept(volunteer=offer, lead=carla)
    services.contribution_log(initiative=initiative, member=loner, text="Wrote queries.")
    assert "Lou" in names()

    services.observation_record(
        observer=ana, subject=loner, text=SPECIFIC, seen_on=timezone.localdate()
    )
    assert "Lou" not in names()


def test_the_list_is_one_query(django_assert_num_queries, contributors):
    with django_assert_num_queries(1):
        list(seen_work.unseen_contributors(months=6))


def test_only_the_windows_contributions_are_counted_and_dated(contributors, ana, initiative):
    # Driven from the window's contributions: older ones neither count nor date the last.
    newest_in_window = Contribution.objects.filter(member=ana).order_by("-created_at")[0]
    old = services.contribution_log(initiative=initiative, member=ana, text="Old work.")
    Contribution.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(300))

    found = {m.display_name: m for m in seen_work.unseen_contributors(months=6)}

    assert (found["Ana Lima"].recent_contributions, found["Ana Lima"].recent_initiatives) == (2, 1)
    assert found["Ana Lima"].last_contribution_at == newest_in_window.created_at


def test_each_member_is_listed_once_however_many_contributions(contributors, ana, initiative):
    for n in range(3):
        services.contribution_log(initiative=initiative, member=ana, text=f"Step {n}.")

    found = list(seen_work.unseen_contributors(months=6))

    assert [m.display_name for m in found] == ["Ana Lima", "Carla Mendes"]
    assert found[0].recent_contributions == 5


def test_the_count_for_the_pages_is_the_number_listed(contributors):
    assert seen_work.unseen_contributors(months=6).count() == 2
