from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from trellis.db.models import WorkedOutInBackground
from trellis.matching.engine.report import MAX_WEIGHT, RoundReport
from trellis.people.models import Member, Topic
from trellis.text import limits
from trellis.text.characters import character_problem

# The weights an organiser sets on the round form, as the review names them.
WEIGHT_NAMES = {
    "mutual": "mutual value",
    "shared": "shared interest",
    "teach": "teaching",
    "diversity": "diversity",
}


class CohortKind(models.TextChoices):
    """The ways an organiser can choose who a round is run over."""

    ALL = "all", "Everyone"
    TEAM = "team", "A team"
    DISCIPLINE = "discipline", "A discipline"
    TOPIC = "topic", "People who mention a topic"
    OPEN_TO = "open-to", "People open to…"


# The open-to flags a cohort may be drawn from: the CLI word -> the Member field.
OPEN_TO_FLAGS = {
    "peer_learning": "open_to_peer_learning",
    "initiatives": "open_to_initiatives",
    "helping": "open_to_helping",
}


@dataclass(frozen=True)
class Cohort:
    """Who a round is run over: everyone, or one team, discipline, topic or open-to flag."""

    kind: str
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> Cohort:
        """`all`, `team:NAME`, `discipline:NAME`, `topic:SLUG` or `open-to:FLAG`.

        Only the shape is checked here; `round_create` checks that the value exists.
        """
        kind, _, value = text.strip().partition(":")
        kind = kind.strip().lower()
        if kind not in CohortKind.values:
            choices = ", ".join(f"{k}:…" if k != "all" else k for k in CohortKind.values)
            raise ValueError(f"Unknown cohort {text!r}: use {choices}.")
        if kind == CohortKind.ALL:
            if value.strip():
                raise ValueError("The cohort 'all' takes no value.")
            return cls(kind)
        if not value.strip():
            raise ValueError(f"The cohort '{kind}:' needs a value, e.g. {kind}:NAME.")
        problem = character_problem(value, multiline=False, label="cohort")
        if problem or len(value.strip()) > limits.COHORT_VALUE:
            raise ValueError(
                problem or f"A cohort's value has at most {limits.COHORT_VALUE} characters."
            )
        return cls(kind, value.strip())

    @classmethod
    def from_json(cls, data: dict) -> Cohort:
        return cls(data.get("kind", CohortKind.ALL), data.get("value", ""))

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": self.value}

    def __str__(self) -> str:
        return self.kind if self.kind == CohortKind.ALL else f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        if self.kind == CohortKind.ALL:
            return "Everyone"
        if self.kind == CohortKind.OPEN_TO:
            return f"Open to {self.value.replace('_', ' ')}"
        return f"{self.kind.capitalize()}: {self.value}"


