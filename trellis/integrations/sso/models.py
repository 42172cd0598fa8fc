"""Which identity at the provider is which Trellis login."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SsoIdentity(models.Model):
    """A login's identity at an OpenID provider: the issuer and the subject (`sub`) it
    gave on the first sign-in, so a later change of e-mail there keeps the same login."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_one_login_per_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="sso_one_subject_per_login"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
