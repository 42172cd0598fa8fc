"""The linters: pure text rules (no Django) for intro messages and observations.

`lint_intro(message, shared=[...])` returns `Finding`s, each with a rule id, the
span of the message it is about, why it matters, and a suggested rewrite.
`lint_observation(text, subject=...)` does the same for a note about work someone
saw another member do.
"""

from trellis.lint.intro import RULES, Finding, Rule, lint_intro, shipped_matcher
from trellis.lint.observation import OBSERVATION_RULES, lint_observation

__all__ = [
    "OBSERVATION_RULES",
    "RULES",
    "Finding",
    "Rule",
    "lint_intro",
    "lint_observation",
    "shipped_matcher",
]
