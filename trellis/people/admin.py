from django.contrib import admin

from trellis.people.models import Member, ProfileTopic, Topic, TopicAlias
from trellis.web.admin import OnlyOfferedLookups


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 0
    fields = ["text", "kind", "case_sensitive", "key"]
    # Aliases come from the vocabulary file (`trellis load-topics`); edit it there.
    readonly_fields = fields
    can_delete = False
    max_num = 0


@admin.register(Topic)
class TopicAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["name", "area", "slug"]
    list_filter = ["area"]
    search_fields = ["name", "aliases__text"]
    inlines = [TopicAliasInline]


@admin.register(Member)
class MemberAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["display_name", "user", "discipline", "team", "status"]
    list_filter = ["status", "discipline"]
    search_fields = ["display_name", "user__email", "team"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "manager"]
    # How to reach someone is shown only inside an open relationship, never to operators.
    exclude = ["chat_handle", "booking_link", "search_name"]


@admin.register(ProfileTopic)
class ProfileTopicAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    list_display = ["member", "statement", "topic"]
    list_filter = ["statement"]
    list_select_related = ["member", "topic"]
    raw_id_fields = ["member", "topic"]
