"""The member behind a request, read once and shared by the site layout and every view."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from trellis.people.models import Member
from trellis.people.selectors import member_for_user


def request_member(request: HttpRequest) -> Member | None:
    """The signed-in user's member profile, if they have one (operators may not)."""
    if not hasattr(request, "_current_member"):
        request._current_member = member_for_user(getattr(request, "user", None))
    return request._current_member


def member_or_404(request: HttpRequest) -> Member:
    """The signed-in member; a login without a profile gets a 404."""
    member = request_member(request)
    if member is None:
        raise Http404("You have no member profile.")
    return member
