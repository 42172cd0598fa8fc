"""Operators see that posts and follows exist and can open a post; every write goes
through the services (a post's author edits or deletes it from its page)."""

from django.contrib import admin

from trellis.community.models import Post, TopicFollow
from trellis.web.admin import ReadOnlyAdmin


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["id", "author", "__str__", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["author"]
    search_fields = ["title", "author__display_name"]
    fields = ["author", "title", "body", "topics", "state", "created_at", "updated_at"]


@admin.register(TopicFollow)
class TopicFollowAdmin(ReadOnlyAdmin):
    list_display = ["id", "member", "topic", "created_at"]
    list_select_related = ["member", "topic"]
    fields = ["member", "topic", "created_at"]
