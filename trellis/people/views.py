from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from trellis.community import selectors as community_selectors
from trellis.initiatives import fit as initiative_fit
from trellis.initiatives import selectors as initiative_selectors
from trellis.matching import selectors as matching_selectors
from trellis.matching import services as matching_services
from trellis.people import selectors
from trellis.people.context_processors import current_member
from trellis.people.decorators import organiser_required
from trellis.people.forms import DirectorySearchForm, ProfileForm, RosterUploadForm
from trellis.people.models import Member
from trellis.people.roster import RosterError, roster_import, roster_size_problem
from trellis.people.services import member_update

SHOWN_PROBLEMS = 200
PROFILE_OBSERVATIONS = 20


def _page_or_partial(request: HttpRequest, page: str, partial: str) -> str:
    """The fragment for an htmx swap; the whole page otherwise, or when htmx restores history."""
    htmx = request.htmx
    return partial if htmx and not htmx.history_restore_request else page


def _next_steps(member: Member) -> list[str]:
    """What would make this member's profile useful to others, most useful first."""
    steps = []
    if not member.working_on.strip():
        steps.append("Say what you are working on now: it is what people are matched on.")
    if not member.can_help_with.strip():
        steps.append("Add what you can help with, so others know what you can offer.")
    if not member.learning.strip():
        steps.append("Add what you are learning, so people who know it can find you.")
    if not member.curious_about.strip():
        steps.append("Add what you are curious about: shared curiosity starts good conversations.")
    return steps


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    if member is None:
        return render(request, "people/home_no_profile.html")
    member = selectors.member_detail(member_id=member.pk)
    suggestions, recommendations = matching_selectors.home_suggestions(member=member)
    followed = community_selectors.followed_topics(member=member)
    context = {
        "member": member,
        "topics": selectors.topics_by_statement(member),
        "next_steps": _next_steps(member),
        "suggestions": suggestions,
        "recommendations": recommendations,
        "recommendations_pending": False,
        "followed_topics": followed,
        "followed_posts": community_selectors.followed_posts(member=member, topics=followed),
        "initiatives": (
            initiative_fit.initiatives_for(member=member)
            if member.open_to_initiatives and member.status == Member.Status.ACTIVE
            else []
        ),
    }
    opted_in = member.status == Member.Status.ACTIVE and member.open_to_peer_learning
    if opted_in and matching_selectors.recommendations_need_refresh(member=member):
        # The one write a GET makes: queueing a refresh of derived data (idempotent,
        # and at most one per profile change), which the member sees on a later visit.
        matching_services.recommendations_request(member=member)
        context["recommendations_pending"] = True
    return render(request, "people/home.html", context)


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = topic_text = team = ""
    if form.is_valid():
        query, topic_text, team = (form.cleaned_data[k] for k in ("q", "topic", "team"))
    topic = selectors.topic_for_query(topic_text) if topic_text else None
    unknown_topic = bool(topic_text) and topic is None
    members = (
        Member.objects.none()
        if unknown_topic or form.errors
        else selectors.directory_search(query=query, topic=topic, team=team)
    )
    page = Paginator(members, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "topic": topic,
        "unknown_topic": unknown_topic,
        "topic_text": topic_text,
        "teams": selectors.team_names(),
    }
    response = render(
        request,
        _page_or_partial(
            request, "people/directory.html", "people/partials/directory_results.html"
        ),
        context,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def profile(request: HttpRequest, member_id: int) -> HttpResponse:
    try:
        member = selectors.member_detail(member_id=member_id)
    except Member.DoesNotExist:
        raise Http404("No such member") from None
    if member.status == Member.Status.LEFT and member.user_id != request.user.pk:
        raise Http404("No such member")  # people who left are no longer shown to others
    is_self = member.user_id == request.user.pk
    viewer = member if is_self else current_member(request)["current_member"]
    posts = community_selectors.posts_by(author=member, viewer=member if is_self else None)
    context = {
        "member": member,
        "topics": selectors.topics_by_statement(member),
        "is_self": is_self,
        "posts": list(posts[: community_selectors.PROFILE_POSTS]),
        "observations": list(
            initiative_selectors.observations_about(subject=member, viewer=viewer)[
                :PROFILE_OBSERVATIONS
            ]
        ),
    }
    return render(request, "people/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    if member is None:
        raise Http404("You have no member profile.")
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            member_update(member=member, **form.profile_changes())
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = "manager_email" if field == "manager" else field
                form.add_error(target if target in form.fields else None, problems)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("people:profile", member_id=member.pk)
    timezones = sorted(selectors.available_timezone_names())
    return render(request, "people/profile_edit.html", {"form": form, "timezones": timezones})


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
