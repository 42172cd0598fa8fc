from __future__ import annotations

from django import forms

from trellis.notifications.models import Notification
from trellis.web.forms import Form


class PreferencesForm(Form):
    """For each kind of notification: in the app, by e-mail."""

    def __init__(self, *args, preferences: dict, weekly_digest: bool | None = None, **kwargs):
        """`weekly_digest`: the member's digest choice, or None when digests are off here
        (then the form has no such field)."""
        super().__init__(*args, **kwargs)
        if weekly_digest is not None:
            self.fields["weekly_digest"] = forms.BooleanField(
                required=False,
                initial=weekly_digest,
                label="A weekly e-mail digest: intros waiting for you, who could help, "
                "news in topics you follow, initiatives needing what you offer",
            )
        for kind, label in Notification.Kind.choices:
            pref = preferences[kind]
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                required=False, initial=pref.in_app, label=f"{label}: in Trellis"
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                required=False, initial=pref.email, label=f"{label}: by e-mail"
            )

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {
            kind: (data[f"{kind}__in_app"], data[f"{kind}__email"])
            for kind in Notification.Kind.values
        }

    def rows(self):
        """(label, in-app field, e-mail field) for each kind, for a table."""
        return [
            (label, self[f"{kind}__in_app"], self[f"{kind}__email"])
            for kind, label in Notification.Kind.choices
        ]

    def digest_choice(self) -> bool | None:
        """The digest choice made, or None when the form has no such field."""
        return self.cleaned_data["weekly_digest"] if "weekly_digest" in self.fields else None
