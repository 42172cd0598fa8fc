"""Small helpers for the linter's tests."""

from __future__ import annotations

from trellis.lint import Finding, lint_intro


def rules(message: str, **options) -> set[str]:
    """Every rule that fired, whether a finding of its own or folded into another's span."""
    return {rule for f in lint_intro(message, **options) for rule in (f.rule, *f.also)}


def findings_of(rule: str, message: str, **options) -> list[Finding]:
    """The findings `rule` fired in: its own, or the one its span was folded into."""
    return [f for f in lint_intro(message, **options) if rule in (f.rule, *f.also)]


def flagged(rule: str, message: str, **options) -> list[str]:
    """The text of the message each finding of `rule` points at."""
    return [message[f.start : f.end] for f in findings_of(rule, message, **options)]
