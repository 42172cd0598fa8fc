"""British spellings read the American way, for the encoder and both linters alike."""

import pytest

from trellis.text.spelling import american


@pytest.mark.parametrize(
    ("british", "expected"),
    [
        ("optimising", "optimizing"),
        ("organisation", "organization"),
        ("behaviour", "behavior"),
        ("honoured", "honored"),
        ("modelling", "modeling"),
        ("counselled", "counseled"),
        ("centre", "center"),
        ("microtitre", "microtiter"),
        ("analyses", "analyzes"),
        ("catalysed", "catalyzed"),
        ("licence", "license"),
        ("programme", "program"),
        ("whilst", "while"),
    ],
)
def test_a_british_spelling_reads_as_the_american_one(british, expected):
    assert american(british) == expected


@pytest.mark.parametrize("word", ["kubernetes", "selling", "hour", "rogue", "mitre", "analysis"])
def test_words_without_a_british_ending_are_left_alone(word):
    assert american(word) == word


def test_an_american_spelling_is_already_american():
    for word in ("optimizing", "organization", "behavior", "modeling", "center", "analyzes"):
        assert american(word) == word
