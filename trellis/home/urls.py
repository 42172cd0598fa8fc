from django.urls import path

from trellis.home.views import compose, data, pages, suggestions, working_out

app_name = "home"

urlpatterns = [
    path("", pages.home, name="home"),
    path("people/<int:member_id>/", pages.profile, name="profile"),
    path("topics/<slug:slug>/", pages.topic_detail, name="topic_detail"),
    path("posts/<int:post_id>/", pages.post_detail, name="post_detail"),
    # Derived data a page found missing, asked for by POST once it loaded (GETs never write).
    path("working-out/", working_out.work_out_mine, name="work_out_mine"),
    path("topics/<slug:slug>/working-out/", working_out.work_out_topic, name="work_out_topic"),
    path("posts/<int:post_id>/working-out/", working_out.work_out_post, name="work_out_post"),
    path("intros/new/<int:member_id>/", compose.compose, name="compose"),
    path("intros/new/<int:member_id>/lint/", compose.compose_lint, name="compose_lint"),
    path(
        "suggestions/<int:suggestion_id>/restore/",
        suggestions.suggestion_restore,
        name="suggestion_restore",
    ),
    # Data rights (issue 14): a member's own data; organisers, for people who left.
    path("me/data/", data.my_data, name="my_data"),
    path("me/data/download/", data.my_data_download, name="my_data_download"),
    path("me/data/delete/", data.my_account_delete, name="my_account_delete"),
    path("organise/leavers/", data.leaver_list, name="leaver_list"),
    path("organise/leavers/<int:member_id>/", data.leaver_detail, name="leaver_detail"),
    path("organise/leavers/<int:member_id>/export/", data.leaver_export, name="leaver_export"),
    path("organise/leavers/<int:member_id>/delete/", data.leaver_delete, name="leaver_delete"),
]
