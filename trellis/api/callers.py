"""Who the caller is, as the selectors and services want them. No rules live here.

`member_of` gives the caller's member profile (an operator's login without one gets 404,
as the pages give it); `organiser_only` refuses anyone the organiser pages refuse, with
the same 404, so an endpoint never tells a member that something is there.
"""

from __future__ import annotations

from django.http import HttpRequest

from trellis.api.errors import not_found
from trellis.people.models import Member
from trellis.people.requests import request_member


def member_of(request: HttpRequest) -> Member:
    """The calling member; 404 for a login with no member profile."""
    member = request_member(request)
    if member is None:
        raise not_found()
    return member


def organiser_only(request: HttpRequest) -> None:
    """Refuse (404) anyone who is not an organiser or a superuser, as the pages do."""
    user = request.user
    if not (user.is_organiser or user.is_superuser):
        raise not_found()
