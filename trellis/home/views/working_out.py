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
from trellis.home import services
from trellis.people import selectors
from trellis.people.models import Topic
from trellis.people.requests import request_member

QUEUED = 204  # nothing to show: the page says the lists are being worked out


@login_required
@require_POST
def work_out_mine(request: HttpRequest) -> HttpResponse:
    """Queue the signed-in member's recommendations and helpers, if they need it."""
    member = selectors.member_for_user(request.user)
    if member is None:
        raise Http404("No profile")
    services.work_out_mine(member=member)
    return HttpResponse(status=QUEUED)


@login_required
@require_POST
def work_out_topic(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue who could help with a topic, if nobody ever asked."""
    try:
        topic = Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404("No such topic") from None
    services.work_out_topic(topic=topic)
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
    services.work_out_post(post=post)
    return HttpResponse(status=QUEUED)
