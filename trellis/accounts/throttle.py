"""Throttling sign-in, password-reset requests and invitation claims.

Sign-in: django-axes counts failed sign-ins in the database (so every server worker
sees one count), by the account typed and by the client address separately; at
TRELLIS_SIGN_IN_FAILURE_LIMIT either one is locked out for
TRELLIS_SIGN_IN_LOCKOUT_MINUTES. The settings block in trellis/settings.py wires axes
to the functions here.

Password reset and claim: counted here in `ThrottledRequest` rows (the database again,
not a per-process cache). A reset sends at most TRELLIS_PASSWORD_RESET_EMAIL_LIMIT
e-mails to one address, and one client address may ask TRELLIS_SIGN_IN_FAILURE_LIMIT
times, in the lockout time; beyond that the same "if an account uses that address…"
page answers and nothing is sent, so the page never tells whether an account exists.
A client address that opened TRELLIS_SIGN_IN_FAILURE_LIMIT invalid invitation links
gets the lockout page for every invitation link until its time is over.

The lockout page says the same words whatever was typed: "Too many attempts. Try again
in N minutes or ask an operator."
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from trellis.accounts.models import ThrottledRequest
from trellis.audit.log import one_line, record
from trellis.web.client import client_address

LOCKOUT_TEMPLATE = "accounts/locked_out.html"
TOO_MANY_REQUESTS = 429
Kind = ThrottledRequest.Kind


def lockout_window() -> timedelta:
    return timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)


def normalised_account(typed: str | None) -> str:
    """An e-mail address as sign-in compares it: trimmed and lower-cased."""
    return (typed or "").strip().lower()


def typed_account(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account a sign-in attempt named, for axes (AXES_USERNAME_CALLABLE).

    Lower-cased so "Ana@Example.org" and "ana@example.org" share one count, exactly as
    they share one account.
    """
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = getattr(request, "POST", {}).get("username")
    return normalised_account(typed)


def lockout_page(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lockout page (AXES_LOCKOUT_CALLABLE): 429, the same words for any account."""
    return render(
        request,
        LOCKOUT_TEMPLATE,
        {"minutes": settings.SIGN_IN_LOCKOUT_MINUTES},
        status=TOO_MANY_REQUESTS,
    )


def record_lockout(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    """Audit the moment an account or address is locked out (axes' user_locked_out).

    Axes sends the signal again for each attempt refused during a lockout; only the
    attempt that reached the limit has a failure count, so only it is recorded.
    """
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    record(
        "lockout.started",
        request=request,
        target=one_line(username or "", limit=200),
        failures=request.axes_failures_since_start,
    )


def _digest(value: str) -> str:
    return salted_hmac("trellis.accounts.throttle", value, algorithm="sha256").hexdigest()


def _recent(kind: str, value: str) -> int:
    since = timezone.now() - lockout_window()
    return ThrottledRequest.objects.filter(kind=kind, key=_digest(value), at__gte=since).count()


def _count(kind: str, value: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        # Forget whatever is older than the window, for every key: the table stays small.
        ThrottledRequest.objects.filter(at__lt=now - lockout_window()).delete()
        ThrottledRequest.objects.create(kind=kind, key=_digest(value), at=now)


def reset_email_allowed(*, request: HttpRequest, email: str) -> bool:
    """Count a password-reset request; say whether an e-mail may go to `email`.

    Every request counts against the client address, and one within its limit also
    against the e-mail address typed (whether or not an account uses it).
    """
    address = client_address(request) or "unknown"
    if _recent(Kind.RESET_ADDRESS, address) >= settings.SIGN_IN_FAILURE_LIMIT:
        return False
    _count(Kind.RESET_ADDRESS, address)
    account = normalised_account(email)
    if _recent(Kind.RESET_EMAIL, account) >= settings.PASSWORD_RESET_EMAIL_LIMIT:
        return False
    _count(Kind.RESET_EMAIL, account)
    return True


def claim_locked_out(request: HttpRequest) -> bool:
    """Whether this client address opened too many invalid invitation links lately."""
    address = client_address(request) or "unknown"
    return _recent(Kind.CLAIM_ADDRESS, address) >= settings.SIGN_IN_FAILURE_LIMIT


def count_invalid_claim(request: HttpRequest) -> None:
    _count(Kind.CLAIM_ADDRESS, client_address(request) or "unknown")


def lift_for_account(email: str) -> int:
    """Forget reset requests counted for an e-mail address; how many were forgotten."""
    deleted, _ = ThrottledRequest.objects.filter(
        kind=Kind.RESET_EMAIL, key=_digest(normalised_account(email))
    ).delete()
    return deleted


def lift_for_address(address: str) -> int:
    """Forget reset requests and invalid claims counted for a client address."""
    deleted, _ = ThrottledRequest.objects.filter(
        kind__in=[Kind.RESET_ADDRESS, Kind.CLAIM_ADDRESS], key=_digest(address)
    ).delete()
    return deleted


def lift_all() -> int:
    deleted, _ = ThrottledRequest.objects.all().delete()
    return deleted
