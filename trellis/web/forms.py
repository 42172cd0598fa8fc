"""Forms: the base classes every Trellis form derives from (their text checked alike), and
a service's ValidationError shown on the form that called it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

from trellis.text.characters import newlines_normalised
from trellis.web.validators import CleanText


def errors_onto(
    form: forms.Form, error: ValidationError, *, renamed: Mapping[str, str] | None = None
) -> None:
    """A service's ValidationError on the form: named fields on them, the rest on top.

    `renamed` maps a model field's name to the form field that edits it, where
    they differ (a `manager` chosen through `manager_email`).
    """
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            field = (renamed or {}).get(field, field)
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


class CheckedText:
    """Every text field of a form checked the same way, without its author remembering:
    forbidden characters refused (one-line fields also refuse line breaks), line breaks
    of text areas stored as LF, and a too-long text told by the field's name and limit.

    Mixed into `Form` and `ModelForm` below, which every form in Trellis derives from
    (`tests/test_text_entry.py` fails on one that does not). A text area is a
    multi-line field; every other text input is one line. Passwords are left alone.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                check_text_field(field, label=str(field.label or pretty_name(name)))


def check_text_field(field: forms.CharField, *, label: str) -> None:
    """Give `field` (a form's own copy) the checks of `CheckedText`."""
    multiline = isinstance(field.widget, forms.Textarea)
    field.validators.append(CleanText(label, multiline=multiline))
    if multiline:
        field.to_python = _newlines_normalised(field.to_python)
    if field.max_length is not None and "max_length" not in field.error_messages:
        field.error_messages["max_length"] = (
            f"“{label}” can be at most %(limit_value)s characters; it has %(show_value)s."
        )


def _newlines_normalised(to_python: Callable[[object], object]) -> Callable[[object], object]:
    def clean(value: object) -> object:
        value = to_python(value)
        return newlines_normalised(value) if isinstance(value, str) else value

    return clean


class Form(CheckedText, forms.Form):
    """A Trellis form: `django.forms.Form` with the text checks of `CheckedText`."""


class ModelForm(CheckedText, forms.ModelForm):
    """A Trellis model form: `django.forms.ModelForm` with the text checks of `CheckedText`."""
