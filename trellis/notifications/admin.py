"""Operators see that notifications exist and what each member chose; nothing is changed here."""

from django.contrib import admin

from trellis.notifications.models import Notification, NotificationPreference
from trellis.web.admin import ReadOnlyAdmin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["id", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    fields = ["recipient", "kind", "created_at", "read_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "in_app", "email"]
    list_filter = ["kind"]
    list_select_related = ["member"]
