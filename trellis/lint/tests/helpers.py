"""Small helpers for the linter's tests."""

from __future__ import annotations

from trellis.lint import Finding, lint_intro


def rules(message: str, **options) -> set[str]:
    return {finding.rule for finding in lint_intro(message, **options)}


def findings_of(rule: str, message: str, **options) -> list[Finding]:
    return [finding for finding in lint_intro(message, **options) if finding.rule == rule]


def flagged(rule: str, message: str, **options) -> list[str]:
    """The text of the message each finding of `rule` points at."""
    return [message[f.start : f.end] for f in findings_of(rule, message, **options)]
