"""Who is calling: a personal access token (`Authorization: Bearer trl_…`) or the session.

A token acts for its user with that user's roles, within its scope: a `read` token may
only use GET. The session serves the app's own pages; a session write must carry the CSRF
token (`X-CSRFToken`), as a form does. Either way `request.user` is the caller, so the
selectors and services below see the same person the pages would.

Each token's requests are counted per minute in the database (`count_request`), so the
limit holds across every server worker; the session is limited by the pages' own rules.
"""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from trellis.accounts.access_tokens import count_request, token_for_secret
from trellis.accounts.models import AccessToken
from trellis.api.errors import ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A personal access token in the Authorization header."""

    openapi_description = "A personal access token (make one at /accounts/tokens/)."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for_secret(token)
        if found is None:
            # A token that does not work is refused outright, never passed on to the
            # session: a revoked token must not keep working from a signed-in browser.
            raise AuthenticationError()
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError(403, "This token may only read; make a read and write token.")
        request.user = found.user
        request.__dict__.pop("_current_member", None)  # read for the token's user from now
        request.access_token = found
        return found.user


class ActiveSession(SessionAuth):
    """The signed-in session of the app's own pages (CSRF checked on writes)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


class PerTokenRate(BaseThrottle):
    """TRELLIS_API_RATE_LIMIT requests a minute for each token; the session is not counted."""

    def __init__(self) -> None:
        # One instance serves every request; the wait belongs to the thread asking.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        token: AccessToken | None = getattr(request, "access_token", None)
        self._local.wait = None if token is None else count_request(token)
        return self._local.wait is None

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


# Order matters: a request with a token is the token's, even from a signed-in browser.
AUTH = [TokenAuth(), ActiveSession()]
