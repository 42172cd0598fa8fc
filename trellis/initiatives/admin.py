"""Operators see that initiatives, offers, contributions and observations exist; every
write goes through the services, and the text of contributions and observations is
not shown here (organisers never read what members wrote about each other)."""

from django.contrib import admin

from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.web.admin import ReadOnlyAdmin


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "lead", "state", "helpers_wanted", "ends_on", "opened_at"]
    list_filter = ["state"]
    list_select_related = ["lead"]
    search_fields = ["title", "lead__display_name"]
    fields = ["lead", "title", "state", "helpers_wanted", "ends_on", "opened_at", "closed_at"]


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyAdmin):
    # No state: a decline is the volunteer's to know, not an operator's.
    list_display = ["id", "initiative", "member", "created_at"]
    list_select_related = ["initiative", "member"]
    fields = ["initiative", "member", "created_at"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["id", "initiative", "member", "created_at"]
    list_select_related = ["initiative", "member"]
    fields = ["initiative", "member", "created_at"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["id", "observer", "subject", "seen_on", "created_at"]
    list_select_related = ["observer", "subject"]
    fields = ["observer", "subject", "initiative", "seen_on", "created_at"]
