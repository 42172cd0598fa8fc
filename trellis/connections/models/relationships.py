from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from trellis.connections.models.intros import MAX_REASON, Intro, Origin
from trellis.people.models import Member, Topic
from trellis.text import limits
from trellis.web.validators import multi_line, one_line

MAX_TEXT = limits.EXCHANGE_TEXT
MAX_REFLECTION = limits.REFLECTION


class Relationship(models.Model):
    """Two members learning from each other: how it began, and whether it is active."""

    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        DORMANT = "dormant", "Resting"
        CLOSED = "closed", "Closed"

    # Stored with member_a the lower id: a peer pair, not mentor and mentee.
    member_a = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    member_b = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.PROFILE)
    intro = models.OneToOneField(
        Intro, null=True, blank=True, on_delete=models.SET_NULL, related_name="relationship"
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    started_at = models.DateTimeField(default=timezone.now)
    last_exchange_at = models.DateTimeField(null=True, blank=True)
    # Set when both were told it is resting; cleared when either records an exchange,
    # so nobody is told twice about the same quiet spell.
    resting_notified_at = models.DateTimeField(null=True, blank=True)
    follow_up_notified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Read by the member who closed it, and nobody else.
    closed_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_REASON), multi_line("Why")]
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_a__lt=F("member_b")), name="relationship_pair_in_order"
            ),
            models.UniqueConstraint(
                fields=["member_a", "member_b"],
                condition=~Q(state="closed"),
                name="one_open_relationship_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(state="closed", closed_at__isnull=False)
                | (
                    ~Q(state="closed")
                    & Q(closed_at__isnull=True, closed_by__isnull=True, closed_reason="")
                ),
                name="only_a_closed_relationship_has_closing_details",
            ),
        ]
        indexes = [
            models.Index(fields=["member_a", "state"]),
            models.Index(fields=["member_b", "state"]),
        ]

    def __str__(self) -> str:
        return f"Relationship {self.pk}: {self.member_a_id} + {self.member_b_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("connections:relationship_detail", args=[self.pk])

    def has_member(self, member_id: int) -> bool:
        return member_id in (self.member_a_id, self.member_b_id)

    def other(self, member_id: int) -> Member:
        """The other one of the pair, seen from `member_id`."""
        return self.member_b if member_id == self.member_a_id else self.member_a

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED


class Exchange(models.Model):
    """One side's record of a conversation: what they shared and what they learned."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="exchanges"
    )
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="exchanges")
    date = models.DateField()
    # Vocabulary topics rather than free names: synonyms fold together ("k8s" is
    # Kubernetes), so reciprocity and topic pages can count them; the member's own
    # words stay in what_i_shared and what_i_learned.
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    what_i_shared = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_TEXT), multi_line("What I shared")]
    )
    what_i_learned = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_TEXT), multi_line("What I learned")]
    )
    note = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_TEXT), multi_line("Note")],
        help_text="Seen by both members of the relationship, nobody else.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(what_i_shared="", what_i_learned=""),
                name="an_exchange_says_what_was_shared_or_learned",
            )
        ]

    def __str__(self) -> str:
        return f"Exchange {self.pk} by {self.author_id} on {self.date}"


class Reflection(models.Model):
    """A private journal entry, readable by its author only."""

    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reflections")
    # No reverse accessor: an exchange is seen by two people, its reflections by one.
    exchange = models.ForeignKey(
        Exchange, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prompt = models.CharField(max_length=300, blank=True, validators=[one_line("Prompt")])
    body = models.TextField(
        validators=[MaxLengthValidator(MAX_REFLECTION), multi_line("Your reflection")]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        return f"Reflection {self.pk}"  # never its words: this shows up in logs and shells

    def get_absolute_url(self) -> str:
        return reverse("connections:reflection_detail", args=[self.pk])
