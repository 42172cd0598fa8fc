"""The visibility map (who has seen a member's work) and the organiser's list of
contributors nobody outside their team has seen."""

from __future__ import annotations

import csv
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from trellis.audit.log import record
from trellis.initiatives import seen_work, selectors
from trellis.initiatives.seen_work import Month
from trellis.people.decorators import organiser_required
from trellis.people.requests import member_or_404
from trellis.web import charts
from trellis.web.csv import csv_cell

MONTHS_SHOWN = 12
OBSERVATIONS_PER_PAGE = 20
CHART_FRAME = charts.Frame(640, 220, left=36, right=12, top=16, bottom=40)
SEEN_BY = (
    charts.Series("from your team", legend="Observers from your team", fill="#9db4c0"),
    charts.Series("from other teams", legend="Observers from other teams", fill="#2f6f4e"),
)


@login_required
@require_GET
def visibility(request: HttpRequest) -> HttpResponse:
    member = member_or_404(request)
    found = seen_work.visibility(subject=member, months=MONTHS_SHOWN)
    context = {
        "member": member,
        "map": found,
        "group_lists": [
            ("team", found.by_team),
            ("discipline", found.by_discipline),
            ("level", found.by_level),
        ],
        "about_me": Paginator(
            selectors.observations_about(subject=member, viewer=member), OBSERVATIONS_PER_PAGE
        ).get_page(request.GET.get("page")),
        "written": Paginator(
            selectors.observations_written(observer=member), OBSERVATIONS_PER_PAGE
        ).get_page(request.GET.get("written_page")),
    }
    return render(request, "initiatives/visibility.html", context)


@login_required
@require_GET
def visibility_chart(request: HttpRequest) -> HttpResponse:
    member = member_or_404(request)
    found = seen_work.visibility(subject=member, months=MONTHS_SHOWN)
    title = (
        f"Observations of {member.display_name}'s work in the last {MONTHS_SHOWN} months, "
        f"by month: {sum(m.outside for m in found.months)} from other teams, "
        f"{sum(m.inside for m in found.months)} from their own team."
    )
    response = HttpResponse(visibility_svg(found.months, title=title), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def visibility_svg(months: Sequence[Month], *, title: str) -> str:
    """Observers of a member's work by month, as an image of stacked bars: those from other
    teams on top of those from the member's own team."""
    columns = [
        charts.Column(f"{m.start:%b}", f"{m.start:%B %Y}", (m.inside, m.outside)) for m in months
    ]
    return charts.stacked_chart(columns, SEEN_BY, frame=CHART_FRAME, title=title, chart_id="t")


def _months(request: HttpRequest) -> int:
    try:
        months = int(request.GET.get("months", settings.UNSEEN_MONTHS))
    except ValueError:
        return settings.UNSEEN_MONTHS
    return min(max(months, 1), 60)


@organiser_required
@require_GET
def unseen_contributors(request: HttpRequest) -> HttpResponse:
    months = _months(request)
    members = seen_work.unseen_contributors(months=months)
    if request.GET.get("format") == "csv":
        response, rows = _unseen_csv(members, months)
        record("export.downloaded", target="unseen contributors", rows=rows, months=months)
        return response
    page = Paginator(members, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "months": months,
        "count": page.paginator.count,
    }
    return render(request, "initiatives/unseen_contributors.html", context)


def _unseen_csv(members, months: int) -> tuple[HttpResponse, int]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="unseen-contributors-{months}-months-{day}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["name", "email", "team", "discipline", "contributions", "initiatives", "last_contribution"]
    )
    rows = 0
    for member in members.select_related("user").iterator(chunk_size=2000):
        rows += 1
        row = [
            member.display_name,
            member.user.email if member.user_id else "",
            member.team,
            member.discipline,
            member.recent_contributions,
            member.recent_initiatives,
            timezone.localtime(member.last_contribution_at).date().isoformat(),
        ]
        writer.writerow([csv_cell(value) for value in row])
    return response, rows
