"""The operators' audit page and its JSON-lines export.

Only operators (logins with `is_staff`, who also reach the admin) may read the log;
to everyone else, as with organisers' pages to members, it does not exist (404).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from trellis.audit import selectors, services
from trellis.audit.actions import ACTIONS
from trellis.audit.forms import EventFilterForm
from trellis.audit.log import record


def operator_required(view):
    """Only operators may use this view; others get a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapped


@operator_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    page = None
    if not form.is_bound or form.is_valid():
        event_filter = form.event_filter() if form.is_bound else selectors.EventFilter()
        older_than = form.cleaned_data.get("older_than") if form.is_bound else None
        page = selectors.events_page(event_filter, older_than=older_than)
    context = {"form": form, "page": page, "actions": ACTIONS}
    return render(request, "audit/event_list.html", context)


@operator_required
@require_GET
def event_export(request: HttpRequest) -> HttpResponse:
    """Every matching event as JSON lines, streamed (the log may hold millions)."""
    form = EventFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/event_list.html", {"form": form, "page": None}, status=400)
    event_filter = form.event_filter() if form.is_bound else selectors.EventFilter()
    record("audit.exported", request=request, target="audit log", **event_filter.as_details())
    events = selectors.events_matching(event_filter)
    response = StreamingHttpResponse(
        services.events_as_json_lines(events), content_type="application/jsonl; charset=utf-8"
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="trellis-audit-{day}.jsonl"'
    return response
