"""The ask linter: pure text rules (no Django) for intro messages.

`lint_intro(message, shared=[...])` returns `Finding`s, each with a rule id, the
span of the message it is about, why it matters, and a suggested rewrite.
"""

from trellis.lint.intro import RULES, Finding, Rule, lint_intro, shipped_matcher

__all__ = ["RULES", "Finding", "Rule", "lint_intro", "shipped_matcher"]
