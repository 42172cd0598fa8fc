"""Let the audit log see the request an action happens in, wherever it is recorded.

Services take the person acting (`organiser=…`), not the request, and model signals
(a role changed in the admin) take neither. So that every event still says who and
from where, this middleware keeps the current request in a context variable for
`trellis.audit.log.record` to fall back on. It is reset when the response leaves, so
nothing outlives its request (each thread or task has its own context).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being answered in this thread or task, if any (None in a command)."""
    return _current_request.get()


class RequestForAudit:
    """Keep the request in reach of the audit log while it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
