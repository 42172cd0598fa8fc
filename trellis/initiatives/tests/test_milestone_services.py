"""Planning milestones: who may, what is refused (saying why, writing nothing)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.initiatives import services
from trellis.initiatives.models import MAX_MILESTONES, Milestone
from trellis.initiatives.tests.conftest import in_days, snapshot


def add(initiative, member, **fields):
    fields.setdefault("title", "First weekly cost report sent")
    fields.setdefault("due_on", in_days(14))
    return services.milestone_add(initiative=initiative, member=member, **fields)


def test_the_lead_adds_a_milestone_with_its_text_tidied(initiative, carla):
    milestone = add(initiative, carla, title="  First   report  ", note="Shared\r\nwith finance ")

    assert (milestone.title, milestone.note) == ("First report", "Shared\nwith finance")
    assert list(initiative.milestones.all()) == [milestone]


def test_an_organiser_plans_a_published_initiative_but_not_a_draft(initiative, draft, organiser):
    assert add(initiative, organiser).initiative == initiative
    with pytest.raises(PermissionDenied):
        add(draft, organiser)
    assert not draft.milestones.exists()


def test_a_member_who_is_not_the_lead_cannot_add_change_or_remove_one(
    initiative, carla, ana, on_team
):
    milestone = add(initiative, carla)
    before = snapshot(), list(Milestone.objects.values())

    with pytest.raises(PermissionDenied):
        add(initiative, ana)
    with pytest.raises(PermissionDenied):
        services.milestone_edit(milestone=milestone, member=ana, title="Mine", due_on=in_days(3))
    with pytest.raises(PermissionDenied):
        services.milestone_remove(milestone=milestone, member=ana)

    assert (snapshot(), list(Milestone.objects.values())) == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "   "}, "title", "Name the milestone: what is done by then?"),
        ({"title": "x" * 151}, "title", "Keep the title under 150 characters; it has 151."),
        ({"due_on": None}, "due_on", "Give the milestone a date."),
        ({"due_on": in_days(61)}, "due_on", "its final milestone: choose a date on or before"),
        ({"note": "y" * 501}, "note", "Keep the note under 500 characters; it has 501."),
        ({"title": "Launch\u202ethe report"}, "title", "cannot contain"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    initiative, carla, fields, field, message
):
    with pytest.raises(ValidationError) as refused:
        add(initiative, carla, **fields)

    assert any(message in text for text in refused.value.message_dict[field])
    assert not Milestone.objects.exists()


def test_a_bad_edit_changes_nothing(initiative, carla):
    milestone = add(initiative, carla)
    before = list(Milestone.objects.values())

    with pytest.raises(ValidationError):
        services.milestone_edit(milestone=milestone, member=carla, title="", due_on=in_days(5))

    assert list(Milestone.objects.values()) == before


def test_the_lead_changes_and_removes_a_milestone(initiative, carla):
    milestone = add(initiative, carla)

    services.milestone_edit(
        milestone=milestone, member=carla, title="Report to finance", due_on=in_days(20)
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Report to finance", in_days(20))

    services.milestone_remove(milestone=milestone, member=carla)
    assert not Milestone.objects.exists()


def test_a_done_initiatives_plan_no_longer_changes(initiative, carla):
    milestone = add(initiative, carla)
    services.initiative_move(initiative=initiative, member=carla, to="done")
    milestone.refresh_from_db()

    with pytest.raises(ValidationError, match="is done: its milestones no longer change"):
        services.milestone_remove(milestone=milestone, member=carla)
    with pytest.raises(ValidationError, match="is done"):
        add(initiative, carla)
    assert Milestone.objects.count() == 1


def test_a_plan_holds_at_most_so_many_milestones(initiative, carla):
    for n in range(MAX_MILESTONES):
        add(initiative, carla, title=f"Step {n}")

    with pytest.raises(ValidationError, match=f"at most {MAX_MILESTONES} milestones"):
        add(initiative, carla, title="One more")
    assert Milestone.objects.count() == MAX_MILESTONES


def test_an_initiative_cannot_end_before_one_of_its_milestones(initiative, carla):
    add(initiative, carla, title="Report to finance", due_on=in_days(40))
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.initiative_update(initiative=initiative, member=carla, ends_on=in_days(30))

    (message,) = refused.value.message_dict["ends_on"]
    assert message.startswith("The milestone “Report to finance” is on ")
    assert "end on or after it, or move it first" in message
    assert snapshot() == before
    services.initiative_update(initiative=initiative, member=carla, ends_on=in_days(40))
