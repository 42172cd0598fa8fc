"""Validators for text a person entered: the characters rule of `trellis.text.characters`.

Model fields carry them, so every service that calls `full_clean()` (management
commands and the API included) refuses what the forms refuse, naming the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from trellis.text.characters import character_problem

FORBIDDEN_CHARACTER = "forbidden_character"


def text_problem(value: object, *, multiline: bool, label: str) -> str | None:
    """Why `value` (a text, or a list of texts such as tags) is refused, if it is."""
    texts = value if isinstance(value, list | tuple) else [value]
    for text in texts:
        if isinstance(text, str):
            problem = character_problem(text, multiline=multiline, label=label)
            if problem:
                return problem
    return None


@deconstructible
class CleanText:
    """Refuses control, direction-changing and (one-line) line-break characters."""

    def __init__(self, label: str, *, multiline: bool = False) -> None:
        self.label = label
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        problem = text_problem(value, multiline=self.multiline, label=self.label)
        if problem:
            raise ValidationError(problem, code=FORBIDDEN_CHARACTER)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CleanText) and (self.label, self.multiline) == (
            other.label,
            other.multiline,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.multiline))


def one_line(label: str) -> CleanText:
    """The validator of a one-line field called `label` (a name, a title, tags)."""
    return CleanText(label)


def multi_line(label: str) -> CleanText:
    """The validator of a text area called `label` (a statement, a post, a note)."""
    return CleanText(label, multiline=True)
