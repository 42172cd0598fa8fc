"""Operators see that connections exist, never what members wrote.

Messages, decline reasons, closing reasons, exchange notes and reflections are
private (DESIGN.md §6): none of them is a field here, and reflections are not
registered at all.
"""

from django.contrib import admin

from trellis.connections.models import (
    Exchange,
    Intro,
    Relationship,
)
from trellis.web.admin import ReadOnlyAdmin


@admin.register(Intro)
class IntroAdmin(ReadOnlyAdmin):
    list_display = ["id", "sender", "recipient", "origin", "state", "sent_at", "expires_at"]
    list_filter = ["state", "origin"]
    list_select_related = ["sender", "recipient"]
    fields = ["sender", "recipient", "origin", "state", "created_at", "sent_at", "expires_at"]


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = ["id", "member_a", "member_b", "origin", "state", "started_at"]
    list_filter = ["state", "origin"]
    list_select_related = ["member_a", "member_b"]
    fields = [
        "member_a",
        "member_b",
        "origin",
        "state",
        "started_at",
        "last_exchange_at",
        "closed_at",
    ]


@admin.register(Exchange)
class ExchangeAdmin(ReadOnlyAdmin):
    list_display = ["id", "relationship", "author", "date"]
    list_select_related = ["relationship", "author"]
    fields = ["relationship", "author", "date", "created_at"]
