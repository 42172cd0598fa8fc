from django.contrib import admin

from trellis.matching.models import (
    HelperList,
    PossibleHelper,
    RecommendationRefresh,
    Round,
    Suggestion,
)
from trellis.web.admin import OnlyOfferedLookups


@admin.register(Round)
class RoundAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["id", "state", "cohort", "organiser", "created_at", "published_at"]
    list_filter = ["state"]
    list_select_related = ["organiser"]
    raw_id_fields = ["organiser", "published_by"]
    # A round's outcome is written by its run; change it through the round pages.
    readonly_fields = [
        "state",
        "progress",
        "stage",
        "metrics",
        "failure_reason",
        "heartbeat_at",
        "started_at",
        "finished_at",
        "published_at",
        "published_by",
    ]


@admin.register(Suggestion)
class SuggestionAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["id", "kind", "round", "member_a", "member_b", "score", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["member_a", "member_b", "round"]
    raw_id_fields = ["round", "recommended_to", "member_a", "member_b"]


@admin.register(RecommendationRefresh)
class RecommendationRefreshAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["member", "requested_at", "refreshed_at"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]


class PossibleHelperInline(admin.TabularInline):
    model = PossibleHelper
    fields = ["position", "helper", "score", "explanation", "helping_since"]
    raw_id_fields = ["helper"]
    extra = 0


@admin.register(HelperList)
class HelperListAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    """Who could help, as the background worker last worked it out (it rewrites them)."""

    list_display = ["id", "about", "member", "post", "topic", "requested_at", "computed_at"]
    list_filter = ["about"]
    list_select_related = ["member", "post", "topic"]
    raw_id_fields = ["member", "post", "topic"]
    readonly_fields = ["computed_at"]
    inlines = [PossibleHelperInline]
