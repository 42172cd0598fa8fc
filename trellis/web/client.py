"""The address a request came from, as sign-in throttling and the audit log should see it.

Behind a reverse proxy every connection comes from the proxy, so counting failures by
REMOTE_ADDR would lock everyone out together. With TRELLIS_PROXY_COUNT=N (the proxies
in front of Trellis, each appending the address it saw to X-Forwarded-For), the client
is the N-th address from the right: the one the outermost trusted proxy saw. Anything
further left was written by the client itself and is never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the trusted X-Forwarded-For entry."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer hops than configured: the request did not come through every proxy.
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote
