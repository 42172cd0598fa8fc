"""Pages that combine areas: the member's home, a member's profile, a topic's page, a
post's page: each with who could help, worked out by matching in the background."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from trellis.community import markdown
from trellis.community import selectors as community_selectors
from trellis.community.forms import ReplyForm
from trellis.community.models import Post
from trellis.connections import selectors as connection_selectors
from trellis.connections import services as connections
from trellis.connections.contact import card_for_viewer
from trellis.home.selectors import (
    own_helpers,
    own_initiative_fits,
    own_initiative_fits_needed,
    own_work_out_needed,
)
from trellis.initiatives import selectors as initiative_selectors
from trellis.matching import selectors as matching_selectors
from trellis.people import selectors
from trellis.people.models import Member, Topic
from trellis.people.requests import request_member

PROFILE_OBSERVATIONS = 20


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


def _needs_you(member: Member) -> dict:
    """What waits on the member, shown first: intros to answer, their own intros waiting
    for an answer (a declined one reads as waiting: a sender never learns of a decline),
    and their relationships with the last exchange in each. Four queries."""
    return {
        "intros_to_answer": connection_selectors.intros_to_answer(member=member),
        "intros_waiting": connection_selectors.intros_awaiting_answer(member=member),
        "relationships": connection_selectors.relationships_in_progress(member=member),
    }


def _own_capacity_refusal(member: Member | None) -> str | None:
    """Why `member` can't introduce themselves to anyone now, when their relationships
    fill their capacity (the same words `intro_send` refuses with). One query."""
    if member is None:
        return None
    return connections.own_capacity_refusal(member)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    member = request_member(request)  # the one the site layout shows: read once
    if member is None:
        return render(request, "home/home_no_profile.html")
    member = selectors.with_profile_topics(member)
    suggestions, recommendations = matching_selectors.home_suggestions(member=member)
    followed = community_selectors.followed_topics(member=member)
    full = _own_capacity_refusal(member)
    context = {
        "member": member,
        **_needs_you(member),
        "at_capacity": full,
        "can_introduce": member.status == Member.Status.ACTIVE and not full,
        "topics": selectors.topics_by_statement(member),
        "next_steps": _next_steps(member),
        "suggestions": suggestions,
        "recommendations": recommendations,
        "recommendations_pending": False,
        "followed_topics": followed,
        "followed_posts": community_selectors.followed_posts(member=member, topics=followed),
    }
    # Initiatives that fit: as the worker stored them (a page never runs the engine).
    fits = own_initiative_fits(member)
    context["initiatives"] = fits.items if fits is not None else []
    context["initiatives_being_worked_out"] = fits is not None and not fits.worked_out
    # Missing or stale derived data is asked for by the page once loaded, by POST
    # (`working_out`): a GET writes nothing, so home reads on a read-only database.
    helpers = own_helpers(member)
    recommendations_stale, helpers_stale = own_work_out_needed(member, helpers)
    context["recommendations_pending"] = recommendations_stale
    if helpers is not None:
        context["helpers"] = helpers
    fits_stale = own_initiative_fits_needed(member, fits)
    if recommendations_stale or helpers_stale or fits_stale:
        context["post_on_load"] = reverse("home:work_out_mine")
    return render(request, "home/home.html", context)


@login_required
@require_GET
def profile(request: HttpRequest, member_id: int) -> HttpResponse:
    try:
        # People who left are no longer shown to others (the API asks the same selector).
        member = selectors.member_profile_for(member_id=member_id, user=request.user)
    except Member.DoesNotExist:
        raise Http404("No such member") from None
    is_self = member.user_id == request.user.pk
    viewer = member if is_self else request_member(request)
    posts = community_selectors.posts_by(author=member, viewer=member if is_self else None)
    context = {
        "member": member,
        "topics": selectors.topics_by_statement(member),
        "is_self": is_self,
        # How to reach them: only for someone in an open relationship with them.
        "contact": card_for_viewer(viewer=viewer, member=member),
        "posts": list(posts[: community_selectors.PROFILE_POSTS]),
        "observations": list(
            initiative_selectors.observations_about(subject=member, viewer=viewer)[
                :PROFILE_OBSERVATIONS
            ]
        ),
    }
    if not is_self and member.status == Member.Status.ACTIVE:
        context["at_capacity"] = _own_capacity_refusal(viewer)
    return render(request, "home/profile.html", context)


def _topic_or_404(slug: str) -> Topic:
    try:
        return Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404("No such topic") from None


@login_required
@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request_member(request)
    topic = _topic_or_404(slug)
    people, people_count = community_selectors.topic_people(topic=topic)
    helpers = matching_selectors.helpers_shown(viewer=viewer, topic=topic)
    context = {
        "topic": topic,
        "people": people,
        "people_count": people_count,
        "people_counted_up_to": community_selectors.TOPIC_PEOPLE_COUNTED,
        "posts": community_selectors.topic_posts(topic=topic, viewer=viewer),
        "following": community_selectors.is_following(member=viewer, topic=topic),
        "initiatives": initiative_selectors.topic_initiatives(topic=topic),
        "helpers": helpers,
        "at_capacity": _own_capacity_refusal(viewer) if helpers.helpers else None,
        # Derived data, worked out once, asked for by POST once the page loaded.
        "post_on_load": reverse("home:work_out_topic", args=[topic.slug])
        if helpers.never_asked
        else None,
    }
    return render(request, "home/topic_detail.html", context)


def _post_or_404(post_id: int, viewer: Member | None) -> Post:
    try:
        return community_selectors.post_for_viewer(post_id=post_id, viewer=viewer)
    except Post.DoesNotExist:
        raise Http404("No such post") from None


@login_required
@require_GET
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    """A post, its public replies, and who could help with the problem it describes."""
    viewer = request_member(request)
    post = _post_or_404(post_id, viewer)
    topics = list(post.topics.all())
    is_author = viewer is not None and post.author_id == viewer.pk
    helpers = matching_selectors.helpers_shown(viewer=viewer, post_id=post.pk)
    context = {
        "post": post,
        "body_html": markdown.render(post.body),
        "topics": topics,
        "about": post.about([topic.name for topic in topics]),
        "is_author": is_author,
        "can_introduce": viewer is not None
        and not is_author
        and post.author.status == Member.Status.ACTIVE,
        "helpers": helpers,
        "replies": community_selectors.replies_page(
            post=post, viewer=viewer, page_number=request.GET.get("page")
        ),
        "reply_form": ReplyForm(),
        # Derived data, worked out once, asked for by POST once the page loaded.
        "post_on_load": reverse("home:work_out_post", args=[post.pk])
        if helpers.never_asked
        else None,
    }
    if context["can_introduce"] or helpers.helpers:
        context["at_capacity"] = _own_capacity_refusal(viewer)
    return render(request, "home/post_detail.html", context)
