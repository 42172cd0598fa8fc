from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from trellis.accounts.models import User
from trellis.web.admin import OnlyOfferedLookups


@admin.register(User)
class UserAdmin(OnlyOfferedLookups, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_organiser", "is_staff", "is_active", "last_login"]
    list_filter = ["is_organiser", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Roles", {"fields": ["is_active", "is_organiser", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal: list[str] = []