class Round(models.Model):
    """An organiser's matching run over a cohort: its settings, progress, metrics and pairs."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready to review"
        FAILED = "failed", "Failed"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds_started",
        help_text="Who started it; empty for rounds run from the command line.",
    )
    cohort = models.JSONField(default=dict, help_text='e.g. {"kind": "team", "value": "Platform"}')
    config = models.JSONField(default=dict, help_text="Weights and options of the engine.")
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    progress = models.FloatField(default=0.0)
    stage = models.CharField(max_length=120, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    failure_reason = models.TextField(blank=True)
    # A fresh token each time a run starts: a run whose token was replaced (the
    # round was started again after it looked dead) may no longer write.
    run_token = models.CharField(max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds_published",
    )
    # Withdrawn after publishing: its suggestions stay (for the record) but no member
    # sees them any more (`selectors.suggestions._visible_to` shows only published rounds').
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds_withdrawn",
    )
    pairs_removed_by_hand = models.PositiveIntegerField(
        default=0, help_text="Pairs an organiser removed before publishing."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Round {self.pk} ({self.cohort_value.label}, {self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("matching:round_detail", args=[self.pk])

    @property
    def report(self) -> RoundReport:
        """Its stored metrics, typed (`engine.report`); empty figures before it is done."""
        return RoundReport.from_json(self.metrics)

    @property
    def cohort_value(self) -> Cohort:
        return Cohort.from_json(self.cohort or {})

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def has_pairs(self) -> bool:
        return self.state in (self.State.DONE, self.State.PUBLISHED, self.State.WITHDRAWN)

    @property
    def editable(self) -> bool:
        """Pairs may be removed or added by hand: finished, not yet published."""
        return self.state == self.State.DONE

    @property
    def weights_text(self) -> str:
        """The weights an organiser sets, each with its range: "mutual value 1 (0 to 10), …"."""
        weights = (self.config or {}).get("weights") or {}
        return ", ".join(
            f"{WEIGHT_NAMES[name]} {value:g} (0 to {MAX_WEIGHT:g})"
            for name, value in weights.items()
            if name in WEIGHT_NAMES
        )

    @property
    def progress_percent(self) -> int:
        """Whole per cent done: 100 only once the round has finished (a run at 99.6% says
        99), 0 before it starts."""
        if self.has_pairs:
            return 100
        return min(99, math.floor(100 * min(max(self.progress, 0.0), 1.0)))


class Suggestion(models.Model):
    """Two members who might learn from each other, with the scores and words saying why."""

    # A round's suggestions are seen by both members once the round is
    # published; a recommendation by the member it was computed for. The pair
    # is stored with `member_a` the lower id. Each side may dismiss it for
    # themselves: the other side still sees it (nobody learns that they were
    # dismissed), and a dismissed pair is never suggested again. Each member
    # reads the explanation written to them ("You both work on…"); organisers
    # read the one naming both. A recommendation has only its member's.

    class Kind(models.TextChoices):
        ROUND = "round", "Round"
        RECOMMENDATION = "recommendation", "Recommendation"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ROUND)
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    recommended_to = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
        help_text="For a recommendation: the member it was computed for.",
    )
    member_a = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    member_b = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    shared = models.FloatField(default=0.0)
    teach_ab = models.FloatField(default=0.0)
    teach_ba = models.FloatField(default=0.0)
    diversity = models.FloatField(default=0.0)
    explanation = models.TextField(
        blank=True,
        help_text="Why, naming both members (for organisers); empty for a recommendation.",
    )
    explanation_for_a = models.TextField(
        blank=True, help_text='Why, as member A reads it: addressed to them as "you".'
    )
    explanation_for_b = models.TextField(
        blank=True, help_text='Why, as member B reads it: addressed to them as "you".'
    )
    a_dismissed_at = models.DateTimeField(null=True, blank=True)
    b_dismissed_at = models.DateTimeField(null=True, blank=True)
    acted_on_at = models.DateTimeField(
        null=True, blank=True, help_text="When an intro or relationship came of it."
    )
    paired_by_hand = models.BooleanField(
        default=False, help_text="An organiser paired them while reviewing the round."
    )
    # When each member was told the round suggested this pair (once per member and round).
    a_told_at = models.DateTimeField(null=True, blank=True)
    b_told_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_a__lt=models.F("member_b")),
                name="suggestion_pair_in_order",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="round", round__isnull=False, recommended_to__isnull=True)
                    | models.Q(kind="recommendation", round__isnull=True)
                    & models.Q(recommended_to__isnull=False)
                ),
                name="suggestion_kind_matches_its_source",
            ),
            models.UniqueConstraint(
                fields=["round", "member_a", "member_b"],
                condition=models.Q(round__isnull=False),
                name="unique_pair_per_round",
            ),
            models.UniqueConstraint(
                fields=["recommended_to", "member_a", "member_b"],
                condition=models.Q(recommended_to__isnull=False),
                name="unique_recommendation_per_member",
            ),
        ]
        indexes = [
            models.Index(fields=["member_a", "kind"]),
            models.Index(fields=["member_b", "kind"]),
            models.Index(fields=["round", "-score"]),
        ]

    def __str__(self) -> str:
        return f"{self.member_a_id} + {self.member_b_id} ({self.kind}, {self.score:.2f})"

    @property
    def state(self) -> str:
        """shown, dismissed (by either side) or acted_on."""
        if self.acted_on_at:
            return "acted_on"
        if self.a_dismissed_at or self.b_dismissed_at:
            return "dismissed"
        return "shown"

    def side_of(self, member_id: int) -> str | None:
        """'a' or 'b' for one of the pair, None for anyone else."""
        if member_id == self.member_a_id:
            return "a"
        if member_id == self.member_b_id:
            return "b"
        return None

    def explanation_for(self, member_id: int) -> str:
        """The explanation one of the pair reads: written to them, else the one naming both."""
        side = self.side_of(member_id)
        own = {"a": self.explanation_for_a, "b": self.explanation_for_b}.get(side or "", "")
        return own or self.explanation

    def other(self, member_id: int) -> Member:
        return self.member_b if member_id == self.member_a_id else self.member_a


class UnpairedMember(models.Model):
    """Someone of a round's cohort in none of its pairs, and why: worked out when the round
    runs (and when an organiser removes a pair), so the review lists them without asking
    the engine again."""

    class Reason(models.TextChoices):
        PAUSED = "paused", "Paused"
        NOT_OPEN = "not_open", "Not open to peer learning"
        NO_CAPACITY = "no_capacity", "No free capacity"
        HARD_RULES = "hard_rules", "Kept apart from everyone close by a hard rule"
        NO_SHARED = "no_shared", "Nobody shares a problem or interest with them"
        TAKEN = "taken", "Their likely partners were paired with others"
        REMOVED = "removed", "Their pair was removed by hand"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unpaired")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["reason", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="unpaired_once_per_round")
        ]
        indexes = [models.Index(fields=["round", "reason", "member"])]

    def __str__(self) -> str:
        return f"{self.member_id} unpaired in round {self.round_id} ({self.reason})"

    @property
    def why(self) -> str:
        """The reason in words, with its detail when there is one."""
        label = self.get_reason_display()
        return f"{label}: {self.detail}" if self.detail else label


class RecommendationRefresh(models.Model):
    """When a member's recommendations were last asked for and last computed."""

    member = models.OneToOneField(
        Member, primary_key=True, on_delete=models.CASCADE, related_name="recommendation_refresh"
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Recommendations of {self.member_id}"


class HelperList(WorkedOutInBackground):
    """Who could help with one thing (a member's own work, a post, a topic), as last worked out
    in the background: pages show it and never run the engine."""

    class About(models.TextChoices):
        MEMBER = "member", "What a member works on and is learning"
        POST = "post", "A post"
        TOPIC = "topic", "A topic"

    about = models.CharField(max_length=10, choices=About.choices)
    member = models.OneToOneField(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="helper_list"
    )
    post = models.OneToOneField(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.OneToOneField(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(about="member", member__isnull=False, post__isnull=True)
                    & models.Q(topic__isnull=True)
                    | models.Q(about="post", post__isnull=False, member__isnull=True)
                    & models.Q(topic__isnull=True)
                    | models.Q(about="topic", topic__isnull=False, member__isnull=True)
                    & models.Q(post__isnull=True)
                ),
                name="a_helper_list_is_about_one_thing",
            )
        ]
        indexes = [models.Index(fields=["requested_at"])]

    def __str__(self) -> str:
        target = self.member_id or self.post_id or self.topic_id
        return f"Who could help with {self.about} {target}"


