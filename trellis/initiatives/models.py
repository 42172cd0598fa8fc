"""Initiatives a member champions, the people who volunteer for them, what each team
member contributed, and what observers saw someone do."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from trellis.db.models import WorkedOutInBackground
from trellis.people.models import Member, Topic
from trellis.text import limits
from trellis.web.validators import multi_line, one_line

MAX_TITLE = limits.INITIATIVE_TITLE
MAX_TEXT = limits.INITIATIVE_TEXT
MAX_SKILLS = limits.SKILLS
MAX_NOTE = limits.VOLUNTEER_NOTE
MAX_TIME_ASK = limits.TIME_ASK
MAX_HELPERS = 50
MAX_CONTRIBUTION = limits.CONTRIBUTION
MAX_OBSERVATION = limits.OBSERVATION
MAX_FIT_REASON = 300
MAX_MILESTONE_TITLE = limits.MILESTONE_TITLE
MAX_MILESTONE_NOTE = limits.MILESTONE_NOTE
# Enough for a year of fortnightly steps; bounds what a page and a calendar feed show.
MAX_MILESTONES = 30


class Initiative(models.Model):
    """A piece of work a member champions and asks others to help with."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for volunteers"
        UNDERWAY = "underway", "Underway"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    lead = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="initiatives_led")
    title = models.CharField(max_length=MAX_TITLE, validators=[one_line("Title")])
    problem = models.TextField(validators=[MaxLengthValidator(MAX_TEXT), multi_line("The problem")])
    why_it_matters = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_TEXT), multi_line("Why it matters")]
    )
    skills = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_SKILLS), multi_line("Skills and topics it needs")],
        help_text="The skills and topics it needs, comma or semicolon separated.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="initiatives")
    helpers_wanted = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(MAX_HELPERS)]
    )
    time_ask = models.CharField(
        max_length=MAX_TIME_ASK,
        blank=True,
        validators=[one_line("Time it asks for")],
        help_text="e.g. “2 hours a week for six weeks”.",
    )
    ends_on = models.DateField()
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was marked done or cancelled."
    )

    class Meta:
        ordering = ["-opened_at", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(helpers_wanted__gte=1), name="an_initiative_wants_a_helper"
            ),
            models.CheckConstraint(
                # A draft may be cancelled without ever having opened.
                condition=Q(state__in=["draft", "cancelled"]) | Q(opened_at__isnull=False),
                name="an_initiative_past_draft_has_opened",
            ),
        ]
        indexes = [models.Index(fields=["state", "-opened_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:initiative_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state != self.State.DRAFT

    @property
    def takes_volunteers(self) -> bool:
        return self.state in (self.State.OPEN, self.State.UNDERWAY)

    @property
    def state_phrase(self) -> str:
        """Its state as it reads after "This initiative is …"."""
        return {
            self.State.DRAFT: "a draft",
            self.State.OPEN: "open",
            self.State.UNDERWAY: "underway",
            self.State.DONE: "done",
            self.State.CANCELLED: "cancelled",
        }[self.state]

    @property
    def is_closed(self) -> bool:
        return self.state in (self.State.DONE, self.State.CANCELLED)


class Volunteer(models.Model):
    """A member's offer to help with an initiative, and the lead's answer."""

    class State(models.TextChoices):
        APPLIED = "applied", "Waiting for the lead"
        ACCEPTED = "accepted", "On the team"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="volunteers")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="volunteering")
    brings = models.TextField(
        validators=[MaxLengthValidator(MAX_NOTE), multi_line("What you bring")],
        help_text="What they bring to it.",
    )
    wants_to_learn = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_NOTE), multi_line("What you want to learn")],
        help_text="What they want to learn.",
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.APPLIED, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # How well they fit, for the lead: worked out in the background (fit.py), never per page.
    fit_score = models.FloatField(null=True, blank=True, help_text="Empty: not worked out yet.")
    fit_reason = models.CharField(max_length=MAX_FIT_REASON, blank=True)
    fit_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When their note, profile or the initiative changed."
    )
    fit_computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One row per member and initiative: offering again after withdrawing reuses it.
            models.UniqueConstraint(
                fields=["initiative", "member"], name="volunteer_once_per_initiative"
            )
        ]
        indexes = [
            models.Index(fields=["member", "state"]),
            models.Index(fields=["fit_requested_at"]),
        ]

    def __str__(self) -> str:
        return f"Volunteer {self.member_id} for initiative {self.initiative_id} ({self.state})"

    def state_for(self, member_id: int) -> str:
        """The state as `member_id` may know it: only the volunteer and the lead learn of
        a decline."""
        if self.state == self.State.DECLINED and member_id != self.member_id:
            return "Not on the team"
        return self.get_state_display()


