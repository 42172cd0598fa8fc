"""The tokens an identity provider presents to provision members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from trellis.web.validators import one_line


class ScimToken(models.Model):
    """A bearer token for /scim/v2/, made and revoked by an organiser.

    It belongs to the organisation, not to the organiser who made it (their leaving must
    not stop provisioning), so it is not an API access token. Only a SHA-256 digest of
    it is kept; it is shown once. `prefix` tells tokens apart in the list.
    """

    name = models.CharField(max_length=100, validators=[one_line("Name")])
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
