from django.urls import path

from trellis.people import views

app_name = "people"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.directory, name="directory"),
    path("people/<int:member_id>/", views.profile, name="profile"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("organise/roster/", views.roster_upload, name="roster_upload"),
]
