from __future__ import annotations

from django import forms

from trellis.initiatives.models import (
    MAX_CONTRIBUTION,
    MAX_HELPERS,
    MAX_NOTE,
    MAX_OBSERVATION,
    MAX_SKILLS,
    MAX_TEXT,
    MAX_TIME_ASK,
    MAX_TITLE,
)
from trellis.text import limits
from trellis.web.forms import Form

TOO_LONG = "Keep this under %(limit_value)s characters; it has %(show_value)s."


class DateInput(forms.DateInput):
    """A browser's date picker, only as wide as a date (the stylesheet's `input.date`)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        # A browser's date input reads only ISO dates: the locale's 27/11/2026 shows empty.
        super().__init__({"class": "date"} | (attrs or {}), format=format)


def _text(
    limit: int, *, required: bool = True, rows: int | None = None, **kwargs
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    messages = {"max_length": TOO_LONG}
    if "required_message" in kwargs:
        messages["required"] = kwargs.pop("required_message")
    return forms.CharField(
        max_length=limit, required=required, widget=widget, error_messages=messages, **kwargs
    )


class InitiativeForm(Form):
    """Writing or editing an initiative."""

    title = _text(
        MAX_TITLE,
        required_message="Give the initiative a title: what is the piece of work?",
        help_text="The piece of work, e.g. “Move invoicing off the legacy batch job”.",
    )
    problem = _text(
        MAX_TEXT,
        rows=5,
        label="The problem",
        required_message="Say what problem it solves: it is what volunteers are matched on.",
        help_text="What is wrong or missing today, in a few sentences.",
    )
    why_it_matters = _text(
        MAX_TEXT,
        required=False,
        rows=3,
        label="Why it matters",
        help_text="Who it helps, and what changes when it is done.",
    )
    skills = _text(
        MAX_SKILLS,
        required=False,
        label="Skills and topics it needs",
        help_text="Comma separated, e.g. “PostgreSQL, data migration, Go”. People who can help "
        "with them, or are learning them, see the initiative on their home page.",
    )
    helpers_wanted = forms.IntegerField(
        label="Helpers wanted",
        initial=2,
        min_value=1,
        max_value=MAX_HELPERS,
        error_messages={
            "required": "Ask for at least one helper.",
            "min_value": "Ask for at least one helper.",
            "max_value": "Ask for at most %(limit_value)s helpers.",
            "invalid": "Give the number of helpers as a whole number, e.g. 3.",
        },
    )
    time_ask = _text(
        MAX_TIME_ASK,
        required=False,
        label="Time it asks for",
        help_text="e.g. “2 hours a week for six weeks”.",
    )
    ends_on = forms.DateField(
        label="Ends on",
        widget=DateInput(),
        error_messages={
            "required": "Say when it ends (a date).",
            "invalid": "Give the end date as a date, e.g. 2027-03-31.",
        },
    )


class VolunteerForm(Form):
    """Offering to help with an initiative."""

    brings = _text(
        MAX_NOTE,
        rows=3,
        label="What you bring",
        required_message="Say what you bring: the lead reads it to see where you fit.",
        help_text="What you can do for it, and anything you have done like it.",
    )
    wants_to_learn = _text(
        MAX_NOTE,
        required=False,
        rows=2,
        label="What you want to learn",
        help_text="Optional. Helping is a good way to learn: say what you hope to.",
    )


class ContributionForm(Form):
    """Logging what one did for an initiative."""

    text = _text(
        MAX_CONTRIBUTION,
        rows=3,
        label="What you did",
        required_message="Say what you did, in a line or two.",
        help_text=(
            "A line or a paragraph, e.g. “Wrote the rollback plan and rehearsed it on staging”."
        ),
    )
    link = forms.URLField(
        required=False,
        max_length=limits.CONTRIBUTION_LINK,
        assume_scheme="https",
        label="Link",
        help_text="Optional: where to see it (a pull request, a document).",
        error_messages={"invalid": "Give a web address starting with https:// or http://."},
    )


class ObservationForm(Form):
    """Recording work one saw someone do."""

    text = _text(
        MAX_OBSERVATION,
        rows=5,
        label="What you saw",
        required_message="Say what you saw them do.",
        help_text="Specific work, in specific terms: what they did, and what came of it.",
    )
    seen_on = forms.DateField(
        label="When you saw it",
        widget=DateInput(),
        error_messages={
            "required": "Say when you saw it (a date).",
            "invalid": "Give the date as a date, e.g. 2026-11-20.",
        },
    )
    initiative = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="On an initiative"
    )

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not on an initiative")] + [(i.pk, i.title) for i in initiatives]
        self.fields["initiative"].choices = choices


class MilestoneForm(Form):
    """Adding or changing one of an initiative's milestones (public text)."""

    title = _text(
        limits.MILESTONE_TITLE,
        required_message="Name the milestone: what is done by then?",
        help_text="What is done by then, e.g. “First weekly cost report sent”.",
    )
    due_on = forms.DateField(
        label="Date",
        widget=DateInput(),
        error_messages={
            "required": "Give the milestone a date.",
            "invalid": "Give the date as a date, e.g. 2027-01-31.",
        },
    )
    note = _text(
        limits.MILESTONE_NOTE,
        required=False,
        rows=2,
        label="Note",
        help_text="Optional and public: everyone who sees the initiative reads it, and "
        "calendars that follow it show it.",
    )
