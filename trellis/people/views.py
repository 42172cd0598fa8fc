from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods

from trellis.people import selectors
from trellis.people.decorators import organiser_required
from trellis.people.forms import DirectorySearchForm, ProfileForm, RosterUploadForm
from trellis.people.models import Member
from trellis.people.requests import request_member
from trellis.people.roster import RosterError, roster_import, roster_size_problem
from trellis.people.services import member_update
from trellis.web.forms import errors_onto
from trellis.web.htmx import page_or_partial
from trellis.web.request_size import takes_upload

SHOWN_PROBLEMS = 200
PROFILE_OBSERVATIONS = 20


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = topic_text = team = discipline = ""
    if form.is_valid():
        query, topic_text, team, discipline = (
            form.cleaned_data[k] for k in ("q", "topic", "team", "discipline")
        )
    topic = selectors.topic_for_query(topic_text) if topic_text else None
    unknown_topic = bool(topic_text) and topic is None
    members = (
        Member.objects.none()
        if unknown_topic or form.errors
        else selectors.directory_search(query=query, topic=topic, team=team, discipline=discipline)
    )
    page = Paginator(members, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "topic": topic,
        "unknown_topic": unknown_topic,
        "topic_text": topic_text,
    }
    response = render(
        request,
        page_or_partial(request, "people/directory.html", "people/partials/directory_results.html"),
        context,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def team_suggestions(request: HttpRequest) -> HttpResponse:
    """The directory's team type-ahead: a few team names containing what was typed, as the
    options of the team field's list (the field itself filters by the exact name)."""
    teams = selectors.team_suggestions(text=request.GET.get("team", ""))
    # Rendered without the request: the options need no signed-in context (one query less).
    return HttpResponse(render_to_string("people/partials/team_options.html", {"teams": teams}))


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    # A GET shows the member the layout already read; a POST edits a copy of its own, so
    # that a form refused does not show its unsaved name in the navigation.
    posted = request.method == "POST"
    member = selectors.member_for_user(request.user) if posted else request_member(request)
    if member is None:
        raise Http404("You have no member profile.")
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            member_update(member=member, **form.profile_changes())
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("home:profile", member_id=member.pk)
    return render(
        request, "people/profile_edit.html", {"form": form, "timezone_options": _timezone_options()}
    )


@cache
def _timezone_options() -> SafeString:
    """The time zone field's suggestions (about 600 `<option>`s), written once per process
    rather than by a template loop on every visit: the names never change while it runs."""
    names = sorted(selectors.available_timezone_names())
    return format_html_join("", '<option value="{}">', ((name,) for name in names))


@takes_upload("ROSTER_MAX_BYTES")
@organiser_required
@require_http_methods(["GET", "POST"])
def roster_upload(request: HttpRequest) -> HttpResponse:
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        too_big = roster_size_problem(upload.size)
        if too_big:
            form.add_error("file", too_big.message)
        else:
            try:
                report = roster_import(
                    data=upload.read(),
                    dry_run=form.cleaned_data["dry_run"],
                    invite=form.cleaned_data["invite"],
                )
            except RosterError as error:
                context["problems"] = error.problems[:SHOWN_PROBLEMS]
                context["more_problems"] = max(0, len(error.problems) - SHOWN_PROBLEMS)
            else:
                context["report"] = report
    return render(request, "people/roster_upload.html", context)