class Contribution(models.Model):
    """What one member of an initiative's team did for it, in their words."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="contributions"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField(
        validators=[MaxLengthValidator(MAX_CONTRIBUTION), multi_line("What you did")]
    )
    link = models.URLField(
        blank=True, max_length=limits.CONTRIBUTION_LINK, help_text="Optional: where to see it."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self) -> str:
        return f"Contribution {self.pk} by {self.member_id} to {self.initiative_id}"


class Observation(models.Model):
    """Specific work an observer saw someone do: never a rating, never ranked."""

    observer = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="observations_made")
    subject = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="observations_received"
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
        help_text="The initiative the work was on, if any.",
    )
    text = models.TextField(
        validators=[MaxLengthValidator(MAX_OBSERVATION), multi_line("What you saw")]
    )
    seen_on = models.DateField(help_text="When the observer saw the work.")
    # The subject's choice: shown on their profile, or seen by them and the observer only.
    shown_on_profile = models.BooleanField(default=False)
    findings = models.JSONField(
        default=list, blank=True, help_text="What the observation linter noticed when saved."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-seen_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(observer=F("subject")), name="an_observation_is_about_someone_else"
            )
        ]
        indexes = [
            models.Index(fields=["subject", "-seen_on"]),
            models.Index(fields=["observer", "-seen_on"]),
        ]

    def __str__(self) -> str:
        return f"Observation {self.pk}: {self.observer_id} saw {self.subject_id}"

    def get_absolute_url(self) -> str:
        """Where its subject reads it: their visibility map."""
        return reverse("initiatives:visibility") + f"#observation-{self.pk}"


class Milestone(models.Model):
    """A dated step of an initiative, in public words: shown on its page and in calendars."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=MAX_MILESTONE_TITLE, validators=[one_line("Title")])
    due_on = models.DateField()
    note = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_MILESTONE_NOTE), multi_line("Note")],
        help_text="Public: everyone who sees the initiative, and calendar feeds, show it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["initiative", "due_on"])]

    def __str__(self) -> str:
        return f"Milestone {self.pk} of initiative {self.initiative_id} on {self.due_on}"


class InitiativeFitList(WorkedOutInBackground):
    """When the initiatives that fit one member were last asked for and worked out."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="initiative_fit_list"
    )

    class Meta:
        indexes = [
            models.Index(fields=["requested_at"]),
            models.Index(fields=["computed_at"]),
        ]

    def __str__(self) -> str:
        return f"Initiatives that fit member {self.member_id}"


class InitiativeFit(models.Model):
    """An open initiative that fits a member, and why, as last worked out in the background:
    pages show these rows and never run the matching engine."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="fits")
    position = models.PositiveSmallIntegerField(help_text="1 for the best fit.")
    score = models.FloatField()
    helps = models.FloatField(help_text="How much of what it needs they can help with.")
    learns = models.FloatField(help_text="How much of what they are learning it uses.")
    shared = models.FloatField(help_text="How alike their interests and its problem are.")
    reason = models.CharField(max_length=MAX_FIT_REASON)

    class Meta:
        ordering = ["member", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "initiative"], name="an_initiative_fits_a_member_once"
            )
        ]
        indexes = [models.Index(fields=["member", "position"])]

    def __str__(self) -> str:
        return f"Initiative {self.initiative_id} fits member {self.member_id} ({self.position})"
