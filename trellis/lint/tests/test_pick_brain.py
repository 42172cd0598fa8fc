"""pick-brain: "pick your brain(s)" and its close variants."""

import pytest

from trellis.lint.tests.helpers import findings_of, flagged, rules


@pytest.mark.parametrize(
    "message",
    [
        "Could I pick your brain?",
        "Can I pick your brains about pricing?",
        "I'd love to pick the brain of someone who has run a capital campaign.",
        "Fancy a bit of brain-picking over lunch?",
        "Quick brain pick: are you around on Friday?",
        "can i pick ur brian",
        "Could I pick Sam's brain on this too?",
        "I\u2019d love to pick at your brain for a minute.",
        "Mind if I pick your big brain?",
        "Pick-your-brain session next week?",
        "PICKING YOUR BRAINS would be amazing",
    ],
)
def test_it_flags_picking_a_brain(message):
    assert "pick-brain" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "We picked up your scheduling library last year.",
        "The brain picks up patterns faster than we think.",
        "We've been picking apart your brand guidelines.",
        "I work on brain-computer interfaces for stroke rehab.",
        "We cut mis-picks in our pick-and-pack area by half.",
        "Brian picked the venue.",
    ],
)
def test_it_leaves_other_picking_and_brains_alone(message):
    assert "pick-brain" not in rules(message)


def test_the_finding_points_at_the_idiom_as_written():
    message = "Hi Leo! Could I \u201cpick your brains\u201d on Friday?"
    assert flagged("pick-brain", message) == ["pick your brains"]


def test_the_suggestion_replaces_the_idiom_with_the_question():
    (finding,) = findings_of("pick-brain", "Can I pick your brain?", shared=["grant writing"])
    assert "pick your brain" in finding.suggestion
    assert "grant writing" in finding.suggestion
