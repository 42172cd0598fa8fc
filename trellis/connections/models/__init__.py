"""Intros, relationships, exchanges, proposed meetings and reflections."""

from trellis.connections.models.intros import (
    KNOWN_STATES,
    MAX_MESSAGE,
    MAX_REASON,
    NO_LONGER_OPEN,
    Intro,
    Origin,
)
from trellis.connections.models.meetings import MeetingProposal
from trellis.connections.models.relationships import Exchange, Reflection, Relationship

__all__ = [
    "KNOWN_STATES",
    "MAX_MESSAGE",
    "MAX_REASON",
    "NO_LONGER_OPEN",
    "Exchange",
    "Intro",
    "MeetingProposal",
    "Origin",
    "Reflection",
    "Relationship",
]
