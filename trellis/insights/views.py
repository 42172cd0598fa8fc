"""The organiser's insights pages: an overview of five questions, a page per question with
its chart, weekly table and CSV export, and the network picture. Figures only: no page
here reads a private word (see sources.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from trellis.audit.log import record
from trellis.insights import selectors, services
from trellis.insights.picture import network_svg
from trellis.insights.selectors import Figures, Filters, Network
from trellis.people.decorators import organiser_required
from trellis.web import charts
from trellis.web.csv import csv_cell

CHART_FRAME = charts.Frame(640, 240, left=36, right=12, top=16, bottom=44)
QUESTIONS = {
    "growing": "Is mentorship growing by itself?",
    "mutual": "Is it mutual, not hierarchical?",
    "load": "Is the load fair?",
    "seen": "Is work seen?",
    "network": "The network picture",
}
SELECTORS: dict[str, Callable[..., Figures]] = {
    "growing": selectors.growing,
    "mutual": selectors.mutual,
    "load": selectors.load,
    "seen": selectors.seen,
}
# Each page's chart: two weekly series stacked, the second on top (key, minus key, words).
CHARTS = {
    "growing": (
        "Relationships started each week, from a round and otherwise",
        ("from_round", None, "from a round"),
        ("started", "from_round", "started another way"),
    ),
    "mutual": (
        "Relationships with an exchange each week, value both ways or one way",
        ("both_ways", None, "value both ways"),
        ("exchanged", "both_ways", "value one way"),
    ),
    "load": (
        "Members in a relationship at each week's end, at capacity or below",
        ("at_capacity", None, "at capacity"),
        ("with_relationship", "at_capacity", "below capacity"),
    ),
    "seen": (
        "Members whose work was observed each week, from outside their team or only within",
        ("observed_outside", None, "seen from outside their team"),
        ("observed", "observed_outside", "seen only within their team"),
    ),
}
FILLS = ("#2f6f4e", "#9db4c0")


def _form_context(request: HttpRequest, filters: Filters, errors: dict[str, str]) -> dict:
    """What the period and cohort form shows: the values asked for, even refused ones."""
    return {
        "filters": filters,
        "errors": errors,
        "periods": selectors.PERIODS,
        "asked": {k: request.GET.get(k, "") for k in ("weeks", "discipline", "team", "by")},
        "disciplines": selectors.disciplines(),
        "query": urlencode({"weeks": filters.weeks, **filters.cohort.query}),
        "questions": QUESTIONS,
    }


def _refused(request: HttpRequest, page: str, filters: Filters, errors: dict) -> HttpResponse:
    title = QUESTIONS.get(page, "Insights")
    context = _form_context(request, filters, errors) | {"page": page, "title": title}
    return render(request, "insights/refused.html", context, status=400)


def _chart(page: str, figures: Figures) -> str:
    title, (low, _, low_words), (high, minus, high_words) = CHARTS[page]
    lows = figures.series(low)
    highs = [
        (h or 0) - (m or 0)
        for h, m in zip(figures.series(high), figures.series(minus), strict=True)
    ]
    columns = [
        charts.Column(f"{row.start:%d %b}", f"Week of {row.start:%d %B %Y}", (lo or 0, hi))
        for row, lo, hi in zip(figures.rows, lows, highs, strict=True)
    ]
    series = (
        charts.Series(low_words, legend=low_words.capitalize(), fill=FILLS[0]),
        charts.Series(high_words, legend=high_words.capitalize(), fill=FILLS[1]),
    )
    words = f"{title}, for {figures.cohort.label}, over the last {figures.weeks} weeks."
    return charts.stacked_chart(
        columns, series, frame=CHART_FRAME, title=words, chart_id=f"{page}-chart", image=False
    )


def _csv(page: str, figures: Figures) -> HttpResponse:
    cohort = figures.cohort.kind if figures.cohort.value else "everyone"
    response, writer = _csv_response(f"insights-{page}-{cohort}-{figures.weeks}-weeks")
    writer.writerow(["week", *(m.key for m in figures.measures)])
    for row in figures.rows:
        writer.writerow([csv_cell(v) for v in (row.start.isoformat(), *row.values)])
    record(
        "export.downloaded",
        target=f"insights {page}",
        rows=len(figures.rows),
        weeks=figures.weeks,
        cohort=figures.cohort.label,
    )
    return response


def _csv_response(name: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{day}.csv"'
    return response, csv.writer(response)


def _network_csv(picture: Network) -> HttpResponse:
    """The lines of the picture: each pair of groups, their members, the relationships."""
    cohort = picture.cohort.kind if picture.cohort.value else "everyone"
    response, writer = _csv_response(
        f"insights-network-by-{picture.by}-{cohort}-{picture.weeks}-weeks"
    )
    members = {node.name: node.members for node in picture.nodes}
    writer.writerow([picture.by, "members", f"other {picture.by}", "members", "relationships"])
    for edge in picture.edges:
        row = (edge.one, members.get(edge.one), edge.two, members.get(edge.two), edge.relationships)
        writer.writerow([csv_cell(value) for value in row])
    record(
        "export.downloaded",
        target="insights network",
        rows=len(picture.edges),
        weeks=picture.weeks,
        cohort=picture.cohort.label,
    )
    return response


def _figures_page(request: HttpRequest, page: str) -> HttpResponse:
    filters, errors = selectors.parse_filters(request.GET)
    wants_csv = request.GET.get("format") == "csv"
    if errors:
        if wants_csv:
            return HttpResponse(" ".join(errors.values()), status=400, content_type="text/plain")
        return _refused(request, page, filters, errors)
    figures = SELECTORS[page](weeks=filters.weeks, cohort=filters.cohort)
    if wants_csv:
        return _csv(page, figures)
    context = _form_context(request, filters, errors) | {
        "page": page,
        "title": QUESTIONS[page],
        "figures": figures,
        "chart": mark_safe(_chart(page, figures)) if figures.rows else "",
    }
    return render(request, "insights/figures.html", context)


@organiser_required
@require_GET
def growing(request: HttpRequest) -> HttpResponse:
    return _figures_page(request, "growing")


@organiser_required
@require_GET
def mutual(request: HttpRequest) -> HttpResponse:
    return _figures_page(request, "mutual")


@organiser_required
@require_GET
def load(request: HttpRequest) -> HttpResponse:
    return _figures_page(request, "load")


@organiser_required
@require_GET
def seen(request: HttpRequest) -> HttpResponse:
    return _figures_page(request, "seen")


@organiser_required
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    filters, errors = selectors.parse_filters(request.GET)
    by = request.GET.get("by") or "team"
    if by not in selectors.NETWORK_BY:
        errors["by"] = "Draw the network by team or by discipline."
    wants_csv = request.GET.get("format") == "csv"
    if errors:
        if wants_csv:
            return HttpResponse(" ".join(errors.values()), status=400, content_type="text/plain")
        return _refused(request, "network", filters, errors)
    picture = selectors.network(weeks=filters.weeks, by=by, cohort=filters.cohort)
    if wants_csv:
        return _network_csv(picture)
    context = _form_context(request, filters, errors) | {
        "page": "network",
        "title": QUESTIONS["network"],
        "picture": picture,
        "by": by,
        "chart": mark_safe(network_svg(picture)) if picture.nodes else "",
    }
    return render(request, "insights/network.html", context)


@organiser_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    filters, errors = selectors.parse_filters(request.GET)
    if errors:
        return _refused(request, "overview", filters, errors)
    found = selectors.overview(weeks=filters.weeks, cohort=filters.cohort)
    answers = [(page, QUESTIONS[page], figures) for page, figures in found.items()]
    context = _form_context(request, filters, errors) | {
        "page": "overview",
        "title": "Insights",
        "answers": answers,
        "status": answers[0][2].status,
    }
    return render(request, "insights/overview.html", context)


@organiser_required
@require_POST
def work_out(request: HttpRequest) -> HttpResponse:
    services.insights_request()
    messages.success(
        request, "The figures are being worked out: refresh this page in a minute or two."
    )
    return redirect("insights:overview")
