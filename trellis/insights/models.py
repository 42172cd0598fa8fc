"""What the background worker worked out for the insights pages, kept until it next runs."""

from __future__ import annotations

from django.db import models

from trellis.db.models import WorkedOutInBackground


class InsightsRun(WorkedOutInBackground):
    """When the insights were last asked for and worked out, and the week they end with:
    one row for the whole organisation."""

    through_week = models.DateField(
        null=True, blank=True, help_text="The Monday of the last week worked out."
    )

    def __str__(self) -> str:
        return f"Insights worked out {self.computed_at or 'never'}"


class CohortFigures(models.Model):
    """One cohort's figures (everyone, or one discipline): a dict of counts per week and,
    for each period a page offers, what cannot be added up from weeks."""

    class Kind(models.TextChoices):
        EVERYONE = "all", "Everyone"
        DISCIPLINE = "discipline", "A discipline"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.CharField(max_length=200, blank=True)
    members = models.PositiveIntegerField(default=0, help_text="On the roster when worked out.")
    weeks = models.JSONField(default=list)
    periods = models.JSONField(default=dict)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="figures_once_per_cohort")
        ]

    def __str__(self) -> str:
        return f"Insight figures of {self.kind} {self.value}".strip()
