from django.contrib import admin

from trellis.integrations.digest.models import DigestRun


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["week", "state", "sent", "skipped", "queued_at", "finished_at"]
    readonly_fields = list_display
