from django.urls import path

from trellis.people import views

app_name = "people"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/teams/", views.team_suggestions, name="team_suggestions"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("organise/roster/", views.roster_upload, name="roster_upload"),
]
