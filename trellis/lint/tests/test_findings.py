"""Findings of any message: where they point, how they read, and that nothing breaks."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.lint import RULES, lint_intro
from trellis.lint.reading import read
from trellis.lint.tests.helpers import flagged, rules

# Words the rules react to, so generated messages reach every rule, not only
# the "no letters at all" path.
VOCABULARY = """
will you be my mentor pick your brain brains coffee call chat quick 15 minutes connect
sometime any advice thoughts I'd love to share happy can I'm also working on Kubernetes k8s
upgrades Terraform how did handle the same like you in return mentee wing not looking for a
mentr brian I'm a data engineer about your talk
"""
WORDS = sorted(set(VOCABULARY.split()))
PUNCTUATION = [".", "?", "!", ",", " \u2014 ", "\u2019", "\u201c", "\n", " \U0001f64f ", ":", "-"]


def check(message: str, shared: list[str]) -> None:
    findings = lint_intro(message, shared=shared)
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(message)
        assert finding.rule in RULES
        assert finding.why and finding.suggestion
    spans = [(f.start, f.end) for f in findings if not f.whole]
    assert len(spans) == len(set(spans)), "one finding per span"
    assert sum(1 for f in findings if f.whole) <= 1


@settings(max_examples=300, deadline=None)
@given(st.text(), st.lists(st.text(max_size=30), max_size=3))
def test_any_text_lints_without_error_and_offsets_stay_in_bounds(message, shared):
    check(message, shared)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + PUNCTUATION) | st.text(string.printable, max_size=3)),
    st.lists(st.sampled_from(["Kubernetes upgrades", "Terraform", "sourdough", ""]), max_size=2),
)
def test_intro_like_text_lints_without_error_and_offsets_stay_in_bounds(parts, shared):
    check(" ".join(parts), shared)


@given(st.text())
def test_the_normalised_text_maps_back_into_the_message(message):
    reading = read(message)
    assert len(reading.starts) == len(reading.ends) == len(reading.text)
    for i in range(len(reading.text)):
        start, end = reading.span(i, i + 1)
        assert 0 <= start < end <= len(message)


def test_a_message_without_words_has_no_findings():
    assert lint_intro("") == []
    assert lint_intro("  \n\t ") == []
    assert lint_intro("\U0001f642\U0001f642 ?!") == []


def test_a_clean_intro_has_no_findings():
    message = (
        "Hi Sam \u2014 I saw your post about zero-downtime Kubernetes upgrades. We\u2019re "
        "moving our clusters from 1.27 to 1.29 next month. Did you drain node pools one at "
        "a time or surge them? I wrote up our pre-flight checklist and I'm happy to send it."
    )
    assert lint_intro(message, shared=["Kubernetes upgrades"]) == []


def test_curly_quotes_emoji_and_case_do_not_hide_an_ask():
    assert "mentor-ask" in rules("\U0001f44b WOULD YOU\u00a0BE MY MENTOR\u2753")
    assert "pick-brain" in rules("Could I \u201cpick your brain\u201d?")
    assert "mentor-ask" in rules("I\u2019d be honoured if you\u2019d consider mentoring me")


def test_offsets_count_characters_of_the_message_as_written():
    message = "\ufb01ne \U0001f469\u200d\U0001f4bb Caf\u00e9 \u2014 will you be my mentor?"
    assert flagged("mentor-ask", message) == ["will you be my mentor"]


def test_british_and_american_spellings_read_alike():
    assert "only-takes" not in rules(
        "Could you look at our rota? I'd be glad to return the favour."
    )
    assert "only-takes" not in rules("Could you look at our rota? I'd be glad to return the favor.")
    assert "no-shared-mention" not in rules(
        "How do you organise volunteers?", shared=["volunteer organizing"]
    )


def test_findings_serialise_as_the_command_prints_them():
    (finding, *_) = lint_intro("Will you be my mentor?")
    assert set(finding.as_dict()) == {"rule", "start", "end", "why", "suggestion", "also"}


def test_every_rule_traces_its_why_to_the_essay():
    assert all(rule.why.endswith(".") and len(rule.why) < 260 for rule in RULES.values())
    assert "shared interest" in RULES["no-shared-mention"].why
    assert "both ways" in RULES["only-takes"].why
