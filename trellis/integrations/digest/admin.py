from django.contrib import admin

from trellis.integrations.digest.models import DigestRun


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["week", "state", "sent", "skipped", "queued_at", "finished_at"]
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        # A run is queued by `trellis sweep` or `trellis digest --send-now`, which also
        # hand it to the worker; one added here would never be sent.
        return False
