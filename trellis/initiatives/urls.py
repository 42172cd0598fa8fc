from django.urls import path

from trellis.initiatives.views import (
    initiatives,
    milestones,
    observations,
    visibility,
    volunteers,
)

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/new/", initiatives.initiative_new, name="initiative_new"),
    path(
        "initiatives/<int:initiative_id>/", initiatives.initiative_detail, name="initiative_detail"
    ),
    path(
        "initiatives/<int:initiative_id>/edit/", initiatives.initiative_edit, name="initiative_edit"
    ),
    path(
        "initiatives/<int:initiative_id>/move/", initiatives.initiative_move, name="initiative_move"
    ),
    path(
        "initiatives/<int:initiative_id>/milestones/",
        milestones.milestone_list,
        name="milestone_list",
    ),
    path("milestones/<int:milestone_id>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path(
        "milestones/<int:milestone_id>/remove/",
        milestones.milestone_remove,
        name="milestone_remove",
    ),
    path(
        "initiatives/<int:initiative_id>/volunteer/", volunteers.volunteer_new, name="volunteer_new"
    ),
    path(
        "initiatives/<int:initiative_id>/volunteer/withdraw/",
        volunteers.volunteer_withdraw,
        name="volunteer_withdraw",
    ),
    path(
        "initiatives/<int:initiative_id>/volunteers/",
        volunteers.volunteer_list,
        name="volunteer_list",
    ),
    path(
        "volunteers/<int:volunteer_id>/accept/",
        volunteers.volunteer_accept,
        name="volunteer_accept",
    ),
    path(
        "volunteers/<int:volunteer_id>/decline/",
        volunteers.volunteer_decline,
        name="volunteer_decline",
    ),
    path(
        "initiatives/<int:initiative_id>/contributions/",
        volunteers.contribution_new,
        name="contribution_new",
    ),
    path(
        "contributions/<int:contribution_id>/delete/",
        volunteers.contribution_delete,
        name="contribution_delete",
    ),
    path("people/<int:member_id>/observe/", observations.observation_new, name="observation_new"),
    path(
        "people/<int:member_id>/observe/lint/",
        observations.observation_lint,
        name="observation_lint",
    ),
    path(
        "observations/<int:observation_id>/show/",
        observations.observation_show,
        name="observation_show",
    ),
    path(
        "observations/<int:observation_id>/delete/",
        observations.observation_delete,
        name="observation_delete",
    ),
    path("visibility/", visibility.visibility, name="visibility"),
    path("visibility/chart.svg", visibility.visibility_chart, name="visibility_chart"),
    path(
        "organiser/unseen-contributors/", visibility.unseen_contributors, name="unseen_contributors"
    ),
]
