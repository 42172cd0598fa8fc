"""Intros, relationships, exchanges, proposed meetings and reflections."""

from trellis.connections.models.intros import MAX_MESSAGE, MAX_REASON, Intro, Origin
from trellis.connections.models.meetings import MeetingProposal
from trellis.connections.models.relationships import Exchange, Reflection, Relationship

__all__ = [
    "MAX_MESSAGE",
    "MAX_REASON",
    "Exchange",
    "Intro",
    "MeetingProposal",
    "Origin",
    "Reflection",
    "Relationship",
]
