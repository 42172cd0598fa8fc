from django.urls import path

from trellis.matching import views

app_name = "matching"

urlpatterns = [
    path("organise/rounds/", views.round_list, name="round_list"),
    path("organise/rounds/new/", views.round_new, name="round_new"),
    path("organise/rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("organise/rounds/<int:round_id>/publish/", views.round_publish, name="round_publish"),
    path("organise/rounds/<int:round_id>/restart/", views.round_restart, name="round_restart"),
    path("organise/rounds/<int:round_id>/withdraw/", views.round_withdraw, name="round_withdraw"),
    path("organise/rounds/<int:round_id>/pairs/add/", views.round_pair_add, name="round_pair_add"),
    path(
        "organise/rounds/<int:round_id>/pairs/<int:suggestion_id>/remove/",
        views.round_pair_remove,
        name="round_pair_remove",
    ),
    path(
        "organise/rounds/<int:round_id>/people/",
        views.round_member_search,
        name="round_member_search",
    ),
    path(
        "suggestions/<int:suggestion_id>/dismiss/",
        views.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
]
