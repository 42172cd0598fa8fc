"""Drafts and suggested rewrites read as a person would write them, whatever the profiles say.

`profiles_blind.jsonl` holds 60 pairs of members of many trades with their four statements
as people really write them (fragments, full sentences with a full stop, questions,
first-person clauses, plural subjects with verbs, lists, empty boxes), written blind by a
separate writer and copied here unchanged. For every pair, both ways, the composer's drafts
(from a profile and from "who could help") and the ask linter's suggested rewrites (on the
draft and on messages that fire every rule) must have none of the faults of `prose.faults`,
and the linter gives at most one finding per span of text.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from trellis.connections import composer
from trellis.connections.tests.prose import FAULTS, faults, quoted_segments
from trellis.lint import Finding, lint_intro
from trellis.people.selectors import topic_matcher
from trellis.text.normalise import split_phrases

PROFILES = Path(__file__).resolve().parent / "profiles_blind.jsonl"
_emails = (f"blind.{n}" for n in itertools.count())
STATEMENTS = ("working_on", "curious_about", "learning", "can_help_with")
# Messages that fire every rule of the ask linter, so that every suggested rewrite is built.
BAD_MESSAGES = (
    "Hi, will you be my mentor? Could I pick your brain over coffee sometime?",
    "Could we grab a coffee sometime?",
    "Any advice on how you got started?",
)


def pairs() -> list[dict]:
    return [json.loads(line) for line in PROFILES.read_text(encoding="utf-8").splitlines()]


def _member(make_member, person: dict):
    statements = {key: person[key] for key in STATEMENTS}
    return make_member(person["name"], email=f"{next(_emails)}@example.org", **statements)


def _statements(*people: dict) -> list[str]:
    return [person[key] for person in people for key in STATEMENTS]


def _help_occasion(person: dict) -> composer.Occasion | None:
    for kind in (composer.WORKING, composer.LEARNING):
        phrases = split_phrases(person[kind])
        if phrases:
            return composer.Occasion(help=composer.HelpGround(phrases[0], kind, True, False))
    return None


def overlapping(findings: list[Finding]) -> bool:
    """Whether two findings point at overlapping words, or two at the whole message."""
    spans = sorted((f.start, f.end) for f in findings if not f.whole)
    words = any(b[0] < a[1] or a == b for a, b in itertools.pairwise(spans))
    return words or sum(1 for f in findings if f.whole) > 1


def _own_words(suggestion: str, message: str) -> str:
    """The rewrite with the words it quotes from the message itself left out: those are
    the sender's, as they typed them."""
    for segment in quoted_segments(suggestion):
        if segment and segment in message:
            suggestion = suggestion.replace(f"“{segment}”", "“Q”")
    return suggestion


def texts_of_pair(make_member, pair: dict) -> list[tuple[str, str]]:
    """(kind, text) of every draft and suggested rewrite built for the pair, both ways."""
    texts, sender, recipient = [], pair["sender"], pair["recipient"]
    for one, other in ((sender, recipient), (recipient, sender)):
        me, them = _member(make_member, one), _member(make_member, other)
        for occasion in (composer.PROFILE, _help_occasion(one)):
            if occasion is None:
                continue
            found = composer.grounds(me, them, topic_matcher(), occasion)
            draft = composer.draft_message(me, them, found)
            texts.append(("draft", draft))
            for message in (draft, *BAD_MESSAGES):
                findings = lint_intro(message, shared=found.shared, sender_offers=found.offers)
                if overlapping(findings):
                    texts.append(("findings", "overlapping"))
                texts += [("rewrite", _own_words(f.suggestion, message)) for f in findings]
    return texts


def _faults_of(kind: str, text: str, statements: list[str]) -> list[str]:
    """A rewrite's own quoted sentences are prose too: each is checked on its own (the
    members' words it quotes are theirs, not ours)."""
    theirs = " ".join(statements).casefold()
    quoted = [segment for segment in quoted_segments(text) if segment.casefold() not in theirs]
    segments = [text] + (quoted if kind == "rewrite" else [])
    return sorted({fault for segment in segments for fault in faults(segment, statements)})


def fault_counts(make_member) -> tuple[Counter, list[str]]:
    """How many drafts and rewrites have each fault, and an example of each."""
    counts: Counter = Counter()
    examples: list[str] = []
    for pair in pairs():
        statements = _statements(pair["sender"], pair["recipient"])
        for kind, text in texts_of_pair(make_member, pair):
            counts[kind] += 1
            if kind == "findings":
                counts["findings on the same span"] += 1
                continue
            for fault in _faults_of(kind, text, statements):
                counts[f"{kind}: {fault}"] += 1
                if counts[f"{kind}: {fault}"] <= 2:
                    examples.append(f"[{kind}: {fault}] {text}")
    return counts, examples


def test_the_blind_profiles_are_sixty_pairs_of_many_trades():
    records = pairs()
    assert len(records) >= 60
    assert len({record["trade"] for record in records}) >= 30


@pytest.mark.django_db
def test_no_draft_or_rewrite_for_any_blind_pair_has_a_fault(make_member):
    counts, examples = fault_counts(make_member)
    print(dict(counts))  # the figures LABELS.md records, with `-s`
    faulty = {kind: n for kind, n in counts.items() if ":" in kind or "span" in kind}
    assert faulty == {}, "\n".join([str(faulty), *examples])


def test_the_fault_checker_catches_what_the_issue_quotes():
    assert "clause-after-preposition" in faults(
        "I'm happy to share what I've learned from our CI/CD pipelines keep breaking.",
        ["our CI/CD pipelines keep breaking"],
    )
    assert "stop-then-too" in faults("I've been working on a new market. too — how?")
    assert "punctuation-inside-sentence" in faults(
        "I've been working on Redesigning onboarding. too", ["Redesigning onboarding."]
    )
    assert "doubled-punctuation" in faults("What about sensor mats??.")
    assert "doubled-space" in faults("I saw  your post.")
    assert "lowercase-sentence-start" in faults("I saw your post. it was good.")
    assert faults("Your profile says “our CI/CD pipelines keep breaking” — how?") == []


def test_every_fault_has_a_name_the_report_uses():
    assert len(FAULTS) == len(set(FAULTS)) == 6
