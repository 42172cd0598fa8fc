from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.matching import presenters, selectors, services
from trellis.matching.forms import RoundForm
from trellis.matching.models import OPEN_TO_FLAGS, Round, Suggestion
from trellis.people import selectors as people_selectors
from trellis.people.decorators import organiser_required
from trellis.people.selectors import member_for_user
from trellis.web.forms import errors_onto
from trellis.web.htmx import is_partial

PAIRS_PER_PAGE = 50
UNPAIRED_PER_PAGE = 50
POLL_EVERY = "2s"


def _get_round(round_id: int) -> Round:
    try:
        return selectors.round_detail(round_id=round_id)
    except Round.DoesNotExist:
        raise Http404("No such round") from None


@organiser_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.round_list(), 25).get_page(request.GET.get("page"))
    return render(request, "matching/round_list.html", {"page": page})


@organiser_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_obj = services.round_create(
                organiser=request.user, cohort=form.cohort(), config=form.config()
            )
        except ValidationError as error:
            errors_onto(form, error, renamed={"cohort": "cohort_value"})
        else:
            messages.success(request, "The round is queued; this page follows its progress.")
            return redirect(round_obj)
    context = {
        "form": form,
        "teams": sorted(selectors.largest_team_names()),
        "disciplines": people_selectors.discipline_names(),
        "topics": sorted(selectors.common_topic_names()),
        "open_to": list(OPEN_TO_FLAGS),
    }
    return render(request, "matching/round_new.html", context)


@organiser_required
@require_GET
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round: live progress while it runs (htmx polls the status fragment), then the review."""
    round_obj = _get_round(round_id)
    context = {
        "round": round_obj,
        "cohort": round_obj.cohort_value,
        "stale": selectors.round_is_stale(round_obj),
        "poll_every": POLL_EVERY,
    }
    if is_partial(request) and round_obj.in_progress:
        response = render(request, "matching/partials/round_status.html", context)
    elif is_partial(request):
        # It has just finished: the review needs the whole page, not a fragment.
        response = HttpResponse(status=204, headers={"HX-Refresh": "true"})
    else:
        if round_obj.has_pairs:
            context |= _review_context(request, round_obj)
        response = render(request, "matching/round_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _review_context(request: HttpRequest, round_obj: Round) -> dict:
    """The review: figures in words, the pairs and the unpaired (each list paginated, read
    as stored: nothing is worked out per request)."""
    pairs = selectors.round_pairs(round_obj=round_obj)
    unpaired = selectors.round_unpaired(round_obj=round_obj)
    return {
        "page": Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page")),
        "unpaired_page": Paginator(unpaired, UNPAIRED_PER_PAGE).get_page(
            request.GET.get("unpaired_page")
        ),
        "unpaired_counts": selectors.unpaired_counts(round_obj=round_obj),
        "review": presenters.review(round_obj.report),
        "hand_slots": [("member_a", "One person"), ("member_b", "The other person")],
    }


@organiser_required
@require_POST
def round_withdraw(request: HttpRequest, round_id: int) -> HttpResponse:
    round_obj = _get_round(round_id)
    try:
        services.round_withdraw(round_id=round_obj.pk, organiser=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Withdrawn: its suggestions no longer show on members' pages.")
    return redirect(round_obj)


@organiser_required
@require_POST
def round_pair_remove(request: HttpRequest, round_id: int, suggestion_id: int) -> HttpResponse:
    round_obj = _get_round(round_id)
    try:
        services.round_pair_remove(
            round_id=round_obj.pk, suggestion_id=suggestion_id, organiser=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The pair was removed; they are listed among the unpaired.")
    return redirect(f"{round_obj.get_absolute_url()}#pairs")


def _chosen_member(request: HttpRequest, slot: str) -> int | None:
    """The member picked in one slot of the hand-pair form: the radio the type-ahead
    offered, or without JavaScript the one member the typed name finds."""
    picked = request.POST.get(slot, "")
    if picked.isdigit():
        return int(picked)
    found = selectors.members_named(query=request.POST.get(f"{slot}_query", ""), limit=2)
    return found[0].pk if len(found) == 1 else None


@organiser_required
@require_POST
def round_pair_add(request: HttpRequest, round_id: int) -> HttpResponse:
    round_obj = _get_round(round_id)
    try:
        services.round_pair_add(
            round_id=round_obj.pk,
            member_a_id=_chosen_member(request, "member_a"),
            member_b_id=_chosen_member(request, "member_b"),
            organiser=request.user,
        )
    except ValidationError as error:
        messages.error(request, "Not paired: " + " ".join(error.messages))
    else:
        messages.success(request, "Paired by hand; the pair is listed with the others.")
    return redirect(f"{round_obj.get_absolute_url()}#pair-by-hand")


@organiser_required
@require_GET
def round_member_search(request: HttpRequest, round_id: int) -> HttpResponse:
    """The hand-pair form's type-ahead: members whose name starts with what was typed, as
    radio buttons for one slot (`?slot=member_a`)."""
    round_obj = _get_round(round_id)
    slot = request.GET.get("slot", "member_a")
    if slot not in ("member_a", "member_b"):
        raise Http404("No such slot")
    query = request.GET.get(f"{slot}_query", "")
    context = {
        "round": round_obj,
        "slot": slot,
        "query": query,
        "members": selectors.members_named(query=query),
    }
    return render(request, "matching/partials/member_choices.html", context)


@organiser_required
@require_POST
def round_publish(request: HttpRequest, round_id: int) -> HttpResponse:
    round_obj = _get_round(round_id)
    try:
        services.round_publish(round_id=round_obj.pk, organiser=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Published: both members of each pair now see it.")
    return redirect(round_obj)


@organiser_required
@require_POST
def round_restart(request: HttpRequest, round_id: int) -> HttpResponse:
    round_obj = _get_round(round_id)
    try:
        services.round_restart(round_id=round_obj.pk, organiser=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The round is queued again.")
    return redirect(round_obj)


@login_required
@require_POST
def suggestion_dismiss(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Hide one suggestion from its member: htmx swaps the item for a note with Undo (no
    confirmation needed: it can be undone), a plain form goes home."""
    member = member_for_user(request.user)
    if member is None:
        raise Http404("No such suggestion")
    try:
        suggestion = services.suggestion_dismiss(suggestion_id=suggestion_id, member=member)
    except Suggestion.DoesNotExist:
        raise Http404("No such suggestion") from None
    if is_partial(request):
        context = {"suggestion": suggestion, "other": suggestion.other(member.pk)}
        return render(request, "matching/partials/suggestion_dismissed.html", context)
    messages.success(request, "Dismissed: this person will not be suggested to you again.")
    return redirect("home:home")
