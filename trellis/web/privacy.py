"""Pages for a signed-in person are theirs alone: no shared cache or browser store keeps them.

A journal, an intro or a relationship page left in a proxy's cache or the browser's
back-forward store of a shared computer would show private text to the next person, so
every response to a signed-in request says `Cache-Control: private, no-store` (unless its
view chose a policy itself). Static files are served before this middleware and keep
their long caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivatePagesNotStored:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
