"""Milestones: the dated steps of an initiative, planned by its lead or an organiser.

An initiative's `ends_on` is its final milestone: every other falls on or before it.
A done or cancelled initiative's plan no longer changes. Each write is validated first
and saved in one transaction; a refused one writes nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trellis.initiatives.models import (
    MAX_MILESTONE_NOTE,
    MAX_MILESTONE_TITLE,
    MAX_MILESTONES,
    Initiative,
    Milestone,
)
from trellis.initiatives.selectors import may_plan
from trellis.people.models import Member
from trellis.text.characters import newlines_normalised


def _locked_for_planner(initiative_id: int, member: Member) -> Initiative:
    """The initiative read afresh and locked (it may have closed since the page was drawn;
    two planners adding at once cannot pass the cap together), if `member` may plan it."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative_id)
    if not may_plan(initiative=initiative, member=member):
        raise PermissionDenied("Only the initiative's lead or an organiser may plan it.")
    if initiative.is_closed:
        raise ValidationError(
            f"This initiative is {initiative.state_phrase}: its milestones no longer change."
        )
    return initiative


def milestone_cleaned(*, initiative: Initiative, title: str, due_on: date | None, note: str):
    """The milestone's fields tidied, or a ValidationError naming each problem."""
    title = " ".join((title or "").split())
    note = newlines_normalised(note or "").strip()
    problems: dict[str, str] = {}
    if not title:
        problems["title"] = "Name the milestone: what is done by then?"
    elif len(title) > MAX_MILESTONE_TITLE:
        problems["title"] = (
            f"Keep the title under {MAX_MILESTONE_TITLE} characters; it has {len(title)}."
        )
    if len(note) > MAX_MILESTONE_NOTE:
        problems["note"] = (
            f"Keep the note under {MAX_MILESTONE_NOTE} characters; it has {len(note)}."
        )
    if not isinstance(due_on, date):
        problems["due_on"] = "Give the milestone a date."
    elif due_on > initiative.ends_on:
        problems["due_on"] = (
            f"The initiative ends on {initiative.ends_on:%-d %B %Y}, its final milestone: "
            "choose a date on or before it, or move its end first."
        )
    if problems:
        raise ValidationError(problems)
    return {"title": title, "due_on": due_on, "note": note}


@transaction.atomic
def milestone_add(
    *, initiative: Initiative, member: Member, title: str, due_on: date | None, note: str = ""
) -> Milestone:
    """Add a milestone to `initiative`: refused (nothing written) for anyone but its lead or
    an organiser (PermissionDenied), a closed initiative, a full plan or a bad field."""
    initiative = _locked_for_planner(initiative.pk, member)
    if Milestone.objects.filter(initiative=initiative).count() >= MAX_MILESTONES:
        raise ValidationError(
            f"An initiative has at most {MAX_MILESTONES} milestones: remove one first."
        )
    fields = milestone_cleaned(initiative=initiative, title=title, due_on=due_on, note=note)
    milestone = Milestone(initiative=initiative, **fields)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_edit(
    *, milestone: Milestone, member: Member, title: str, due_on: date | None, note: str = ""
) -> Milestone:
    """Change a milestone's title, date or note (same rules as adding one)."""
    initiative = _locked_for_planner(milestone.initiative_id, member)
    fields = milestone_cleaned(initiative=initiative, title=title, due_on=due_on, note=note)
    for name, value in fields.items():
        setattr(milestone, name, value)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: Milestone, member: Member) -> None:
    """Remove a milestone (its lead or an organiser; not once the initiative is closed)."""
    _locked_for_planner(milestone.initiative_id, member)
    milestone.delete()
