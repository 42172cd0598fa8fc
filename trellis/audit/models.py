"""One row per thing an operator may need to account for later.

An event names the action, the person who did it (kept as a label too, so the trail
survives the account), the thing it was done to, the client address and a few plain
details. It never holds a message body, a reflection, a reason or a password: callers
pass identifiers and counts, and `trellis.audit.log.record` refuses anything else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One thing done: what, by whom, to what, when and from where."""

    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=60, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    target = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            # The page's "by" filter: one person's events, newest first.
            models.Index(fields=["actor_label", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} by {self.actor_label or 'nobody'}"
