"""Operators see which logins are linked to the provider, and may unlink one (the next
sign-in by SSO then links again by verified e-mail)."""

from django.contrib import admin

from trellis.integrations.sso.models import SsoIdentity


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "subject", "linked_at", "last_signed_in_at")
    search_fields = ("user__email", "subject")
    readonly_fields = ("user", "issuer", "subject", "linked_at", "last_signed_in_at")

    def has_add_permission(self, request) -> bool:
        return False
