from __future__ import annotations

from django.db import models
from django.db.models import Q

from trellis.people.models import Member


class Notification(models.Model):
    """Something a member should know about, listed in the app until they read it."""

    class Kind(models.TextChoices):
        INTRO_RECEIVED = "intro_received", "Someone sent you an intro"
        INTRO_ACCEPTED = "intro_accepted", "Someone accepted your intro"
        RELATIONSHIP_RESTING = "relationship_resting", "A relationship is resting"
        FOLLOW_UP = "follow_up", "A prompt to follow up"
        VOLUNTEER_OFFERED = "volunteer_offered", "Someone offered to help with your initiative"
        VOLUNTEER_ACCEPTED = "volunteer_accepted", "A lead welcomed you onto their initiative"
        VOLUNTEER_DECLINED = "volunteer_declined", "An offer of yours was not taken up"
        INITIATIVE_DONE = "initiative_done", "An initiative you worked on is done"
        OBSERVATION_RECEIVED = "observation_received", "Someone recorded work they saw you do"
        REPLY_RECEIVED = "reply_received", "Someone replied to your post"
        REPLY_HELPED = "reply_helped", "Someone said your reply helped"
        ROUND_PUBLISHED = "round_published", "A matching round suggested someone for you"

    recipient = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, help_text="A path on this site, e.g. /intros/3/.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="/"), name="a_notification_links_to_this_site"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"Notification {self.pk} ({self.kind}) for {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a member gets one kind of notification in the app and by e-mail."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=Notification.Kind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        ordering = ["member", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.kind} (app {self.in_app}, e-mail {self.email})"


class DigestPreference(models.Model):
    """Whether a member gets the weekly e-mail digest (no row: they do, once it is on).

    One row per member, not a kind of NotificationPreference: the digest is one e-mail
    about many things, with no in-app side.
    """

    member = models.OneToOneField(
        Member, primary_key=True, on_delete=models.CASCADE, related_name="digest_preference"
    )
    weekly_digest = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.member_id}: weekly digest {'on' if self.weekly_digest else 'off'}"
