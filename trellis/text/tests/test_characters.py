"""The one rule for characters a person's text may not contain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.text.characters import (
    character_problem,
    flattened,
    forbidden_character,
    newlines_normalised,
)

REFUSED_EVERYWHERE = [
    ("\x00", "a NUL byte (U+0000)"),
    ("\x07", "a bell character (U+0007)"),
    ("\x1b", "an escape character (U+001B)"),
    ("\x7f", "a delete character (U+007F)"),
    ("\x85", "a control character (U+0085)"),
    ("\u202e", "a character that reverses the text's direction (U+202E)"),
    ("\u202a", "a character that reverses the text's direction (U+202A)"),
    ("\u2066", "a character that reverses the text's direction (U+2066)"),
    ("\u2069", "a character that reverses the text's direction (U+2069)"),
    ("\ud800", "half of a character that was cut in two (U+D800)"),
]
ALLOWED_EVERYWHERE = [
    "Ana Lima",
    "Zoë Ølberg-Ñúñez",
    "李小龍",
    "שלום\u200f עולם",  # a right-to-left mark: right-to-left writing needs it
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467",  # zero width joiners in an emoji
]


@pytest.mark.parametrize(("char", "description"), REFUSED_EVERYWHERE)
@pytest.mark.parametrize("multiline", [True, False])
def test_control_and_direction_characters_are_refused_naming_the_field_and_where(
    char, description, multiline
):
    problem = character_problem(f"Ana{char} Lima", multiline=multiline, label="Name")

    assert problem == (
        f"“Name” cannot contain {description}; it has one at character 4. Remove it and try again."
    )


@pytest.mark.parametrize("text", ALLOWED_EVERYWHERE)
@pytest.mark.parametrize("multiline", [True, False])
def test_ordinary_writing_of_any_script_is_allowed(text, multiline):
    assert character_problem(text, multiline=multiline, label="Name") is None


@pytest.mark.parametrize("text", ["first\nsecond", "first\r\nsecond", "a\tb", "one\rtwo"])
def test_a_text_area_keeps_its_line_breaks_and_tabs(text):
    assert forbidden_character(text, multiline=True) is None


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028", "\u2029"])
def test_a_one_line_field_refuses_a_line_break_saying_so(brk):
    problem = character_problem(f"Ana{brk}Bcc: x@example.org", multiline=False, label="Name")

    assert problem == "Write “Name” on one line: it has a line break at character 4."


@pytest.mark.parametrize("char", ["\t", "\u200b", "\u2060", "\ufeff"])
def test_a_one_line_field_refuses_tabs_and_invisible_characters(char):
    assert forbidden_character(f"Ana{char}", multiline=False) is not None
    assert forbidden_character(f"Ana{char}", multiline=True) is None


def test_line_breaks_are_stored_as_lf():
    assert newlines_normalised("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert newlines_normalised("no breaks") == "no breaks"


def test_a_name_stored_with_a_line_break_is_flattened_for_a_header():
    assert flattened("Ana\r\nBcc: x@example.org\x07") == "Ana Bcc: x@example.org"
    assert flattened("Ana \u202eLima") == "Ana Lima"


@given(st.text())
def test_flattened_text_is_always_allowed_on_one_line(text):
    assert forbidden_character(flattened(text), multiline=False) is None


@given(st.text())
def test_a_text_is_refused_exactly_when_a_forbidden_character_is_found(text):
    found = forbidden_character(text, multiline=True)
    problem = character_problem(text, multiline=True, label="Post")

    assert (found is None) == (problem is None)
    if found is not None:
        assert text[found.position - 1] == found.char
        assert "“Post”" in problem
