"""Input read through the area's own form, so the API refuses exactly what the page does.

A page validates a member's text with a `trellis.web.forms.Form` (lengths, control and
direction-changing characters, a NUL that PostgreSQL would refuse); an operation taking
the same input passes it through the same form and answers 422, naming each field the
form refused, before any service is called.
"""

from __future__ import annotations

from typing import Any

from django import forms

from trellis.api.errors import ApiError


def valid(form: forms.BaseForm) -> dict[str, Any]:
    """A bound form's cleaned data; ApiError 422 naming each field it refused otherwise."""
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        first = next(message for messages in errors.values() for message in messages)
        raise ApiError(422, first, errors)
    return form.cleaned_data


def checked(form_class: type[forms.Form], data: dict[str, Any], **options: Any) -> dict[str, Any]:
    """`data` cleaned by `form_class`; ApiError 422 with the form's messages otherwise."""
    return valid(form_class(data=data, **options))
