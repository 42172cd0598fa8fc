from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.matching import selectors, services
from trellis.matching.forms import RoundForm
from trellis.matching.models import OPEN_TO_FLAGS, Round, Suggestion
from trellis.people import selectors as people_selectors
from trellis.people.decorators import organiser_required
from trellis.people.selectors import member_for_user
from trellis.web.forms import errors_onto
from trellis.web.htmx import is_partial

PAIRS_PER_PAGE = 50
POLL_EVERY = "2s"

# Engine metrics shown as the review's headline figures: key -> (label, as a share?).
HEADLINE = {
    "coverage": ("Coverage: members with at least one pair", True),
    "covered": ("Members with at least one pair", False),
    "eligible": ("Members who could be paired (active, opted in, capacity left)", False),
    "mean_score": ("Mean score of a pair", False),
    "mean_shared": ("Mean shared interest of a pair", False),
    "mean_mutual": ("Mean mutual value of a pair", False),
    "cross_discipline": ("Pairs across disciplines", True),
    "cross_team": ("Pairs across teams", True),
    "total": ("Total score", False),
    "upper_bound": ("Upper bound on the total", False),
    "gap": ("Gap to the upper bound", True),
}
# The comparison with the baselines: a baseline's key in the metrics -> how the review names it.
BASELINE_NAMES = {
    "random": "Random pairing (the spreadsheet)",
    "hierarchy": "Senior with junior in a discipline (the hierarchy)",
    "tfidf_greedy": "Plain TF-IDF, greedy assignment",
}
# Its columns: figure -> (heading, as a share?).
COMPARED = {
    "pairs": ("Pairs", False),
    "coverage": ("Coverage", True),
    "useful_coverage": ("Coverage with shared interest", True),
    "mean_shared": ("Mean shared interest", False),
    "mean_mutual": ("Mean mutual value", False),
    "mean_score": ("Mean score", False),
    "cross_discipline": ("Across disciplines", True),
    "violations": ("Constraints broken", False),
}
# Where a round keeps its comparison with the baselines (shown in a table of its own).
COMPARISON_KEYS = {"baselines", "baselines_error", "trellis"}
# Figures the engine reports that the run facts below already show.
SHOWN_AS_RUN_FACTS = {"members", "pairs", "candidates", "seconds"}
RUN_FACTS = {
    "members": "Members in the cohort",
    "opted_in": "Active and open to peer learning",
    "pairs": "Pairs",
    "candidates": "Candidate pairs scored",
    "blocked_pairs": "Pairs kept apart (dismissed, reporting lines)",
    "seconds": "Engine time (s)",
    "baselines_seconds": "Comparing with the baselines (s)",
}


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


def metrics_review(metrics: dict) -> dict:
    """A round's metrics arranged for the review: headline figures, load, baselines, run facts."""
    headline = [
        (label, _formatted(metrics[key], as_share=as_share))
        for key, (label, as_share) in HEADLINE.items()
        if isinstance(metrics.get(key), int | float)
    ]
    load = metrics.get("load")
    if isinstance(load, dict):
        load = sorted(load.items(), key=lambda item: float(item[0]) if _numeric(item[0]) else 0)
    elif isinstance(load, list):
        load = list(enumerate(load))
    else:
        load = []
    known = {*HEADLINE, *SHOWN_AS_RUN_FACTS, *COMPARISON_KEYS, "load", "run"}
    other = [
        (key, value)
        for key, value in sorted(metrics.items())
        if key not in known and isinstance(value, int | float | str)
    ]
    run = metrics.get("run") or {}
    facts = [(label, run[key]) for key, label in RUN_FACTS.items() if key in run]
    return {
        "headline": headline,
        "load": load,
        "comparison": baseline_comparison(metrics),
        "other": other,
        "facts": facts,
    }


def baseline_comparison(metrics: dict) -> dict | None:
    """This round beside each baseline, one row a method, or None when none was compared.

    A skipped baseline keeps its row, blank, and its reason is listed under the table.
    """
    baselines = metrics.get("baselines")
    if not isinstance(baselines, dict) or not baselines:
        error = metrics.get("baselines_error")
        return {"error": error} if isinstance(error, str) and error else None
    # Without the round's own figures by the baselines' yardstick, its headline ones stand in.
    trellis = metrics.get("trellis") if isinstance(metrics.get("trellis"), dict) else metrics
    rows = [("Trellis (this round)", _compared_cells(trellis))]
    notes = []
    for key, figures in baselines.items():
        name = BASELINE_NAMES.get(key, key.replace("_", " ").capitalize())
        figures = figures if isinstance(figures, dict) else {}
        rows.append((name, _compared_cells(figures)))
        if isinstance(figures.get("skipped"), str):
            notes.append(f"{name}: {figures['skipped']}")
    return {"headings": [h for h, _ in COMPARED.values()], "rows": rows, "notes": notes}


def _compared_cells(figures: dict) -> list[str | None]:
    return [
        _formatted(value, as_share=as_share) if isinstance(value, int | float) else None
        for value, as_share in ((figures.get(key), share) for key, (_, share) in COMPARED.items())
    ]


def _formatted(value: float, *, as_share: bool = False) -> str:
    """A figure as the review shows it: shares as percentages, counts with separators."""
    if as_share:
        return f"{100 * value:.1f}%" if value >= 0.001 or value == 0 else f"{100 * value:.3f}%"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3f}"


def _numeric(text) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


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
            pairs = selectors.round_pairs(round_obj=round_obj)
            context["page"] = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
            context["review"] = metrics_review(round_obj.metrics or {})
        response = render(request, "matching/round_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


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
    """Hide one suggestion from its member: htmx removes the item, a plain form goes home."""
    member = member_for_user(request.user)
    if member is None:
        raise Http404("No such suggestion")
    try:
        services.suggestion_dismiss(suggestion_id=suggestion_id, member=member)
    except Suggestion.DoesNotExist:
        raise Http404("No such suggestion") from None
    if is_partial(request):
        return HttpResponse("")
    messages.success(request, "Dismissed: this person will not be suggested to you again.")
    return redirect("home:home")
