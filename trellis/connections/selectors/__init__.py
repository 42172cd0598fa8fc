"""Reads for connections: every cross-table read states what it joins and prefetches."""

from trellis.connections.selectors.blocking import blocked_pairs, resend_pause_until
from trellis.connections.selectors.helping import help_given_in_exchanges, relationship_loads
from trellis.connections.selectors.intros import (
    draft_between,
    draft_of,
    intro_for_member,
    intro_for_recipient,
    intros_of,
    intros_received,
    intros_sent,
    open_intro_between,
    open_intro_count,
    reporting_line,
)
from trellis.connections.selectors.reflections import (
    exchange_for_reflection,
    next_prompt,
    reflection_for_author,
    reflections_of,
)
from trellis.connections.selectors.relationships import (
    exchanges_in,
    exchanges_in_relationships_of,
    meeting_for_member,
    relationship_between,
    relationship_count,
    relationship_for_member,
    relationships_of,
    shared_topics,
    topics_from_text,
)
from trellis.connections.selectors.waiting import (
    intros_awaiting_answer,
    intros_to_answer,
    latest_intro_between,
    relationships_in_progress,
    waiting_as_sender_sees,
    waiting_intro_between,
    waiting_intro_count,
)

__all__ = [
    "blocked_pairs",
    "draft_between",
    "draft_of",
    "exchange_for_reflection",
    "exchanges_in",
    "exchanges_in_relationships_of",
    "help_given_in_exchanges",
    "intro_for_member",
    "intro_for_recipient",
    "intros_awaiting_answer",
    "intros_of",
    "intros_received",
    "intros_sent",
    "intros_to_answer",
    "latest_intro_between",
    "meeting_for_member",
    "next_prompt",
    "open_intro_between",
    "open_intro_count",
    "reflection_for_author",
    "reflections_of",
    "relationship_between",
    "relationship_count",
    "relationship_for_member",
    "relationship_loads",
    "relationships_in_progress",
    "relationships_of",
    "reporting_line",
    "resend_pause_until",
    "shared_topics",
    "topics_from_text",
    "waiting_as_sender_sees",
    "waiting_intro_between",
    "waiting_intro_count",
]
