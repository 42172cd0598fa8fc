"""A time one member of a relationship proposes to the other, kept so both can add it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse

from trellis.connections.models.relationships import Relationship
from trellis.people.models import Member
from trellis.text import limits
from trellis.web.validators import multi_line, one_line

MIN_MINUTES = 10
MAX_MINUTES = 240
MAX_PLACE = limits.MEETING_PLACE
MAX_LINK = limits.MEETING_LINK
MAX_NOTE = limits.MEETING_NOTE


def link_problem(link: str) -> str | None:
    """Why a meeting link is refused, if it is: a whole https address."""
    try:
        URLValidator(schemes=["https"])(link)
    except ValidationError:
        return "Give a link that starts with https://, such as https://meet.example.org/you."
    return None


def _check_link(link: str) -> None:
    problem = link_problem(link)
    if problem:
        raise ValidationError(problem)


class MeetingProposal(models.Model):
    """When and where to talk, as one of the pair proposed it (stored in UTC)."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="meetings"
    )
    proposer = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_MINUTES), MaxValueValidator(MAX_MINUTES)]
    )
    place = models.CharField(max_length=MAX_PLACE, blank=True, validators=[one_line("Where")])
    link = models.CharField(max_length=MAX_LINK, blank=True, validators=[_check_link])
    note = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_NOTE), multi_line("Note")]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="", link=""), name="a_meeting_says_where_or_how"
            )
        ]
        indexes = [models.Index(fields=["relationship", "starts_at"])]

    def __str__(self) -> str:
        return f"Meeting {self.pk} of relationship {self.relationship_id} at {self.starts_at}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def get_ics_url(self) -> str:
        return reverse("connections:meeting_ics", args=[self.relationship_id, self.pk])

    def clean(self) -> None:
        super().clean()
        if not (self.place.strip() or self.link.strip()):
            raise ValidationError({"place": "Say where you will meet: a place or a link."})
