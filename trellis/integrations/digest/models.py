"""A week's digest run and the members it was sent to."""

from __future__ import annotations

from django.db import models

from trellis.people.models import Member


class DigestRun(models.Model):
    """The digest of one ISO week: queued once, sent by the worker in batches."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        DONE = "done", "Sent"

    week = models.CharField(
        max_length=8, unique=True, help_text='The ISO week it is for, e.g. "2026-W50".'
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0, help_text="E-mails sent so far.")
    skipped = models.PositiveIntegerField(
        default=0, help_text="Members looked at with nothing to tell them this week."
    )

    class Meta:
        ordering = ["-week"]

    def __str__(self) -> str:
        return f"Digest {self.week} ({self.state})"


class DigestDelivery(models.Model):
    """One member's digest of one week: written before it is sent, so a task run again
    never sends it twice; `sent_at` stays empty when the mail server refused it."""

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="digest_deliveries")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "member"], name="one_digest_per_member_a_week")
        ]

    def __str__(self) -> str:
        return f"Digest {self.run_id} to member {self.member_id}"
