"""htmx requests: when a view answers with a fragment instead of the whole page."""

from __future__ import annotations

from django.http import HttpRequest


def is_partial(request: HttpRequest) -> bool:
    """An htmx swap (not a history restore), which wants a fragment rather than a page."""
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request


def page_or_partial(request: HttpRequest, page: str, partial: str) -> str:
    """The fragment's template for an htmx swap; the whole page's otherwise."""
    return partial if is_partial(request) else page
