"""The feed page (make, replace or revoke one's secret address), the feed itself, and the
organisers' one-off download. All answer 404 while TRELLIS_CALENDAR_FEEDS is off."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_safe

from trellis.integrations.calendars import selectors, services
from trellis.integrations.calendars.ics import milestones_ics
from trellis.people.decorators import organiser_required
from trellis.people.requests import member_or_404, request_member

ICS_TYPE = "text/calendar; charset=utf-8"
NO_CALENDAR = "No calendar at this address.\n"


def _feeds_on() -> None:
    if not settings.CALENDAR_FEEDS:
        raise Http404("Calendar feeds are off")


def feed_address(secret: str) -> str:
    return f"{settings.SITE_URL}{reverse('calendars:feed_ics', args=[secret])}"


@login_required
@require_http_methods(["GET", "POST"])
def feed_page(request: HttpRequest) -> HttpResponse:
    """One's own feed: whether it exists, and buttons to make a new address or revoke it."""
    _feeds_on()
    member = member_or_404(request)
    context: dict = {"address": None, "problem": ""}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "make":
            context["address"] = feed_address(services.feed_make(member=member).secret)
        elif action == "revoke":
            revoked = services.feed_revoke(member=member)
            messages.success(request, "Revoked." if revoked else "You had no feed address.")
            return redirect("calendars:feed")
        else:
            context["problem"] = "Choose to make a new address or to revoke the one you have."
    context["feed"] = selectors.feed_of(member)
    if context["address"]:
        context["webcal"] = "webcal://" + context["address"].split("://", 1)[1]
    status = 400 if context["problem"] else 200
    return render(request, "calendars/feed.html", context, status=status)


def _newest(initiatives, *also: datetime) -> datetime | None:
    stamps = [*also, *(i.updated_at for i in initiatives)]
    stamps += [m.updated_at for i in initiatives for m in i.plan]
    return max(stamps, default=None)


def _calendar(request: HttpRequest, body: bytes, *, newest: datetime | None) -> HttpResponse:
    """The calendar with a strong ETag of its bytes; If-None-Match gets a 304.

    Last-Modified is sent for programs that show it, but a 304 is decided on the ETag
    only: an initiative leaving a feed (cancelled, a volunteer who left the team) changes
    no timestamp the feed still shows, so an If-Modified-Since alone could wrongly say
    "not modified".
    """
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    if newest is not None:
        response["Last-Modified"] = http_date(newest.timestamp())
    # The address is a secret: no shared cache keeps it; the program revalidates each time.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return get_conditional_response(request, etag=response["ETag"], response=response)


@require_safe
def feed_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """A member's milestone feed, for whoever holds its address (a calendar program signs
    in to nothing). An unknown or revoked address is a 404 saying nothing more."""
    feed = selectors.feed_for_secret(secret) if settings.CALENDAR_FEEDS else None
    if feed is None:
        # The same few bytes for every address that opens nothing: a calendar program
        # needs no page, and nothing tells a revoked address from one never made.
        return HttpResponseNotFound(NO_CALENDAR, content_type="text/plain; charset=utf-8")
    member = feed.member
    initiatives = selectors.initiatives_in_feed(
        member=member, everything_open=selectors.follows_every_initiative(member.user)
    )
    body = milestones_ics(initiatives=initiatives, name="Trellis milestones")
    return _calendar(request, body, newest=_newest(initiatives, feed.created_at))


@organiser_required
@require_safe
def organiser_ics(request: HttpRequest) -> HttpResponse:
    """Every open or underway initiative's milestones (and the organiser's own), once."""
    _feeds_on()
    initiatives = selectors.initiatives_in_feed(
        member=request_member(request), everything_open=True
    )
    body = milestones_ics(initiatives=initiatives, name="Trellis milestones: open initiatives")
    response = _calendar(request, body, newest=_newest(initiatives))
    response["Content-Disposition"] = 'attachment; filename="trellis-milestones.ics"'
    return response
