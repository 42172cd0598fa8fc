"""The audit page's filters (the same for the page and its JSON-lines export)."""

from __future__ import annotations

from django import forms

from trellis.audit.actions import ACTIONS
from trellis.audit.selectors import EventFilter
from trellis.web.forms import Form


class EventFilterForm(Form):
    """Every field is optional; a bad one is named and nothing is shown for it."""

    action = forms.ChoiceField(
        required=False, choices=[("", "Any action")] + [(name, name) for name in ACTIONS]
    )
    actor = forms.CharField(
        required=False,
        max_length=254,
        label="By (e-mail, or its start)",
    )
    since = forms.DateField(required=False, label="From", widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput({"type": "date"}))
    older_than = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        return cleaned

    def event_filter(self) -> EventFilter:
        data = self.cleaned_data
        return EventFilter(
            action=data.get("action") or "",
            actor=data.get("actor") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
