"""Forms of the pages that combine areas."""

from __future__ import annotations

from django import forms

from trellis.web.forms import Form


class ConfirmEmailForm(Form):
    """Deleting an account: the address of the account, typed again, says "I mean it"."""

    email = forms.CharField(
        label="Type the account's e-mail address to confirm",
        max_length=254,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, expected: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected.strip().lower()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if email != self.expected:
            raise forms.ValidationError("This is not the account's e-mail address.")
        return email
