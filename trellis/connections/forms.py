from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

from django import forms
from django.utils import timezone

from trellis.connections import selectors
from trellis.connections.models import MAX_MESSAGE, MAX_REASON
from trellis.connections.models.meetings import MAX_LINK, MAX_NOTE, MAX_PLACE, link_problem
from trellis.connections.models.relationships import MAX_REFLECTION, MAX_TEXT
from trellis.text import limits
from trellis.web.forms import Form


class IntroForm(Form):
    """The composer: the message, which the sender edits freely."""

    message = forms.CharField(
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Write a message before sending."},
        help_text="Lead with what you share, offer something, and ask one specific question.",
    )


class DeclineForm(Form):
    """Declining an intro: an optional reason only the one declining will ever read."""

    reason = forms.CharField(
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why (optional, private)",
        help_text="Only you will ever read this. The sender sees only that it is no longer open.",
    )


class CloseForm(Form):
    """Closing a relationship: an optional reason only the one closing will ever read."""

    reason = forms.CharField(
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why (optional, private)",
        help_text="Only you will ever read this.",
    )


class ExchangeForm(Form):
    """One side's record of a conversation."""

    # ISO dates: what a browser's date picker reads and sends, whatever the site's locale.
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    topics = forms.CharField(
        required=False,
        max_length=limits.EXCHANGE_TOPICS,
        help_text="Comma-separated, e.g. Kubernetes, Terraform. Synonyms work (k8s).",
    )
    what_i_shared = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        label="What I shared",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_i_learned = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        label="What I learned",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional. Both of you can read it; nobody else can.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_topics(self):
        topics, unknown = selectors.topics_from_text(self.cleaned_data["topics"])
        if unknown:
            names = ", ".join(f"“{phrase}”" for phrase in unknown)
            raise forms.ValidationError(
                f"Not a topic we know: {names}. Use a topic's name or a synonym, or leave it out."
            )
        return topics


class ReflectionForm(Form):
    """A journal entry."""

    body = forms.CharField(
        max_length=MAX_REFLECTION,
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Your reflection",
        error_messages={"required": "Write something before saving."},
        help_text="Private: only you can ever read it.",
    )


class ReflectionSearchForm(Form):
    q = forms.CharField(required=False, max_length=limits.SEARCH, label="Search your journal")


MEETING_LENGTHS = [(15, "15 minutes"), (30, "30 minutes"), (45, "45 minutes"), (60, "1 hour")]
MEETING_LENGTHS += [(90, "1½ hours"), (120, "2 hours")]


class MeetingForm(Form):
    """Proposing a time: a day and time in the proposer's own zone, how long, and where."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        label="Start time",
    )
    minutes = forms.TypedChoiceField(
        choices=MEETING_LENGTHS, coerce=int, initial=30, label="How long"
    )
    place = forms.CharField(
        required=False,
        max_length=MAX_PLACE,
        label="Where",
        help_text="A place, e.g. the 3rd-floor kitchen; or give a link below.",
    )
    link = forms.CharField(
        required=False,
        max_length=MAX_LINK,
        label="Video link",
        help_text="https:// only, e.g. https://meet.example.org/ana-ben.",
    )
    note = forms.CharField(
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note (optional)",
    )

    def __init__(self, *args, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["time"].help_text = f"In your time zone, {zone}."

    def clean_link(self) -> str:
        link = self.cleaned_data["link"].strip()
        problem = link and link_problem(link)
        if problem:
            raise forms.ValidationError(problem)
        return link

    def clean(self) -> dict:
        cleaned = super().clean()
        if not (cleaned.get("place", "").strip() or cleaned.get("link")) and not (
            self.has_error("link") or self.has_error("place")
        ):
            self.add_error("place", "Say where you will meet: a place or a link.")
        return cleaned

    def meeting(self) -> dict:
        """The cleaned values, in the shape `meeting_propose` takes (the start in UTC)."""
        data = self.cleaned_data
        naive = datetime.combine(data["day"], data["time"])
        starts_at = naive.replace(tzinfo=zoneinfo.ZoneInfo(self.zone)).astimezone(UTC)
        return {
            "starts_at": starts_at,
            "minutes": data["minutes"],
            "place": data["place"],
            "link": data["link"],
            "note": data["note"],
        }
