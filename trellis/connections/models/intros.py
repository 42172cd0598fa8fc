from __future__ import annotations

from datetime import datetime

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from trellis.people.models import Member
from trellis.text import limits
from trellis.web.validators import multi_line

MAX_MESSAGE = limits.INTRO_MESSAGE
MAX_REASON = limits.REASON
# How a sender knows an intro that ended unanswered (declined, expired) and how its
# recipient knows one that expired or was withdrawn: the two never learn which it was.
NO_LONGER_OPEN = "no_longer_open"


class Origin(models.TextChoices):
    """What two members met over: a suggestion, a profile, a post, an initiative, or one of
    them asking someone who could help with a problem of theirs."""

    SUGGESTION = "suggestion", "A suggestion"
    PROFILE = "profile", "A profile"
    POST = "post", "A post"
    INITIATIVE = "initiative", "An initiative"
    HELP = "help", "Who could help"


class Intro(models.Model):
    """A message from one member to another, grounded in something the two share."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    sender = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="intros_sent")
    recipient = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="intros_received")
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.PROFILE)
    suggestion = models.ForeignKey(
        "matching.Suggestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The suggestion it came from, if any.",
    )
    post = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intros",
        help_text="The recipient's post it answers, if any.",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intros",
        help_text="The initiative the two worked on together, if it comes from one.",
    )
    shared = models.JSONField(
        default=list, blank=True, help_text="The topics and phrases the two share."
    )
    message = models.TextField(validators=[MaxLengthValidator(MAX_MESSAGE), multi_line("Message")])
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    findings = models.JSONField(
        default=list, blank=True, help_text="What the ask linter noticed when it was sent."
    )
    # Read by the member who declined, and nobody else.
    decline_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_REASON), multi_line("Why")]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="When it stopped waiting: accepted, declined, …"
    )
    # A sender never learns of a decline, so they may still "withdraw" an intro that was
    # declined: it then reads withdrawn to them, and declined to its recipient.
    sender_withdrew_at = models.DateTimeField(
        null=True, blank=True, help_text="When its sender withdrew it after it was declined."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="intro_not_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(state__in=["draft", "sent"]),
                name="one_open_intro_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(sent_at__isnull=False, expires_at__isnull=False),
                name="a_sent_intro_has_its_dates",
            ),
            models.CheckConstraint(
                condition=Q(state="declined") | Q(decline_reason=""),
                name="only_a_declined_intro_has_a_reason",
            ),
        ]
        indexes = [
            # With expires_at, so a member's waiting intros ("sent, not expired"), sent or
            # received, are one index search on every database: SQLite without statistics
            # otherwise prefers (state, expires_at) and reads every waiting intro of the
            # organisation.
            models.Index(fields=["sender", "state", "expires_at"]),
            models.Index(fields=["recipient", "state", "expires_at"]),
            models.Index(fields=["state", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"Intro {self.pk}: {self.sender_id} → {self.recipient_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("connections:intro_detail", args=[self.pk])

    def is_open(self, now: datetime | None = None) -> bool:
        """Sent, and neither answered nor past its expiry."""
        now = now or timezone.now()
        return (
            self.state == self.State.SENT and self.expires_at is not None and self.expires_at > now
        )

    def looks_open_to(self, member_id: int, now: datetime | None = None) -> bool:
        """Whether `member_id` sees it waiting for an answer: a sender sees an intro that
        was declined exactly as one still waiting, until it would have expired."""
        now = now or timezone.now()
        if member_id != self.sender_id or self.state != self.State.DECLINED:
            return self.is_open(now)
        return (
            self.sender_withdrew_at is None
            and self.expires_at is not None
            and (self.expires_at > now)
        )

    @property
    def open_to_sender(self) -> bool:
        """`looks_open_to` for its sender, now (for templates)."""
        return self.looks_open_to(self.sender_id)

    def known_state_for(self, member_id: int, now: datetime | None = None) -> str:
        """The state as `member_id` may know it, as a code (a `KNOWN_STATES` key).

        A sender never learns of a decline: a declined intro reads to its sender as one
        still waiting ("sent") until it would have expired, then "no_longer_open" as an
        expired one does (or "withdrawn", if they withdrew it meanwhile); an expiry or a
        withdrawal reads "no_longer_open" to the recipient.
        """
        now = now or timezone.now()
        if member_id == self.sender_id and self.state == self.State.DECLINED:
            if self.sender_withdrew_at is not None:
                return str(self.State.WITHDRAWN)
            return str(self.State.SENT) if self.looks_open_to(member_id, now) else NO_LONGER_OPEN
        if self.state == self.State.SENT and not self.is_open(now):
            return NO_LONGER_OPEN
        if member_id == self.sender_id and self.state == self.State.EXPIRED:
            return NO_LONGER_OPEN
        if member_id == self.recipient_id and self.state in (
            self.State.EXPIRED,
            self.State.WITHDRAWN,
        ):
            return NO_LONGER_OPEN
        return str(self.state)

    def state_for(self, member_id: int, now: datetime | None = None) -> str:
        """`known_state_for` in words: "Waiting for your answer" to the recipient."""
        known = self.known_state_for(member_id, now)
        if member_id == self.recipient_id and known == self.State.SENT:
            return "Waiting for your answer"
        return KNOWN_STATES[known]


# Every state an intro may be known in (`Intro.known_state_for`), with its words.
KNOWN_STATES: dict[str, str] = {
    **dict(Intro.State.choices),
    NO_LONGER_OPEN: "No longer open",
}
