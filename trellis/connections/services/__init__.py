"""Writes for connections: intros, relationships, exchanges, meetings, reflections.

Every function is keyword-only and one transaction; views, the sweep command and
tests call the same ones.
"""

from trellis.connections.services.intros import (
    intro_accept,
    intro_decline,
    intro_draft,
    intro_refusal,
    intro_send,
    intro_withdraw,
    intros_expire,
    own_capacity_refusal,
)
from trellis.connections.services.meetings import meeting_propose
from trellis.connections.services.reflections import (
    reflection_delete,
    reflection_update,
    reflection_write,
)
from trellis.connections.services.relationships import (
    exchange_record,
    relationship_close,
    relationships_follow_up,
    relationships_rest,
)

__all__ = [
    "exchange_record",
    "intro_accept",
    "intro_decline",
    "intro_draft",
    "intro_refusal",
    "intro_send",
    "intro_withdraw",
    "intros_expire",
    "meeting_propose",
    "own_capacity_refusal",
    "reflection_delete",
    "reflection_update",
    "reflection_write",
    "relationship_close",
    "relationships_follow_up",
    "relationships_rest",
]
