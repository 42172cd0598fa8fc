"""Personal access tokens for the JSON API: made, listed, revoked, checked, rate-limited.

A token reads `trl_` followed by 43 URL-safe characters (32 random bytes). It is shown
once; the database keeps its SHA-256 digest and its first characters. A token acts for
its user with their roles (an organiser's token can do what the organiser can), limited
by its scope: `read` tokens may only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from trellis.accounts.models import AccessToken, User
from trellis.accounts.secrets import digest_of, new_secret
from trellis.audit.log import record
from trellis.text import characters

TOKEN_PREFIX = "trl_"
PREFIX_SHOWN = 8
EXPIRY_DAYS = (7, 30, 90, 365)
DEFAULT_EXPIRY_DAYS = 90
MAX_NAME = 100
MAX_LIVE_TOKENS = 20
# The tokens page lists this many, newest first (live ones are at most MAX_LIVE_TOKENS).
LISTED = 50
RATE_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class MadeToken:
    """A token just made: the row, and the token itself (never stored, shown once)."""

    token: AccessToken
    secret: str


def tokens_of(user: User) -> QuerySet[AccessToken]:
    """A user's tokens, newest first, revoked and expired ones included (for the list)."""
    return AccessToken.objects.filter(user=user)


def token_of(user: User, token_id: int) -> AccessToken:
    """One of the user's own tokens; anyone else's does not exist for them."""
    return AccessToken.objects.get(user=user, pk=token_id)


def token_validation_errors(*, name: str, scope: str, expires_in_days: int) -> dict[str, str]:
    """What is wrong with a new token's fields, by field; empty when they are fine."""
    errors: dict[str, str] = {}
    cleaned = (name or "").strip()
    if not cleaned:
        errors["name"] = "Give the token a name, so you know later what uses it."
    elif len(cleaned) > MAX_NAME:
        errors["name"] = f"Keep the name to {MAX_NAME} characters (it has {len(cleaned)})."
    elif problem := characters.character_problem(cleaned, multiline=False, label="Name"):
        errors["name"] = problem
    if scope not in AccessToken.Scope.values:
        errors["scope"] = "Choose read, or read and write."
    if expires_in_days not in EXPIRY_DAYS:
        days = ", ".join(str(days) for days in EXPIRY_DAYS)
        errors["expires_in_days"] = f"A token lasts {days} days."
    return errors


def token_create(
    *, user: User, name: str, scope: str, expires_in_days: int = DEFAULT_EXPIRY_DAYS
) -> MadeToken:
    """Make a token for `user`; ValidationError (by field) and nothing written if refused."""
    errors = token_validation_errors(name=name, scope=scope, expires_in_days=expires_in_days)
    now = timezone.now()
    with transaction.atomic():
        live = AccessToken.objects.filter(user=user, revoked_at=None, expires_at__gt=now)
        if not errors and live.count() >= MAX_LIVE_TOKENS:
            errors["name"] = (
                f"You have {MAX_LIVE_TOKENS} tokens in use; revoke one you no longer need first."
            )
        if errors:
            raise ValidationError(errors)
        secret = new_secret(TOKEN_PREFIX)
        token = AccessToken.objects.create(
            user=user,
            name=name.strip(),
            scope=scope,
            prefix=secret[: len(TOKEN_PREFIX) + PREFIX_SHOWN],
            digest=digest_of(secret),
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days),
        )
        record(
            "token.created", actor=user, target=f"token {token.pk}", name=token.name, scope=scope
        )
    return MadeToken(token=token, secret=secret)


def token_revoke(*, user: User, token_id: int) -> AccessToken:
    """Revoke one of the user's tokens (DoesNotExist for anyone else's); idempotent."""
    with transaction.atomic():
        token = AccessToken.objects.select_for_update().get(user=user, pk=token_id)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("token.revoked", actor=user, target=f"token {token.pk}")
    return token


def token_for_secret(secret: str) -> AccessToken | None:
    """The usable token a request presented, with its user; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


def rate_limit() -> int:
    return settings.API_RATE_LIMIT_PER_MINUTE


def count_request(token: AccessToken, *, now: datetime | None = None) -> float | None:
    """Count one request against the token's window; seconds to wait if over its limit.

    Two conditional UPDATEs, no read-modify-write, so concurrent workers count exactly:
    the first adds one inside an open window under the limit; the second opens a new
    window when the old one is over. When neither matches, the window is full.
    """
    now = now or timezone.now()
    window_open = now - RATE_WINDOW
    tokens = AccessToken.objects.filter(pk=token.pk)
    counted = tokens.filter(window_started_at__gt=window_open, window_requests__lt=rate_limit())
    if counted.update(window_requests=F("window_requests") + 1, last_used_at=now):
        return None
    stale = tokens.filter(Q(window_started_at__lte=window_open) | Q(window_started_at=None))
    if stale.update(window_started_at=now, window_requests=1, last_used_at=now):
        return None
    started = tokens.values_list("window_started_at", flat=True).first() or now
    return max(1.0, (started + RATE_WINDOW - now).total_seconds())
