"""The webhook form: name, address, format, the news it wants, on or off.

The weekly topic is typed (a type-ahead suggests names: a vocabulary holds thousands of
topics) and read back as one topic by its exact name, case aside.
"""

from __future__ import annotations

from django import forms

from trellis.integrations.chat.models import MAX_NAME, MAX_URL, Webhook
from trellis.people.models import Topic
from trellis.web.forms import Form


class WebhookForm(Form):
    name = forms.CharField(max_length=MAX_NAME, help_text="For you: e.g. “#mentoring on Slack”.")
    url = forms.CharField(
        label="Address",
        max_length=MAX_URL,
        help_text="The webhook address the chat service gave you; it must start with https://.",
    )
    format = forms.ChoiceField(choices=Webhook.Format.choices, widget=forms.RadioSelect)
    on_round_published = forms.BooleanField(
        required=False, label="A matching round is published (its cohort and how many pairs)"
    )
    on_initiative_opened = forms.BooleanField(
        required=False, label="An initiative is looking for volunteers (its title and a link)"
    )
    nudge_topic = forms.CharField(
        required=False,
        max_length=120,
        label="Weekly “who could help” for one topic",
        help_text="Start typing a topic's name; leave empty for no weekly message. It says "
        "how many members could help with it this week, never who.",
    )
    active = forms.BooleanField(required=False, initial=True, label="On")

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["url"].required = False
            self.fields["url"].help_text = (
                "Leave empty to keep the address it has (shown above only in part: it is "
                "itself a secret). Must start with https://."
            )
        self.fields["nudge_topic"].widget.attrs |= {"list": "topic-options", "autocomplete": "off"}

    def clean_nudge_topic(self) -> Topic | None:
        typed = self.cleaned_data["nudge_topic"].strip()
        if not typed:
            return None
        topic = Topic.objects.filter(name__iexact=typed).first()
        if topic is None:
            raise forms.ValidationError(
                f"No topic is called “{typed}”: pick one of the names suggested as you type."
            )
        return topic

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)

    @classmethod
    def initial_for(cls, webhook: Webhook) -> dict:
        return {
            "name": webhook.name,
            "format": webhook.format,
            "on_round_published": webhook.on_round_published,
            "on_initiative_opened": webhook.on_initiative_opened,
            "nudge_topic": webhook.nudge_topic.name if webhook.nudge_topic else "",
            "active": webhook.active,
        }
