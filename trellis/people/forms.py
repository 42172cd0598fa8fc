from __future__ import annotations

from django import forms

from trellis.people.models import MAX_CAPACITY, Member, available_timezones, tags_problem
from trellis.text import limits
from trellis.text.normalise import split_tags
from trellis.web.forms import Form, ModelForm


class TagsField(forms.CharField):
    """A comma-separated list of short tags, kept as a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", limits.TAGS_FIELD)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        tags = split_tags(super().to_python(value) or "")
        problem = tags_problem(tags)
        if problem:
            raise forms.ValidationError(problem)
        return tags


STATEMENT_HELP = {
    "working_on": "The problems on your desk now, in your own words. Separate them with commas.",
    "curious_about": "Things you would happily talk about with anyone.",
    "can_help_with": "What you can offer others: skills, experience, things you have done.",
    "learning": "What you want to get better at.",
}


class ProfileForm(ModelForm):
    """A member's own profile: what they work on first, then the rest.

    Level and manager are not here: they come from the roster or an organiser, so
    nobody can step out of their own reporting line's exclusion.
    """

    background = TagsField(help_text="Where you come from: fields, industries, paths. Commas.")
    languages = TagsField(help_text="Languages you can hold a conversation in. Commas.")
    timezone = forms.CharField(
        max_length=limits.TIMEZONE,
        widget=forms.TextInput(attrs={"list": "timezones", "autocomplete": "off"}),
    )

    class Meta:
        model = Member
        fields = [
            "display_name",
            "working_on",
            "curious_about",
            "can_help_with",
            "learning",
            "discipline",
            "team",
            "background",
            "languages",
            "timezone",
            "capacity",
            "open_to_peer_learning",
            "open_to_initiatives",
            "open_to_helping",
            "status",
            "chat_handle",
            "booking_link",
        ]
        labels = {
            "display_name": "Name",
            "open_to_peer_learning": "Open to peer learning",
            "open_to_initiatives": "Open to collaborating on initiatives",
            "open_to_helping": "Open to helping others",
            "capacity": "Active relationships at most",
            "timezone": "Time zone",
            "chat_handle": "How to reach me: chat handle",
            "booking_link": "How to reach me: booking link",
        }
        help_texts = STATEMENT_HELP | {
            "status": "Paused keeps your profile but takes you out of suggestions.",
            "chat_handle": "Optional, e.g. @ana on the company chat. Shown only to the people "
            "you have a relationship with.",
            "booking_link": "Optional: a https:// link where people book time with you. Shown "
            "only to the people you have a relationship with.",
        }
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in STATEMENT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (Member.Status.ACTIVE, "Active"),
            (Member.Status.PAUSED, "Paused"),
        ]
        self.fields["capacity"].widget.attrs.update(min=0, max=MAX_CAPACITY)

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        if value not in available_timezones():
            raise forms.ValidationError(
                f"“{value}” is not a time zone we know. Try a name like Europe/Lisbon."
            )
        return value

    @classmethod
    def with_changes(cls, member: Member, changes: dict) -> ProfileForm:
        """The form bound as if `member` had posted their profile page with `changes` made
        to it (the API's partial update): every field not changed keeps its value."""
        data = {}
        for field in cls.Meta.fields:
            value = changes[field] if field in changes else getattr(member, field)
            data[field] = ", ".join(value) if isinstance(value, list) else value
        return cls(data, instance=member)

    def profile_changes(self) -> dict:
        """The cleaned values, in the shape `member_update` takes."""
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class DirectorySearchForm(Form):
    """The directory's filters; every field is optional."""

    q = forms.CharField(required=False, max_length=limits.SEARCH, label="Name")
    topic = forms.CharField(required=False, max_length=limits.SEARCH, label="Topic")
    team = forms.CharField(required=False, max_length=limits.TEAM, label="Team")
    # Not a field of the page's form (no `<select>` of every discipline): an address or
    # the API may still filter by one exact discipline.
    discipline = forms.CharField(required=False, max_length=limits.DISCIPLINE, label="Discipline")


class RosterUploadForm(Form):
    """An organiser's roster CSV, with the same switches as the command."""

    file = forms.FileField(label="Roster CSV")
    dry_run = forms.BooleanField(
        required=False, label="Check only (dry run): report what would change, write nothing"
    )
    invite = forms.BooleanField(
        required=False, label="E-mail an invitation to members who have not claimed an account"
    )
