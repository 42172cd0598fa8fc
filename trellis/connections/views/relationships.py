from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from trellis.connections import reciprocity, selectors, services
from trellis.connections.calendar import meeting_ics
from trellis.connections.contact import card_in_relationship
from trellis.connections.forms import CloseForm, ExchangeForm, MeetingForm
from trellis.connections.models import MeetingProposal, Relationship
from trellis.connections.services.meetings import when_text
from trellis.notifications.services import notifications_mark_read_about
from trellis.people.models import Member, available_timezones
from trellis.people.requests import member_or_404
from trellis.people.selectors import topics_by_statement
from trellis.web.forms import errors_onto


def _relationship_or_404(relationship_id: int, member: Member) -> Relationship:
    try:
        return selectors.relationship_for_member(relationship_id=relationship_id, member=member)
    except Relationship.DoesNotExist:
        raise Http404("No such relationship") from None


def one_way_prompt(direction: str | None, other: Member) -> str | None:
    """A gentle nudge when value has gone one way for a while."""
    name = other.display_name.split()[0] if other.display_name.split() else other.display_name
    if direction == "received":
        wants = f" {name} is learning: {other.learning.strip()}." if other.learning.strip() else ""
        return f"You have learned a lot from {name} — what could you offer?{wants}"
    if direction == "gave":
        offers = other.can_help_with.strip()
        can = f" {name} can help with: {offers}." if offers else ""
        return f"You have shared a lot with {name} — what could you learn from them?{can}"
    return None


def _zone(member: Member) -> str:
    return member.timezone if member.timezone in available_timezones() else "UTC"


def _page(
    request, relationship: Relationship, member: Member, seen_url: str = "", **forms
) -> HttpResponse:
    other = relationship.other(member.pk)
    me = relationship.member_a if relationship.member_a_id == member.pk else relationship.member_b
    exchanges = list(relationship.exchanges.all())
    for meeting in relationship.upcoming_meetings:
        meeting.when = when_text(meeting, member)  # in the reader's own time zone
    today = timezone.localdate()
    months = reciprocity.monthly(exchanges, member.pk, today=today)
    gave, received = reciprocity.totals(exchanges, member.pk)
    context = {
        "relationship": relationship,
        "me": me,
        "other": other,
        "other_topics": topics_by_statement(other),
        "shared_topics": selectors.shared_topics(me, other),
        "exchanges": exchanges,
        "chart": reciprocity.chart(
            months,
            title=f"What you and {other.display_name} gave each other, by month",
            chart_id="relationship-chart",
        ),
        "gave": gave,
        "received": received,
        "prompt": one_way_prompt(reciprocity.one_way(exchanges, member.pk, today=today), other),
        "is_closer": relationship.closed_by_id == member.pk,
        "exchange_form": forms.get("exchange_form") or ExchangeForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "meeting_form": forms.get("meeting_form") or MeetingForm(zone=_zone(member)),
        "contact": card_in_relationship(relationship, member=member),
        "meetings": relationship.upcoming_meetings,
        "seen_url": seen_url,
    }
    return render(request, "connections/relationship_detail.html", context)


@login_required
@require_GET
def relationship_list(request: HttpRequest) -> HttpResponse:
    member = member_or_404(request)
    relationships = list(selectors.relationships_of(member=member))
    for relationship in relationships:
        relationship.other_member = relationship.other(member.pk)
    return render(request, "connections/relationship_list.html", {"relationships": relationships})


@login_required
@require_GET
def relationship_detail(request: HttpRequest, relationship_id: int) -> HttpResponse:
    member = member_or_404(request)
    relationship = _relationship_or_404(relationship_id, member)
    seen = reverse("connections:relationship_seen", args=[relationship.pk])
    return _page(request, relationship, member, seen_url=seen)


@login_required
@require_POST
def relationship_seen(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """The member opened the relationship: what they were told about it is no longer "New".
    Posted by its page once loaded (`includes/post_on_load.html`): a GET writes nothing."""
    member = member_or_404(request)
    relationship = _relationship_or_404(relationship_id, member)
    notifications_mark_read_about(member=member, url=relationship.get_absolute_url())
    return HttpResponse(status=204)


@login_required
@require_POST
def exchange_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """Record an exchange; after sharing something, the member is offered a reflection."""
    member = member_or_404(request)
    relationship = _relationship_or_404(relationship_id, member)
    form = ExchangeForm(request.POST)
    if form.is_valid():
        try:
            exchange = services.exchange_record(
                relationship=relationship, author=member, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if exchange.what_i_shared:
                messages.success(request, "Recorded. You shared something: a moment to reflect?")
                return redirect(f"{reverse('connections:reflection_new')}?exchange={exchange.pk}")
            messages.success(request, "Recorded.")
            return redirect(relationship)
    return _page(request, relationship, member, exchange_form=form)


@login_required
@require_POST
def meeting_new(request: HttpRequest, relationship_id: int) -> HttpResponse:
    """Propose a time: stored, e-mailed to the other with the invitation attached."""
    member = member_or_404(request)
    relationship = _relationship_or_404(relationship_id, member)
    form = MeetingForm(request.POST, zone=_zone(member))
    if form.is_valid():
        try:
            services.meeting_propose(relationship=relationship, proposer=member, **form.meeting())
        except ValidationError as error:
            errors_onto(form, error, renamed={"starts_at": "day"})
        else:
            other = relationship.other(member.pk).display_name
            messages.success(
                request,
                f"Proposed. {other} has it by e-mail; the invitation is here for you both.",
            )
            return redirect(f"{relationship.get_absolute_url()}#meetings")
    return _page(request, relationship, member, meeting_form=form)


@login_required
@require_GET
def meeting_ics_download(request: HttpRequest, relationship_id: int, meeting_id: int):
    """The invitation (.ics) of a proposed time, for the two in the relationship only."""
    member = member_or_404(request)
    try:
        meeting = selectors.meeting_for_member(
            relationship_id=relationship_id, meeting_id=meeting_id, member=member
        )
    except MeetingProposal.DoesNotExist:
        raise Http404("No such meeting") from None
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trellis-meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def relationship_close(request: HttpRequest, relationship_id: int) -> HttpResponse:
    member = member_or_404(request)
    relationship = _relationship_or_404(relationship_id, member)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.relationship_close(
                relationship=relationship, member=member, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Closed. Your reason, if you gave one, is yours alone.")
            return redirect(relationship)
    return _page(request, relationship, member, close_form=form)


@login_required
@require_GET
def reciprocity_view(request: HttpRequest) -> HttpResponse:
    """How value has flowed both ways, over all of the member's relationships."""
    member = member_or_404(request)
    exchanges = selectors.exchanges_in_relationships_of(member=member)
    today = timezone.localdate()
    by_relationship: dict[int, list[dict]] = {}
    for exchange in exchanges:
        by_relationship.setdefault(exchange["relationship_id"], []).append(exchange)
    rows = []
    for relationship in selectors.relationships_of(member=member):
        mine = by_relationship.get(relationship.pk, [])
        other = relationship.other(member.pk)
        gave, received = reciprocity.totals(mine, member.pk)
        direction = reciprocity.one_way(mine, member.pk, today=today)
        rows.append((relationship, other, gave, received, one_way_prompt(direction, other)))
    gave, received = reciprocity.totals(exchanges, member.pk)
    context = {
        "chart": reciprocity.chart(
            reciprocity.monthly(exchanges, member.pk, today=today),
            title="What you gave and received across your relationships, by month",
            chart_id="member-chart",
        ),
        "rows": rows,
        "gave": gave,
        "received": received,
    }
    return render(request, "connections/reciprocity.html", context)
