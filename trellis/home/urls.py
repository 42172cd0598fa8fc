from django.urls import path

from trellis.home.views import compose, pages, suggestions

app_name = "home"

urlpatterns = [
    path("", pages.home, name="home"),
    path("people/<int:member_id>/", pages.profile, name="profile"),
    path("topics/<slug:slug>/", pages.topic_detail, name="topic_detail"),
    path("posts/<int:post_id>/", pages.post_detail, name="post_detail"),
    path("intros/new/<int:member_id>/", compose.compose, name="compose"),
    path("intros/new/<int:member_id>/lint/", compose.compose_lint, name="compose_lint"),
    path(
        "suggestions/<int:suggestion_id>/restore/",
        suggestions.suggestion_restore,
        name="suggestion_restore",
    ),
]
