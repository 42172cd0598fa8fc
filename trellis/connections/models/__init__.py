"""Intros, relationships, exchanges, reflections and notifications."""

from trellis.connections.models.intros import MAX_MESSAGE, MAX_REASON, Intro, Origin
from trellis.connections.models.notifications import Notification, NotificationPreference
from trellis.connections.models.relationships import Exchange, Reflection, Relationship

__all__ = [
    "MAX_MESSAGE",
    "MAX_REASON",
    "Exchange",
    "Intro",
    "Notification",
    "NotificationPreference",
    "Origin",
    "Reflection",
    "Relationship",
]
