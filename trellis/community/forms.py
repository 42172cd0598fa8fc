from __future__ import annotations

from django import forms

from trellis.community.models import MAX_BODY, MAX_REPLY, MAX_TITLE
from trellis.web.forms import Form


class PostForm(Form):
    """Writing or editing a post: an optional title and a markdown body."""

    title = forms.CharField(
        required=False,
        max_length=MAX_TITLE,
        error_messages={
            "max_length": "Keep the title under %(limit_value)s characters; it has %(show_value)s."
        },
        help_text="Optional. Say what the problem is, e.g. “Kubernetes upgrades without downtime”.",
    )
    body = forms.CharField(
        max_length=MAX_BODY,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 14}),
        label="Post",
        error_messages={
            "required": "Write something before posting: what problem are you working on?",
            "max_length": (
                "Keep a post under %(limit_value)s characters; this one has %(show_value)s."
            ),
        },
        help_text=(
            "What you are working on, what you tried, what you are stuck on. Markdown works: "
            "**bold**, *italic*, `code`, lists, [links](https://example.org) and # headings."
        ),
    )


class ReplyForm(Form):
    """A public reply to a post, in markdown."""

    body = forms.CharField(
        max_length=MAX_REPLY,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your reply",
        error_messages={
            "required": "Write something before replying: what have you seen or tried?",
            "max_length": (
                "Keep a reply under %(limit_value)s characters; this one has %(show_value)s. "
                "Say the rest in a post of your own and link to it."
            ),
        },
        help_text=(
            "What you tried, what you would look at first, or who you know who has done it. "
            "Everyone who can read the post can read your reply. Markdown works, as in posts."
        ),
    )