class PossibleHelper(models.Model):
    """Someone who could help with a list's subject, with the reason the asker reads."""

    helper_list = models.ForeignKey(HelperList, on_delete=models.CASCADE, related_name="helpers")
    helper = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(help_text="1 for the best placed to help.")
    score = models.FloatField()
    explanation = models.TextField(help_text="The engine's reason, written to the asker.")
    helping_since = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the oldest help on this subject behind it, if any.",
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["helper_list", "helper"], name="a_helper_once_per_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helper_id} could help ({self.helper_list_id}, #{self.position})"

    @property
    def reason(self) -> str:
        """The engine's reason with when the help began ("Helped 3 people with Terraform
        since June; can help with Terraform, which you are learning.")."""
        return reason_with_since(self.explanation, self.helping_since, today=timezone.localdate())


def reason_with_since(explanation: str, since: date | None, *, today: date) -> str:
    """ "Helped 3 people with X" gains "since June" (or "since June 2024", a year or more
    ago); a reason quoting someone's words, which may hold any punctuation, gets it after."""
    if since is None or not explanation.startswith("Helped "):
        return explanation
    month = date_format(since, "F" if (today - since).days < 300 else "F Y")
    if '"' in explanation:
        return f"{explanation} Helping since {month}."
    clause, sep, rest = explanation.partition("; ")
    if not sep:
        return f"{explanation.removesuffix('.')} since {month}."
    return f"{clause} since {month}{sep}{rest}"
