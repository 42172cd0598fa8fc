"""Secrets Trellis hands out once and keeps only a digest of.

API tokens, SCIM provisioning tokens and calendar feed addresses are all 32 random bytes
(URL-safe), shown once; the database keeps their SHA-256 digest. A fast hash is enough
for 256 random bits: nobody can guess one back from its digest.
"""

from __future__ import annotations

import hashlib
import secrets

SECRET_BYTES = 32


def new_secret(prefix: str = "") -> str:
    """A fresh secret, after `prefix` (which says what it is: `trl_`, `scim_`)."""
    return prefix + secrets.token_urlsafe(SECRET_BYTES)


def digest_of(secret: str) -> str:
    """The SHA-256 digest kept in place of a secret, in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
