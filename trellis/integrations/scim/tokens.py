"""Provisioning tokens: made (shown once), listed, revoked, checked.

A token reads `scim_` followed by 43 URL-safe characters (32 random bytes); the database
keeps its SHA-256 digest (a fast hash is enough for 256 random bits) and its first
characters. Making and revoking one is audit-logged, by name, never by value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from trellis.accounts.models import User
from trellis.accounts.secrets import digest_of, new_secret
from trellis.audit.log import record
from trellis.integrations.scim.models import ScimToken
from trellis.text.characters import character_problem

TOKEN_PREFIX = "scim_"
PREFIX_SHOWN = 8
MAX_NAME = 100
MAX_LIVE_TOKENS = 10
LISTED = 50
# last_used_at is written at most this often per token, so a busy sync is not one write
# per request.
USE_RECORDED_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class MadeToken:
    """A token just made: the row, and the token itself (never stored, shown once)."""

    token: ScimToken
    secret: str


def tokens_listed() -> QuerySet[ScimToken]:
    """The newest tokens, revoked ones included."""
    return ScimToken.objects.select_related("created_by")[:LISTED]


def scim_token_create(*, name: str, by: User) -> MadeToken:
    """Make a provisioning token; ValidationError naming the problem, nothing written."""
    name = name.strip()
    problem = character_problem(name, multiline=False, label="Name")
    if not name:
        problem = "Give the token a name, e.g. the identity provider it is for."
    elif len(name) > MAX_NAME:
        problem = f"The name is {len(name)} characters long; the limit is {MAX_NAME}."
    with transaction.atomic():
        if not problem and ScimToken.objects.filter(revoked_at=None).count() >= MAX_LIVE_TOKENS:
            problem = f"{MAX_LIVE_TOKENS} tokens are in use; revoke one no longer needed first."
        if problem:
            raise ValidationError({"name": problem})
        secret = new_secret(TOKEN_PREFIX)
        token = ScimToken.objects.create(
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + PREFIX_SHOWN],
            digest=digest_of(secret),
            created_by=by,
        )
        record("scim_token.created", actor=by, target=f"scim token {token.pk}", name=name)
    return MadeToken(token=token, secret=secret)


def scim_token_revoke(*, token_id: int, by: User) -> ScimToken:
    """Revoke a token (ScimToken.DoesNotExist if there is none); doing it twice is fine."""
    with transaction.atomic():
        token = ScimToken.objects.select_for_update().get(pk=token_id)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("scim_token.revoked", actor=by, target=f"scim token {token.pk}")
    return token


def scim_token_for_secret(secret: str) -> ScimToken | None:
    """The live token a request presented; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return ScimToken.objects.filter(digest=digest_of(secret), revoked_at=None).first()


def scim_token_used(token: ScimToken) -> None:
    """Note that the token was used (at most once per USE_RECORDED_EVERY)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORDED_EVERY:
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
