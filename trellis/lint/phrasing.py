"""Putting a member's own words into a sentence so that it stays grammatical.

People fill a profile box with a fragment ("Kubernetes upgrades"), a full sentence with
a full stop, a question, a first-person clause ("I'm trying to…"), a plural subject and a
verb ("our handovers take too long") or a list. Only a phrase can follow "about", "from"
or "working on"; anything else is quoted (“…”) or set after a colon as a sentence of its
own. These helpers decide which, and tidy the words (trailing punctuation, spaces, case)
without changing them. Pure text: the composer and the linter's rewrites both use them.
"""

from __future__ import annotations

import re

# A statement is a clause, not a phrase, when it starts with a subject or a modal
# ("I'm…", "we built…", "happy to…", "can…"), has a finite verb of the kinds people
# use about their work (auxiliaries, modals, "keep", "need", "take"…), asks a question,
# or holds more than one sentence.
_SUBJECT_FIRST = re.compile(
    r"^(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|you|you're|he|she|they|they're"
    r"|it's|there's|there|this is|that's|my team|our team|happy|glad|keen|able|can|could"
    r"|will|would|ask me|let's)\b"
)
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|do|does|did|don't|doesn't|didn't|isn't|aren't"
    r"|wasn't|weren't|haven't|hasn't|can|can't|cannot|could|couldn't|will|won't|would"
    r"|wouldn't|should|shouldn't|must|may|might|keep|keeps|kept|need|needs|take|takes|took"
    r"|seem|seems|feel|feels|gets|got|goes|went|makes|made|want|wants|wanted"
    r"|built|ran|wrote|started|tried|love|hate|spike|spikes|fail|fails|break|breaks)\b"
)
# "why night falls spike around 4am", "how to price a rush job": a wh-clause without a
# question's inverted auxiliary reads well after "about".
_WH_PHRASE = re.compile(r"^(?:how|what|why|when|where|whether|which|who)\b")
_INVERTED = re.compile(
    r"^(?:how|what|why|when|where|which|who)\s+(?:is|are|was|were|do|does|did|can|could"
    r"|should|would|will|has|have)\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?]+\s+\S")
_TRAILING = " \t\n.,;:!?\u2026-\u2013\u2014"
# Words that start a phrase and read lower case mid-sentence ("Improving X" -> "improving X").
_LOWER_FIRST = frozenset(["a", "an", "the", "our", "my", "how", "what", "why", "some"])


def tidy(text: str) -> str:
    """One line, single spaces, straight through: new lines become "; "."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "; ".join(line for line in lines if line)


def _plain(text: str) -> str:
    return tidy(text).lower().replace("\u2019", "'")


def is_phrase(text: str) -> bool:
    """Whether `text` can follow "about", "from" or "working on" as it is."""
    plain = _plain(text).rstrip(_TRAILING)
    if not plain or "?" in plain or "!" in plain:
        return False
    if _SENTENCE_BREAK.search(plain):
        return False
    if _WH_PHRASE.match(plain):
        return not _INVERTED.match(plain)
    return not (_SUBJECT_FIRST.match(plain) or _FINITE_VERB.search(plain))


def mid_sentence(phrase: str) -> str:
    """A phrase as it reads inside a sentence: "Improving X." reads "improving X"."""
    phrase = tidy(phrase).rstrip(_TRAILING)
    first = phrase.split()[0] if phrase.split() else ""
    capitalised = first[:1].isupper() and first[1:].islower()
    if capitalised and (first.endswith("ing") or first.lower() in _LOWER_FIRST):
        return phrase[:1].lower() + phrase[1:]
    return phrase


def quotation(text: str) -> str:
    """The words in quotation marks, without the full stop or comma they ended with
    (a question or an exclamation keeps one mark); inner double quotes become single."""
    words = tidy(text).replace("\u201c", "\u2018").replace("\u201d", "\u2019").replace('"', "'")
    mark = words.rstrip(" .…")[-1:] if words.rstrip(" .…")[-1:] in ("?", "!") else ""
    return f"\u201c{words.rstrip(_TRAILING)}{mark}\u201d"


def as_sentence(text: str) -> str:
    """The words as a sentence of their own: a capital first, one closing mark."""
    words = tidy(text)
    core = words.rstrip(_TRAILING)
    if not core:
        return ""
    ending = words[len(core) :]
    mark = "?" if "?" in ending else "!" if "!" in ending else "."
    return core[:1].upper() + core[1:] + mark


def phrase_or_none(text: str) -> str | None:
    """The words as a phrase to use mid-sentence, or None when they must be quoted."""
    return mid_sentence(text) if is_phrase(text) else None
