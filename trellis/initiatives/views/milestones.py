"""Milestones: the planning page of an initiative's lead (and organisers), editing one,
removing one. Everyone else gets a 404, as if the initiative had no such page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trellis.initiatives import selectors, services
from trellis.initiatives.forms import MilestoneForm
from trellis.initiatives.models import Initiative, Milestone
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.web.forms import errors_onto


def _planned_or_404(initiative_id: int, member: Member) -> Initiative:
    try:
        return selectors.initiative_planned_by(initiative_id=initiative_id, member=member)
    except Initiative.DoesNotExist:
        raise Http404("No such initiative") from None


def _milestone_or_404(milestone_id: int, member: Member) -> Milestone:
    try:
        return selectors.milestone_for_planner(milestone_id=milestone_id, member=member)
    except Milestone.DoesNotExist:
        raise Http404("No such milestone") from None


def _saved(form: MilestoneForm, write, **target) -> bool:
    """Run `write` with the form's fields; its refusal lands on the form (nothing saved)."""
    try:
        write(**target, **form.cleaned_data)
    except ValidationError as error:
        errors_onto(form, error)
        return False
    except PermissionDenied:
        raise Http404("No such initiative") from None
    return True


@login_required
@require_http_methods(["GET", "POST"])
def milestone_list(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """The initiative's plan, with a form to add a step (its lead and organisers only)."""
    member = member_or_404(request)
    initiative = _planned_or_404(initiative_id, member)
    form = MilestoneForm(request.POST or None)
    added = (
        request.method == "POST"
        and form.is_valid()
        and _saved(form, services.milestone_add, initiative=initiative, member=member)
    )
    if added:
        messages.success(request, "Milestone added.")
        return redirect("initiatives:milestone_list", initiative.pk)
    context = {
        "initiative": initiative,
        "milestones": selectors.milestones(initiative=initiative),
        "form": form,
    }
    return render(request, "initiatives/milestone_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, milestone_id: int) -> HttpResponse:
    member = member_or_404(request)
    milestone = _milestone_or_404(milestone_id, member)
    initial = {"title": milestone.title, "due_on": milestone.due_on, "note": milestone.note}
    form = MilestoneForm(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _saved(form, services.milestone_edit, milestone=milestone, member=member)
    )
    if saved:
        messages.success(request, "Milestone saved.")
        return redirect("initiatives:milestone_list", milestone.initiative_id)
    context = {"initiative": milestone.initiative, "milestone": milestone, "form": form}
    return render(request, "initiatives/milestone_form.html", context)


@login_required
@require_POST
def milestone_remove(request: HttpRequest, milestone_id: int) -> HttpResponse:
    member = member_or_404(request)
    milestone = _milestone_or_404(milestone_id, member)
    try:
        services.milestone_remove(milestone=milestone, member=member)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, "Milestone removed.")
    return redirect("initiatives:milestone_list", milestone.initiative_id)
