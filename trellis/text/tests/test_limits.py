"""The table of text caps: one request holds the largest form, and truncation bounds text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trellis.text import limits


def test_the_largest_form_at_its_caps_fits_in_one_request_with_room_to_spare():
    worst = limits.LARGEST_FORM_CHARACTERS * limits.WORST_BYTES_PER_CHARACTER

    assert worst == 240_000
    assert worst + 8 * 1024 < limits.REQUEST_BYTES == 262_144


def test_no_single_text_is_longer_than_the_largest_form():
    not_caps = {"REQUEST_BYTES", "WORST_BYTES_PER_CHARACTER", "LARGEST_FORM_CHARACTERS"}
    text_caps = [v for n, v in vars(limits).items() if n.isupper() and n not in not_caps]

    assert max(text_caps) == limits.LARGEST_FORM_CHARACTERS


def test_existing_caps_are_kept():
    assert (limits.REPLY, limits.POST_BODY, limits.INTRO_MESSAGE) == (2_000, 5_000, 4_000)
    assert (limits.REFLECTION, limits.STATEMENT) == (20_000, 2_000)


@given(st.text(), st.integers(min_value=0, max_value=50))
def test_truncated_text_is_never_longer_than_the_cap_and_keeps_its_start(text, cap):
    cut = limits.truncated(text, cap)

    assert len(cut) <= cap
    assert text.startswith(cut)
    assert cut == text or len(cut) == cap
