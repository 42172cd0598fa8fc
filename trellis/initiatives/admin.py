"""Operators see that initiatives, offers, contributions and observations exist; every
write goes through the services, and the text of contributions and observations is
not shown here (organisers never read what members wrote about each other)."""

from django.contrib import admin

from trellis.community.admin import ReadOnly
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer


@admin.register(Initiative)
class InitiativeAdmin(ReadOnly):
    list_display = ["id", "title", "lead", "state", "helpers_wanted", "ends_on", "opened_at"]
    list_filter = ["state"]
    list_select_related = ["lead"]
    search_fields = ["title", "lead__display_name"]
    fields = ["lead", "title", "state", "helpers_wanted", "ends_on", "opened_at", "closed_at"]
    readonly_fields = fields


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnly):
    # No state: a decline is the volunteer's to know, not an operator's.
    list_display = ["id", "initiative", "member", "created_at"]
    list_select_related = ["initiative", "member"]
    fields = ["initiative", "member", "created_at"]
    readonly_fields = fields


@admin.register(Contribution)
class ContributionAdmin(ReadOnly):
    list_display = ["id", "initiative", "member", "created_at"]
    list_select_related = ["initiative", "member"]
    fields = ["initiative", "member", "created_at"]
    readonly_fields = fields


@admin.register(Observation)
class ObservationAdmin(ReadOnly):
    list_display = ["id", "observer", "subject", "seen_on", "created_at"]
    list_select_related = ["observer", "subject"]
    fields = ["observer", "subject", "initiative", "seen_on", "created_at"]
    readonly_fields = fields
