"""Asking the worker to work out derived data a page found missing or out of date: who a
member might meet, who could help them, with a topic or with a post, which initiatives
fit them.

The pages only read (a GET never writes: tests/test_get_writes_nothing.py); once loaded,
a page that found its data missing posts here (`includes/post_on_load.html`). Each
checks again what the page saw, so a repeated or stray POST queues nothing new.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.home.selectors import own_helpers
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives import services as initiative_services
from trellis.matching import selectors as matching_selectors
from trellis.matching import services as matching_services
from trellis.people import selectors
from trellis.people.models import Member, Topic
from trellis.people.requests import request_member

QUEUED = 204  # nothing to show: the page says the lists are being worked out


def own_work_out_needed(
    member: Member, helpers: matching_selectors.HelpersShown | None
) -> tuple[bool, bool]:
    """Whether `member`'s recommendations, and who could help them (`own_helpers`), need
    working out: missing, or older than their profile."""
    recommendations = (
        member.status == Member.Status.ACTIVE
        and member.open_to_peer_learning
        and matching_selectors.recommendations_need_refresh(member=member)
    )
    return recommendations, helpers is not None and helpers.older_than(member.updated_at)


# Initiatives that fit, shown on home.
INITIATIVES_SHOWN = 5


def own_initiative_fits(member: Member) -> initiative_selectors.FitShown | None:
    """The initiatives that fit `member`, as stored; None for a member not shown any
    (not active, or not open to initiatives)."""
    if member.status != Member.Status.ACTIVE or not member.open_to_initiatives:
        return None
    return initiative_selectors.initiatives_fitting(member=member, limit=INITIATIVES_SHOWN)


def own_initiative_fits_needed(member: Member, fits: initiative_selectors.FitShown | None) -> bool:
    """Whether the initiatives that fit `member` need working out: never asked for, or
    neither worked out nor asked for since their profile changed."""
    return fits is not None and fits.older_than(member.updated_at)


@login_required
@require_POST
def work_out_mine(request: HttpRequest) -> HttpResponse:
    """Queue the signed-in member's recommendations and helpers, if they need it."""
    member = selectors.member_for_user(request.user)
    if member is None:
        raise Http404("No profile")
    recommendations, helpers = own_work_out_needed(member, own_helpers(member))
    if recommendations:
        matching_services.recommendations_request(member=member)
    if helpers:
        matching_services.helpers_request(member=member)
    if own_initiative_fits_needed(member, own_initiative_fits(member)):
        initiative_services.fit_request(member=member)
    return HttpResponse(status=QUEUED)


@login_required
@require_POST
def work_out_topic(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue who could help with a topic, if nobody ever asked."""
    try:
        topic = Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404("No such topic") from None
    if matching_selectors.helpers_shown(viewer=None, topic=topic).never_asked:
        matching_services.helpers_request(topic=topic)
    return HttpResponse(status=QUEUED)


@login_required
@require_POST
def work_out_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """Queue who could help with a post its viewer may read, if nobody ever asked."""
    viewer = request_member(request)
    try:
        post = community_selectors.post_for_viewer(post_id=post_id, viewer=viewer)
    except Post.DoesNotExist:
        raise Http404("No such post") from None
    if matching_selectors.helpers_shown(viewer=None, post_id=post.pk).never_asked:
        matching_services.helpers_request(post_id=post.pk)
    return HttpResponse(status=QUEUED)
