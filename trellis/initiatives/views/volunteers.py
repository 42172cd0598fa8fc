"""Volunteering and the team's work: offering, answering offers, logging contributions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.initiatives import selectors, services
from trellis.initiatives.forms import ContributionForm, VolunteerForm
from trellis.initiatives.models import Contribution, Initiative, Volunteer
from trellis.initiatives.views.common import (
    initiative_or_404,
    led_or_404,
    team_initiative_or_404,
)
from trellis.people.requests import member_or_404
from trellis.web.forms import errors_onto


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_new(request: HttpRequest, initiative_id: int) -> HttpResponse:
    member = member_or_404(request)
    initiative = initiative_or_404(initiative_id, member)
    form = VolunteerForm(request.POST or None)
    refusal = services.offer_refusal(initiative=initiative, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_offer(initiative=initiative, member=member, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(
                request,
                f"Offer sent. {initiative.lead.display_name} will see it with what you bring.",
            )
            return redirect(initiative)
    context = {"initiative": initiative, "form": form, "refusal": refusal}
    return render(request, "initiatives/volunteer_form.html", context)


@login_required
@require_POST
def volunteer_withdraw(request: HttpRequest, initiative_id: int) -> HttpResponse:
    member = member_or_404(request)
    initiative = initiative_or_404(initiative_id, member)
    volunteer = selectors.volunteer_of(initiative=initiative, member=member)
    if volunteer is None:
        raise Http404("You have not offered to help with this initiative")
    try:
        services.volunteer_withdraw(volunteer=volunteer, member=member)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, "Withdrawn. You can offer again while it is open.")
    return redirect(initiative)


@login_required
@require_GET
def volunteer_list(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """The lead's view of every offer, best fit first, with why (as the worker stored it)."""
    lead = member_or_404(request)
    initiative = led_or_404(initiative_id, lead)
    volunteers = selectors.volunteers_for_lead(initiative=initiative)
    ranked = selectors.ranked_volunteers(volunteers=volunteers)
    accepted = sum(1 for v in volunteers if v.state == Volunteer.State.ACCEPTED)
    context = {
        "initiative": initiative,
        "ranked": ranked,
        "accepted": accepted,
        "places_left": max(0, initiative.helpers_wanted - accepted),
    }
    return render(request, "initiatives/volunteer_list.html", context)


def _answer(request: HttpRequest, volunteer_id: int, accept: bool) -> HttpResponse:
    lead = member_or_404(request)
    try:
        volunteer = selectors.volunteer_for_lead(volunteer_id=volunteer_id, lead=lead)
    except Volunteer.DoesNotExist:
        raise Http404("No such offer") from None
    answer = services.volunteer_accept if accept else services.volunteer_decline
    try:
        answer(volunteer=volunteer, lead=lead)
    except Initiative.DoesNotExist:
        raise Http404("No such offer") from None
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        name = volunteer.member.display_name
        messages.success(
            request,
            f"{name} is on the team." if accept else f"Declined. Only {name} is told.",
        )
    return redirect("initiatives:volunteer_list", initiative_id=volunteer.initiative_id)


@login_required
@require_POST
def volunteer_accept(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    return _answer(request, volunteer_id, accept=True)


@login_required
@require_POST
def volunteer_decline(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    return _answer(request, volunteer_id, accept=False)


@login_required
@require_POST
def contribution_new(request: HttpRequest, initiative_id: int) -> HttpResponse:
    member = member_or_404(request)
    initiative = team_initiative_or_404(initiative_id, member)
    form = ContributionForm(request.POST)
    if form.is_valid():
        try:
            services.contribution_log(initiative=initiative, member=member, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Logged. The lead and the team can see it.")
            return redirect(initiative.get_absolute_url() + "#contributions")
    context = {"initiative": initiative, "form": form}
    return render(request, "initiatives/contribution_form.html", context, status=400)


@login_required
@require_POST
def contribution_delete(request: HttpRequest, contribution_id: int) -> HttpResponse:
    member = member_or_404(request)
    try:
        contribution = selectors.own_contribution(contribution_id=contribution_id, member=member)
    except Contribution.DoesNotExist:
        raise Http404("No such contribution") from None
    services.contribution_delete(contribution=contribution, member=member)
    messages.success(request, "Contribution removed.")
    return redirect(contribution.initiative.get_absolute_url() + "#contributions")
