"""The reflection journal's prompts, offered in turn after a member shared something."""

from __future__ import annotations

PROMPTS = (
    "What did explaining this reveal about how you work?",
    "Which of your assumptions did their question test?",
    "What did you say that you had never put into words before?",
    "Where did your explanation get vague, and what does that tell you?",
    "What would you do differently in your own work after this conversation?",
    "What did their way of thinking show you that yours misses?",
)


def prompt_for(written_so_far: int) -> str:
    """The next prompt for someone who has written `written_so_far` reflections."""
    return PROMPTS[written_so_far % len(PROMPTS)]
