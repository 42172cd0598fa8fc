"""Faults of prose that pastes a person's words into a sentence, as checkable proxies.

`faults(text, statements)` names what a careful reader would stumble on in a draft or a
suggested rewrite built from profile statements: a statement's own punctuation left in
the middle of a sentence, ". too", doubled spaces or punctuation, a sentence that starts
in lower case, and a statement that is a full clause spliced in after a preposition
("what I've learned from our CI/CD pipelines keep breaking") without quotation marks.
Words inside “…” are the member's own and are only checked for punctuation that runs
on into our sentence. Pure: the composer's tests and the record of figures both use it.
"""

from __future__ import annotations

import re

from trellis.text.normalise import split_phrases

FAULTS = (
    "punctuation-inside-sentence",
    "stop-then-too",
    "doubled-space",
    "doubled-punctuation",
    "lowercase-sentence-start",
    "clause-after-preposition",
)

_QUOTED = re.compile(r"“([^“”]*)”")
_STOP_TOO = re.compile(r"[.!?]\s+too\b")
_DOUBLED_SPACE = re.compile(r"[^\S\n]{2,}")
_DOUBLED_PUNCTUATION = re.compile(
    r"(?<!\.)([,;:.!?])[\u201d\u2019)]?\s*[,;:!?]|[,;:!?][\u201d\u2019)]?\s*\.(?!\.)"
)
_LOWER_START = re.compile(r"(?:\A|[.!?][\u201d\u2019)]?[^\S\n]+|\n[^\S\n]*)([a-z])")
_ABBREVIATION_BEFORE = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl)\.$")
# A statement that is a clause, not a phrase: a subject pronoun first, an auxiliary or
# modal verb anywhere, a question, or more than one sentence.
_CLAUSE = re.compile(
    r"^(?:i|i'm|i've|i'd|we|we're|we've|they|it's|there's|you|happy to|glad to|can|could)\b"
    r"|\b(?:is|are|was|were|am|has|have|had|do|does|did|don't|doesn't|didn't|can't|won't"
    r"|will|would|should|must|keep|keeps|need|needs|take|takes|isn't|aren't)\b"
    r"|\?\s*$|[.!?]\s+\w",
    re.IGNORECASE,
)
_BEFORE_SPLICE = re.compile(r"\b(?:about|from|on|with|learning|of|into|that)\s+$", re.IGNORECASE)


def is_clause(phrase: str) -> bool:
    """Whether a statement reads as a clause or sentences rather than a phrase."""
    return bool(_CLAUSE.search(phrase.strip().replace("\u2019", "'")))


def quoted_segments(text: str) -> list[str]:
    """The words inside each outermost “…” of `text` (a rewrite quotes whole sentences)."""
    segments, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
            start = i + 1 if depth == 1 else start
        elif ch == "”" and depth:
            depth -= 1
            if depth == 0:
                segments.append(text[start:i])
    return segments


def _masked(text: str) -> str:
    """Quoted words replaced by a capital placeholder, their final ? or ! kept."""

    def mask(match: re.Match) -> str:
        inside = match.group(1).rstrip()
        end = inside[-1] if inside[-1:] in ("?", "!") else ""
        return f"“Q{end}”"

    return _QUOTED.sub(mask, text)


def _runs_on(text: str, end: int) -> bool:
    """Whether the sentence goes on after position `end` (not its end, nor a new one)."""
    rest = text[end:].lstrip(" \t")
    return bool(rest) and not rest.startswith("\n") and not rest[0].isupper()


def faults(text: str, statements: list[str] = ()) -> list[str]:
    """The faults of `text`, each named once, given the statements it was built from."""
    found: set[str] = set()
    masked = _masked(text)
    if _STOP_TOO.search(masked):
        found.add("stop-then-too")
    if _DOUBLED_SPACE.search(text):
        found.add("doubled-space")
    if _DOUBLED_PUNCTUATION.search(masked):
        found.add("doubled-punctuation")
    for match in _LOWER_START.finditer(masked):
        if not _ABBREVIATION_BEFORE.search(masked[: match.start(1)].rstrip()):
            found.add("lowercase-sentence-start")
    for quoted in _QUOTED.finditer(text):
        if quoted.group(1).rstrip()[-1:] in (".", ",", ";", ":") and _runs_on(text, quoted.end()):
            found.add("punctuation-inside-sentence")
    unquoted = _QUOTED.sub("“Q”", text)
    for statement in statements:
        for phrase in split_phrases(statement or ""):
            found |= _statement_faults(unquoted, phrase)
    return [fault for fault in FAULTS if fault in found]


def _statement_faults(text: str, phrase: str) -> set[str]:
    found = set()
    core = phrase.rstrip(" .!?;:…")
    if not core:
        return found
    punctuated = phrase.rstrip() != core
    for variant in {core, core[:1].lower() + core[1:]}:
        for match in re.finditer(re.escape(variant), text):
            after = text[match.end() : match.end() + len(phrase) - len(core) + 1]
            if punctuated and after[:1] in ".!?;:…" and _runs_on(text, match.end() + 1):
                found.add("punctuation-inside-sentence")
            if is_clause(phrase) and _BEFORE_SPLICE.search(text[: match.start()]):
                found.add("clause-after-preposition")
    return found
