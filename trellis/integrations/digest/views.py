"""The one-click unsubscribe address (RFC 8058): a GET shows a button, a POST unsubscribes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from trellis.integrations.digest import selectors, services
from trellis.integrations.digest.tokens import BadToken, member_id_of
from trellis.people.models import Member

ONE_CLICK = "One-Click"


def _bad_link(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return render(request, "digest/bad_link.html", {"problem": problem}, status=status)


def _masked(email: str) -> str:
    """ "ana@example.org" reads "a…@example.org": enough to recognise, little to a stranger
    the e-mail was forwarded to."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else "your address"


# Exempt from CSRF, and for this view only: mail providers POST here with no session and no
# token (RFC 8058). The signed token in the address is the proof instead, and all it can do
# is turn off one member's digest.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with an Unsubscribe button (mail scanners follow links, so a GET changes
    nothing). POST with List-Unsubscribe=One-Click: turn the member's digest off."""
    try:
        member_id = member_id_of(token)
    except BadToken as error:
        return _bad_link(request, str(error), status=400)
    if request.method == "GET":
        member = selectors.member_with_login(member_id=member_id)
        if member is None:
            return _bad_link(request, "This link is for an account that is gone.", status=404)
        context = {"masked_email": _masked(member.user.email)}
        return render(request, "digest/unsubscribe.html", context)
    if request.POST.get("List-Unsubscribe") != ONE_CLICK:
        problem = "An unsubscribe request must carry List-Unsubscribe=One-Click."
        return _bad_link(request, problem, status=400)
    try:
        services.digest_unsubscribe(token=token)
    except Member.DoesNotExist:
        return _bad_link(request, "This link is for an account that is gone.", status=404)
    return render(request, "digest/unsubscribed.html")
