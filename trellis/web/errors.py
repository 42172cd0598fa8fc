"""Error pages: 403, 404, 405, 413, 500 and a refused form (CSRF), in the site's layout.

Each says what happened in plain words and what to do next. The 500 page renders from
the template alone (no request context): it needs neither the database nor a signed-in
user, since either may be what failed. A 405 (a GET on an address that only takes a
button's POST) is turned into a page by `MethodNotAllowedPage`, for every view at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import Resolver404, resolve
from django.views import defaults


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: no page here; the way home and to the directory."""
    return HttpResponseNotFound(loader.render_to_string("errors/404.html", request=request))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: a page that is not this person's to see."""
    return HttpResponseForbidden(loader.render_to_string("errors/403.html", request=request))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: rendered without the request, so without the database or the session."""
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))


def request_too_large(request: HttpRequest, *, limit: int) -> HttpResponse:
    """413: a request body over its limit (`request_size`), refused before it is read."""
    content = loader.render_to_string(
        "errors/413.html", {"limit_kib": max(1, limit // 1024)}, request=request
    )
    return HttpResponse(content, status=413)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a body Django found too big once reading it (no declared length) is the
    413 page too; any other bad request is Django's own 400."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form that came back too late, or from another session."""
    return HttpResponseForbidden(loader.render_to_string("errors/403_csrf.html", request=request))


def page_of_action(path: str) -> str | None:
    """The page an action address belongs to: its nearest parent path that is a page.

    `/posts/3/delete/` belongs to `/posts/3/`. None when only the home page is left,
    which would say nothing (the action may sit on any page, like "Sign out").
    """
    segments = [segment for segment in path.strip("/").split("/") if segment]
    for end in range(len(segments) - 1, 0, -1):
        candidate = "/" + "/".join(segments[:end]) + "/"
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return None


def method_not_allowed(request: HttpRequest, allowed: list[str]) -> HttpResponse:
    """A 405 in the site's layout: this address is a button's, not a page to open."""
    content = loader.render_to_string(
        "errors/405.html",
        {"page_of_action": page_of_action(request.path), "method": request.method},
        request=request,
    )
    return HttpResponseNotAllowed(allowed, content)


class MethodNotAllowedPage:
    """Middleware: any bare HttpResponseNotAllowed (`require_POST` and friends) becomes a
    page that explains itself, keeping status 405 and its Allow header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            isinstance(response, HttpResponseNotAllowed)
            and not response.content
            and request.accepts("text/html")
        ):
            allowed = [method.strip() for method in response["Allow"].split(",") if method]
            return method_not_allowed(request, allowed)
        return response
