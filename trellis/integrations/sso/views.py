"""The sign-in button's start and the provider's callback (mozilla-django-oidc's views).

The start is a POST (the button's form, with its CSRF token), so that no GET writes: it
puts the state, nonce and PKCE verifier in the session and redirects to the provider.
The callback is the provider's GET; it answers a refusal with a page that says why and
what to do, in the site's layout, and records it in the audit log like a refused
password sign-in.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from trellis.audit.log import record
from trellis.integrations.sso.discovery import ProviderUnavailable, provider_endpoints
from trellis.integrations.sso.services import Refusal, SsoRefused

logger = logging.getLogger(__name__)
FORBIDDEN, BAD_REQUEST, BAD_GATEWAY = 403, 400, 502


def _failed(request: HttpRequest, *, why: str, status: int) -> HttpResponse:
    """The sign-in did not complete: logged with the reason, answered without it."""
    logger.warning("Single sign-on failed: %s", why)
    record("sign_in.failed", request=request, method="sso", reason=why[:200])
    template = "sso/unavailable.html" if status == BAD_GATEWAY else "sso/failed.html"
    return render(request, template, status=status)


def _refused(request: HttpRequest, refused: SsoRefused) -> HttpResponse:
    record(
        "sign_in.failed",
        request=request,
        target=refused.email,
        method="sso",
        reason=refused.reason.value,
    )
    context = {
        "reason": refused.reason.value,
        "email": refused.email,
        "domains": settings.SSO.allowed_domains,
        "help_contact": settings.SSO.help_contact,
        "Refusal": {choice.name: choice.value for choice in Refusal},
    }
    return render(request, "sso/refused.html", context, status=FORBIDDEN)


class SsoStart(OIDCAuthenticationRequestView):
    """POST: off to the provider, with state, nonce and a PKCE challenge."""

    http_method_names = ["post"]

    def __init__(self, **kwargs) -> None:
        # The library reads the endpoints here; they are only known once discovered.
        View.__init__(self, **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not settings.SSO.enabled:
            raise Http404("Single sign-on is off.")
        try:
            endpoints = provider_endpoints()
        except ProviderUnavailable as error:
            return _failed(request, why=f"discovery: {error}", status=BAD_GATEWAY)
        self.OIDC_OP_AUTH_ENDPOINT = endpoints.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.SSO.client_id
        return self.get(request)


class SsoCallback(OIDCAuthenticationCallbackView):
    """GET from the provider: the code is exchanged, the ID token checked, the person
    signed in, refused with a page saying why, or the attempt dropped (bad state)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.SSO.enabled:
            raise Http404("Single sign-on is off.")
        try:
            return super().get(request)
        except SsoRefused as refused:
            return _refused(request, refused)
        except (SuspiciousOperation, ValidationError) as error:
            # A state not started here (or used already), a bad nonce or ID token.
            return _failed(request, why=str(error), status=BAD_REQUEST)
        except (ProviderUnavailable, requests.RequestException) as error:
            return _failed(request, why=f"provider: {error}", status=BAD_GATEWAY)

    def login_failure(self) -> HttpResponse:
        return _failed(self.request, why="no sign-in started in this browser", status=BAD_REQUEST)


sso_start = SsoStart.as_view()
sso_callback = SsoCallback.as_view()
