from __future__ import annotations

import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, URLValidator
from django.db import models
from django.urls import reverse

from trellis.text import limits
from trellis.text.normalise import fold
from trellis.web.validators import multi_line, one_line

MAX_CAPACITY = 20
MAX_LEVEL = 100
MAX_TAGS = limits.TAGS
MAX_TAG_LENGTH = limits.TAG
MAX_CHAT_HANDLE = limits.CHAT_HANDLE
MAX_BOOKING_LINK = limits.BOOKING_LINK
MAX_STATEMENT = limits.STATEMENT


def tags_problem(tags: list[str]) -> str | None:
    """Why a list of background or language tags is refused, if it is."""
    if len(tags) > MAX_TAGS:
        return f"Use at most {MAX_TAGS} tags; there are {len(tags)}."
    if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        return f"Keep each tag under {MAX_TAG_LENGTH} characters."
    return None


def chat_handle_problem(handle: str) -> str | None:
    """Why a chat handle is refused, if it is: one line of printable text (max_length apart)."""
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in handle):
        return "Write your chat handle on one line, without control characters."
    return None


def _check_tags(tags: object) -> None:
    problem = tags_problem(tags) if isinstance(tags, list) else "Give the tags as a list."
    if problem:
        raise ValidationError(problem)


def _statement(label: str, **kwargs) -> models.TextField:
    """A profile statement: free text up to `limits.STATEMENT` characters (a TextField's
    max_length binds only forms, so services get the validator too)."""
    checks = [MaxLengthValidator(MAX_STATEMENT), multi_line(label)]
    return models.TextField(blank=True, max_length=MAX_STATEMENT, validators=checks, **kwargs)


def booking_link_problem(link: str) -> str | None:
    """Why a booking link is refused, if it is: a whole https address (max_length apart)."""
    try:
        URLValidator(schemes=["https"])(link)
    except ValidationError:
        return "Give a booking link that starts with https://, such as https://cal.com/you."
    return None


def _check_chat_handle(handle: str) -> None:
    problem = chat_handle_problem(handle)
    if problem:
        raise ValidationError(problem)


def _check_booking_link(link: str) -> None:
    problem = booking_link_problem(link)
    if problem:
        raise ValidationError(problem)


class Topic(models.Model):
    """A professional topic of the shared vocabulary (e.g. Kubernetes, accessibility)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    area = models.CharField(max_length=40, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TopicAlias(models.Model):
    """Another way of writing a topic: a synonym, an abbreviation or its own name."""

    class Kind(models.TextChoices):
        NAME = "name"
        SYNONYM = "synonym"
        ABBREVIATION = "abbreviation"

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    case_sensitive = models.BooleanField(default=False)
    # Stems (or raw words when case-sensitive) joined by spaces: what text is matched on.
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["topic__name", "text"]
        verbose_name_plural = "topic aliases"

    def __str__(self) -> str:
        return f"{self.text} → {self.topic.name}"


class Member(models.Model):
    """A person in the network: who they are and what they work on, not their rank."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    display_name = models.CharField(max_length=limits.DISPLAY_NAME, validators=[one_line("Name")])
    # display_name lower-cased without accents: "élodie" finds "Élodie" on any database.
    search_name = models.CharField(max_length=150, blank=True, db_index=True, editable=False)
    discipline = models.CharField(
        max_length=limits.DISCIPLINE, blank=True, db_index=True, validators=[one_line("Discipline")]
    )
    background = models.JSONField(
        default=list,
        blank=True,
        help_text="Background tags.",
        validators=[_check_tags, one_line("Background")],
    )
    team = models.CharField(
        max_length=limits.TEAM, blank=True, db_index=True, validators=[one_line("Team")]
    )
    level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    timezone = models.CharField(max_length=limits.TIMEZONE, default="UTC")
    languages = models.JSONField(
        default=list, blank=True, validators=[_check_tags, one_line("Languages")]
    )
    capacity = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text="How many active relationships this member wants at most.",
    )
    open_to_peer_learning = models.BooleanField(default=True)
    open_to_initiatives = models.BooleanField(default=True)
    open_to_helping = models.BooleanField(default=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    working_on = _statement("Working on", help_text="Problems you are working on now.")
    curious_about = _statement("Curious about")
    can_help_with = _statement("Can help with")
    learning = _statement("Learning")
    # How to reach me: shown only to the people this member has an open relationship with.
    chat_handle = models.CharField(
        max_length=MAX_CHAT_HANDLE, blank=True, validators=[_check_chat_handle]
    )
    booking_link = models.CharField(
        max_length=MAX_BOOKING_LINK, blank=True, validators=[_check_booking_link]
    )
    topics = models.ManyToManyField(Topic, through="ProfileTopic", related_name="members")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        indexes = [
            # The directory walks members by name and filters on the folded name and the
            # status: with all four in the index it never reads a member's row to do so.
            models.Index(
                fields=["display_name", "id", "search_name", "status"],
                name="people_member_directory_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("home:profile", args=[self.pk])

    @staticmethod
    def search_key(name: str) -> str:
        """The form of a name that directory searches compare with."""
        return fold(name)

    def clean(self) -> None:
        super().clean()
        self.search_name = self.search_key(self.display_name)
        if self.timezone not in available_timezones():
            raise ValidationError({"timezone": f"{self.timezone!r} is not a known time zone."})
        if self.manager_id is not None and self.manager_id == self.pk:
            raise ValidationError({"manager": "A member cannot be their own manager."})


class ProfileTopic(models.Model):
    """A topic that one of a member's profile statements mentions."""

    class Statement(models.TextChoices):
        WORKING_ON = "working_on", "Working on"
        CURIOUS_ABOUT = "curious_about", "Curious about"
        CAN_HELP_WITH = "can_help_with", "Can help with"
        LEARNING = "learning", "Learning"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="profile_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="profile_topics")
    statement = models.CharField(max_length=20, choices=Statement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "topic", "statement"], name="unique_profile_topic"
            )
        ]
        indexes = [models.Index(fields=["topic", "statement"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_statement_display()} · {self.topic}"


STATEMENT_FIELDS = tuple(ProfileTopic.Statement.values)


_TIMEZONES: frozenset[str] | None = None


def available_timezones() -> frozenset[str]:
    global _TIMEZONES
    if _TIMEZONES is None:
        _TIMEZONES = frozenset(zoneinfo.available_timezones()) | {"UTC"}
    return _TIMEZONES
