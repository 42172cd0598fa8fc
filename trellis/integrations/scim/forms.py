from __future__ import annotations

from django import forms

from trellis.integrations.scim.tokens import MAX_NAME
from trellis.web.forms import Form


class ScimTokenForm(Form):
    """A new provisioning token: which identity provider will use it."""

    name = forms.CharField(
        max_length=MAX_NAME,
        help_text="What will use it, e.g. “Entra ID” or “Okta production”.",
    )
