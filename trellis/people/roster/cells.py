"""The roster's columns, and how each cell of a data row is cleaned into a Member field."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from trellis.accounts.models import User
from trellis.people.models import (
    MAX_CAPACITY,
    MAX_LEVEL,
    STATEMENT_FIELDS,
    Member,
    tags_problem,
)
from trellis.people.roster.report import RosterProblem
from trellis.text.characters import character_problem, newlines_normalised
from trellis.text.normalise import split_tags

# Column -> what it holds; the order is the one the help texts list them in.
COLUMNS: dict[str, str] = {
    "email": "required and unique: the member's login (compared case-insensitively)",
    "name": "display name; empty keeps the current one (new members: from the e-mail)",
    "discipline": "e.g. Engineering, Design",
    "team": "the member's team",
    "level": f"a whole number from 0 to {MAX_LEVEL}; empty means none",
    "manager_email": "their manager's e-mail, in this file or already in Trellis",
    "background": "background tags separated by ; or ,",
    "capacity": f"most active relationships wanted, 0 to {MAX_CAPACITY}; empty means 2",
    "working_on": "free text: problems they work on now",
    "curious_about": "free text",
    "can_help_with": "free text: skills offered",
    "learning": "free text: skills wanted",
}
FIELD_OF_COLUMN = {"name": "display_name"}  # every other profile column is its field's name

_validate_email = EmailValidator()
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


@dataclass
class Row:
    """A data row whose e-mail is valid, cleaned into Member field values."""

    line: int
    email: str
    fields: dict[str, object]  # only the file's columns; display_name None: keep / derive
    manager_email: str | None  # None: no manager_email column; "": no manager


class _Invalid(ValueError):
    """A cell's value cannot be used; the message says why."""


def _email(value: str) -> str:
    email = value.strip().lower()
    limit = User._meta.get_field("email").max_length
    if len(email) > limit:
        raise _Invalid(f"The e-mail address is {len(email)} characters long; the limit is {limit}.")
    try:
        _validate_email(email)
    except ValidationError:
        raise _Invalid(f"{value.strip()!r} is not a valid e-mail address.") from None
    return email


def _limited(field_name: str) -> Callable[[str], str]:
    limit = Member._meta.get_field(field_name).max_length

    def clean(value: str) -> str:
        if limit is not None and len(value) > limit:
            raise _Invalid(f"This is {len(value)} characters long; the limit is {limit}.")
        return value

    return clean


def _name(value: str) -> str | None:
    return _limited("display_name")(value) or None


def _whole_number(low: int, high: int, default: int | None) -> Callable[[str], int | None]:
    def clean(value: str) -> int | None:
        if not value:
            return default
        if not _WHOLE_NUMBER.fullmatch(value):
            raise _Invalid(f"{value!r} is not a whole number; use one from {low} to {high}.")
        number = int(value)
        if not low <= number <= high:
            raise _Invalid(f"{number} is out of range; use a whole number from {low} to {high}.")
        return number

    return clean


def _tags(value: str) -> list[str]:
    tags = split_tags(value)
    problem = tags_problem(tags)
    if problem:
        raise _Invalid(problem)
    return tags


_CLEANERS: dict[str, Callable[[str], object]] = {
    "name": _name,
    "discipline": _limited("discipline"),
    "team": _limited("team"),
    "level": _whole_number(0, MAX_LEVEL, None),
    "capacity": _whole_number(0, MAX_CAPACITY, Member._meta.get_field("capacity").default),
    "background": _tags,
    **{statement: _limited(statement) for statement in STATEMENT_FIELDS},
}


def _checked_characters(column: str, value: str) -> str:
    """`value` with LF line breaks, or _Invalid naming the column and the character (only
    the profile statements may span lines)."""
    multiline = column in STATEMENT_FIELDS
    problem = character_problem(value, multiline=multiline, label=column)
    if problem:
        raise _Invalid(problem)
    return newlines_normalised(value) if multiline else value


def clean_row(line: int, values: dict[str, str]) -> tuple[Row | None, list[RosterProblem]]:
    """The row's cleaned values (None without a valid e-mail) and what is wrong with its cells."""
    problems: list[RosterProblem] = []
    cleaned: dict[str, object] = {}
    for column, raw in values.items():
        clean = _email if column in ("email", "manager_email") else _CLEANERS[column]
        value = raw.strip()
        if column == "email" and not value:
            problems.append(RosterProblem(line, column, "The e-mail address is missing."))
            continue
        if column == "manager_email" and not value:
            cleaned[column] = ""
            continue
        try:
            cleaned[column] = clean(_checked_characters(column, value))
        except _Invalid as error:
            problems.append(RosterProblem(line, column, str(error)))
            if column == "manager_email":
                cleaned[column] = ""  # already reported; not looked up as well
    if "email" not in cleaned:
        return None, problems
    email = cleaned.pop("email")
    manager_email = cleaned.pop("manager_email", None)
    fields = {FIELD_OF_COLUMN.get(column, column): value for column, value in cleaned.items()}
    return Row(line, email, fields, manager_email), problems  # type: ignore[arg-type]
