"""Initiatives: the list, writing one, its page, and moving it through its states."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.initiatives import selectors, services
from trellis.initiatives.forms import ContributionForm, InitiativeForm, VolunteerForm
from trellis.initiatives.models import Initiative
from trellis.initiatives.views.common import initiative_or_404, led_or_404
from trellis.people.requests import member_or_404, request_member
from trellis.web.forms import errors_onto

State = Initiative.State
TABS = {
    "open": ("Open and underway", (State.OPEN, State.UNDERWAY)),
    "done": ("Done", (State.DONE,)),
}
MOVES = {
    State.OPEN: "Opened: members who can help see it now.",
    State.UNDERWAY: "Marked underway.",
    State.DONE: "Marked done. Everyone who contributed is asked to follow up with you.",
    State.CANCELLED: "Cancelled. Nobody can volunteer for it now.",
}


@login_required
@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    viewer = request_member(request)
    tab = request.GET.get("show", "open")
    if tab not in TABS:
        tab = "open"
    initiatives = selectors.initiative_list(states=TABS[tab][1])
    page = Paginator(initiatives, settings.INITIATIVES_PAGE_SIZE).get_page(request.GET.get("page"))
    shown_fit = tab == "open" and selectors.shown_fit(viewer)
    listed = [initiative.pk for initiative in page.object_list] if shown_fit else []
    # Why each fits the viewer, as the worker stored it: one query, no engine.
    reasons = selectors.fit_reasons(member=viewer, initiative_ids=listed)
    for initiative in page.object_list:
        initiative.fit_reason = reasons.get(initiative.pk, "")
    context = {
        "page": page,
        "fit_being_worked_out": bool(listed) and not selectors.fit_worked_out(member=viewer),
        "tab": tab,
        # Links to the calendar feeds (trellis/integrations/calendars) when they are on.
        "calendar_feeds": settings.CALENDAR_FEEDS,
        "tab_label": TABS[tab][0],
        "tabs": {key: label for key, (label, _) in TABS.items()},
        "led": list(selectors.initiatives_led(lead=viewer)) if viewer else [],
        "joined": list(selectors.initiatives_joined(member=viewer)) if viewer else [],
    }
    return render(request, "initiatives/initiative_list.html", context)


def _save(request: HttpRequest, form: InitiativeForm, lead, initiative=None):
    try:
        if initiative is None:
            publish = request.POST.get("action") == "open"
            return services.initiative_create(lead=lead, publish=publish, **form.cleaned_data)
        return services.initiative_update(initiative=initiative, member=lead, **form.cleaned_data)
    except ValidationError as error:
        errors_onto(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def initiative_new(request: HttpRequest) -> HttpResponse:
    lead = member_or_404(request)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = _save(request, form, lead)
        if initiative is not None:
            done = (
                "Opened: members who can help see it now."
                if initiative.is_published
                else "Saved as a draft. Only you can see it until you open it."
            )
            messages.success(request, done)
            return redirect(initiative)
    return render(request, "initiatives/initiative_form.html", {"form": form, "initiative": None})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    lead = member_or_404(request)
    initiative = led_or_404(initiative_id, lead)
    if initiative.is_closed:
        raise Http404("This initiative can no longer change")
    initial = {name: getattr(initiative, name) for name in services.initiatives.FIELDS}
    form = InitiativeForm(request.POST or None, initial=initial)
    saved = request.method == "POST" and form.is_valid() and _save(request, form, lead, initiative)
    if saved:
        messages.success(request, "Saved.")
        return redirect(initiative)
    context = {"form": form, "initiative": initiative}
    return render(request, "initiatives/initiative_form.html", context)


@login_required
@require_GET
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    viewer = request_member(request)
    initiative = initiative_or_404(initiative_id, viewer)
    team = selectors.team(initiative=initiative)
    on_team = viewer is not None and any(m.pk == viewer.pk for m in team)
    is_lead = viewer is not None and viewer.pk == initiative.lead_id
    mine = selectors.volunteer_of(initiative=initiative, member=viewer)
    reasons = (
        selectors.fit_reasons(member=viewer, initiative_ids=[initiative.pk])
        if selectors.shown_fit(viewer) and not is_lead and initiative.takes_volunteers
        else {}
    )
    context = {
        "fit_reason": reasons.get(initiative.pk, ""),
        "initiative": initiative,
        "topics": list(initiative.topics.all()),
        "milestones": selectors.milestones(initiative=initiative),
        "may_plan": selectors.may_plan(initiative=initiative, member=viewer),
        "team": team,
        "places_left": max(0, initiative.helpers_wanted - (len(team) - 1)),
        "is_lead": is_lead,
        "on_team": on_team,
        "mine": mine,
        "next_states": services.NEXT_STATES[initiative.state] if is_lead else (),
        "refusal": (
            services.offer_refusal(initiative=initiative, member=viewer)
            if viewer and not is_lead
            else None
        ),
        "volunteer_form": VolunteerForm(),
        "contribution_form": ContributionForm(),
        "contributions": list(selectors.contributions(initiative=initiative)) if on_team else [],
        "waiting": (
            sum(
                1
                for v in selectors.volunteers_for_lead(initiative=initiative)
                if v.state == "applied"
            )
            if is_lead
            else 0
        ),
    }
    return render(request, "initiatives/initiative_detail.html", context)


@login_required
@require_POST
def initiative_move(request: HttpRequest, initiative_id: int) -> HttpResponse:
    lead = member_or_404(request)
    initiative = led_or_404(initiative_id, lead)
    to = request.POST.get("to", "")
    try:
        services.initiative_move(initiative=initiative, member=lead, to=to)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, MOVES.get(to, "Saved."))
    return redirect(initiative)
