from django.urls import path

from trellis.connections.views import intros, reflections, relationships

app_name = "connections"

urlpatterns = [
    path("intros/", intros.intro_list, name="intro_list"),
    path("intros/<int:intro_id>/", intros.intro_detail, name="intro_detail"),
    path("intros/<int:intro_id>/accept/", intros.intro_accept, name="intro_accept"),
    path("intros/<int:intro_id>/decline/", intros.intro_decline, name="intro_decline"),
    path("intros/<int:intro_id>/withdraw/", intros.intro_withdraw, name="intro_withdraw"),
    path("relationships/", relationships.relationship_list, name="relationship_list"),
    path(
        "relationships/<int:relationship_id>/",
        relationships.relationship_detail,
        name="relationship_detail",
    ),
    path(
        "relationships/<int:relationship_id>/seen/",
        relationships.relationship_seen,
        name="relationship_seen",
    ),
    path(
        "relationships/<int:relationship_id>/exchanges/",
        relationships.exchange_new,
        name="exchange_new",
    ),
    path(
        "relationships/<int:relationship_id>/meetings/",
        relationships.meeting_new,
        name="meeting_new",
    ),
    path(
        "relationships/<int:relationship_id>/meetings/<int:meeting_id>/invitation.ics",
        relationships.meeting_ics_download,
        name="meeting_ics",
    ),
    path(
        "relationships/<int:relationship_id>/close/",
        relationships.relationship_close,
        name="relationship_close",
    ),
    path("reciprocity/", relationships.reciprocity_view, name="reciprocity"),
    path("journal/", reflections.reflection_list, name="reflection_list"),
    path("journal/new/", reflections.reflection_new, name="reflection_new"),
    path("journal/<int:reflection_id>/", reflections.reflection_detail, name="reflection_detail"),
    path(
        "journal/<int:reflection_id>/delete/",
        reflections.reflection_delete,
        name="reflection_delete",
    ),
    path("journal/export/<str:fmt>/", reflections.reflection_export, name="reflection_export"),
]
