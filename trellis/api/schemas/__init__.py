"""The API's schemas: what each operation reads and answers, one module per area."""

from __future__ import annotations

import enum

from django.db import models


def choices_named(name: str, choices: type[models.TextChoices]) -> type[enum.StrEnum]:
    """A model's choices as an enum with a name of its own in the schema.

    Every model calls its choices `State` or `Status`; the OpenAPI schema names an enum by
    its class, so two `State`s would become one, and answers would break the other.
    """
    return enum.StrEnum(name, {value.upper(): value for value in choices.values})
