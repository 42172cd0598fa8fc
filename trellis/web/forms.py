"""Forms and services: a service's ValidationError shown on the form that called it."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.forms import Form


def errors_onto(
    form: Form, error: ValidationError, *, renamed: Mapping[str, str] | None = None
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
