"""A webhook an organiser configured, and each message sent (or to send) to it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from trellis.people.models import Topic
from trellis.web.validators import CleanText

MAX_NAME = 80
MAX_URL = 500


class Webhook(models.Model):
    """Where a chat channel receives Trellis's public news, in the format it reads."""

    class Format(models.TextChoices):
        SLACK = "slack", "Slack incoming webhook"
        TEAMS = "teams", "Microsoft Teams (Adaptive Card, Workflows or incoming webhook)"
        SIGNED = "signed", "Signed JSON (any receiver)"

    name = models.CharField(max_length=MAX_NAME, validators=[CleanText("Name")])
    url = models.URLField(max_length=MAX_URL, validators=[CleanText("Address")])
    format = models.CharField(max_length=10, choices=Format.choices)
    # Only the signed format uses it: the receiver checks each message's HMAC with it. It is
    # shown once, when the webhook is made, and kept only to sign.
    secret = models.CharField(max_length=64, blank=True, editable=False)
    on_round_published = models.BooleanField(default=False)
    on_initiative_opened = models.BooleanField(default=False)
    nudge_topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The topic of the weekly “who could help” nudge; empty: no nudge.",
    )
    last_nudged_at = models.DateTimeField(null=True, blank=True, editable=False)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def signed(self) -> bool:
        return self.format == self.Format.SIGNED


class Delivery(models.Model):
    """One message to one webhook: its body as sent, and how sending it went."""

    class Event(models.TextChoices):
        TEST = "test", "Test message"
        ROUND_PUBLISHED = "round.published", "Round published"
        INITIATIVE_OPENED = "initiative.opened", "Initiative looking for volunteers"
        WEEKLY_NUDGE = "topic.could_help", "Weekly “who could help”"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will retry"
        GIVEN_UP = "given_up", "Given up"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=Event.choices)
    # The same on every attempt (X-Trellis-Delivery), so a receiver can drop duplicates.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.TextField(help_text="The JSON sent, exactly (the signature covers it).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["webhook", "-created_at", "-id"], name="chat_delivery_newest"),
            models.Index(fields=["status", "next_attempt_at"], name="chat_delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} to webhook {self.webhook_id} ({self.status})"

    @property
    def waiting(self) -> bool:
        """Not sent and not given up: an attempt is still to come."""
        return self.status in (self.Status.PENDING, self.Status.FAILED)
