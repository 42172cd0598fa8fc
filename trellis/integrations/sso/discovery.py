"""The provider's endpoints, read from its discovery document on the first sign-in.

Nothing is fetched at start-up (Trellis starts even when the provider is down); the
document is fetched when someone first presses the sign-in button and kept in this
process for an hour, so the provider can rotate its endpoints or keys without a restart
and a sign-in costs no extra round trip in between.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings

from trellis.env import EnvError
from trellis.integrations.sso.config import check_issuer

KEEP_SECONDS = 3600
TIMEOUT_SECONDS = 10
WELL_KNOWN = "/.well-known/openid-configuration"
REQUIRED = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or is not usable."""


@dataclass(frozen=True)
class ProviderEndpoints:
    """What Trellis needs from the provider's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str = ""


_kept: dict[str, tuple[float, ProviderEndpoints]] = {}
_lock = threading.Lock()


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + WELL_KNOWN


def endpoints_from(document: object, *, issuer: str) -> ProviderEndpoints:
    """The endpoints of a discovery document that belongs to `issuer`, or refuse it."""
    if not isinstance(document, dict):
        raise ProviderUnavailable("the discovery document is not a JSON object")
    if document.get("issuer") != issuer:
        # OpenID Connect Discovery 1.0, section 4.3: the issuer must be the one asked.
        raise ProviderUnavailable(
            f"the discovery document names the issuer {document.get('issuer')!r}, "
            f"not TRELLIS_SSO_ISSUER={issuer!r}"
        )
    missing = [key for key in REQUIRED if not isinstance(document.get(key), str)]
    if missing:
        raise ProviderUnavailable(f"the discovery document has no {', '.join(missing)}")
    for key in (*REQUIRED, "end_session_endpoint"):
        if document.get(key):
            try:
                check_issuer(document[key])  # the same rule: https, or http on loopback
            except EnvError as error:
                raise ProviderUnavailable(f"{key}: {error}") from None
    return ProviderEndpoints(
        issuer=issuer,
        end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        **{key: document[key] for key in REQUIRED},
    )


def provider_endpoints(*, now: float | None = None) -> ProviderEndpoints:
    """The configured provider's endpoints, fetched at most once an hour per process."""
    issuer = settings.SSO.issuer
    now = time.monotonic() if now is None else now
    with _lock:
        kept = _kept.get(issuer)
        if kept and now - kept[0] < KEEP_SECONDS:
            return kept[1]
    try:
        response = requests.get(discovery_url(issuer), timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        endpoints = endpoints_from(response.json(), issuer=issuer)
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{discovery_url(issuer)}: {error}") from error
    with _lock:
        _kept[issuer] = (now, endpoints)
    return endpoints


def forget_endpoints() -> None:
    """Read the discovery document again on the next sign-in (tests; a new provider)."""
    with _lock:
        _kept.clear()
