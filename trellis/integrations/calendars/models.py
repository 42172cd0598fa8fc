"""A member's secret calendar feed address, kept only as a digest."""

from __future__ import annotations

from django.db import models

from trellis.people.models import Member


class CalendarFeed(models.Model):
    """A member's one live feed address: the SHA-256 of its secret, never the secret.

    The secret is 256 random bits, so a fast hash is enough (as for API tokens). Keeping
    only the digest means a copy of the database (a backup, a leaked dump) opens nobody's
    calendar; the price is that the address is shown once, when it is made, and a member
    who loses it makes a new one (which is also how it is replaced).
    """

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of member {self.member_id}"
