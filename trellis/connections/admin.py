"""Operators see that connections exist, never what members wrote.

Messages, decline reasons, closing reasons, exchange notes and reflections are
private (DESIGN.md §6): none of them is a field here, and reflections are not
registered at all.
"""

from django.contrib import admin

from trellis.connections.models import (
    Exchange,
    Intro,
    Notification,
    NotificationPreference,
    Relationship,
)


class ReadOnly(admin.ModelAdmin):
    """Listed and opened, never changed here: every write goes through the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


@admin.register(Intro)
class IntroAdmin(ReadOnly):
    list_display = ["id", "sender", "recipient", "origin", "state", "sent_at", "expires_at"]
    list_filter = ["state", "origin"]
    list_select_related = ["sender", "recipient"]
    fields = ["sender", "recipient", "origin", "state", "created_at", "sent_at", "expires_at"]


@admin.register(Relationship)
class RelationshipAdmin(ReadOnly):
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
class ExchangeAdmin(ReadOnly):
    list_display = ["id", "relationship", "author", "date"]
    list_select_related = ["relationship", "author"]
    fields = ["relationship", "author", "date", "created_at"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["id", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    fields = ["recipient", "kind", "created_at", "read_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnly):
    list_display = ["member", "kind", "in_app", "email"]
    list_filter = ["kind"]
    list_select_related = ["member"]
