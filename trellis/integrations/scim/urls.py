"""The SCIM protocol under /scim/v2/ (namespace scim:v2, like /api/ outside the route
matrix: its answers are JSON, tested in this app) and the organiser's token page."""

from django.urls import include, path, re_path

from trellis.integrations.scim import pages, views

app_name = "scim"

protocol = [
    path("ServiceProviderConfig", views.service_provider_config, name="service_provider_config"),
    path("ResourceTypes", views.resource_types, name="resource_types"),
    path("ResourceTypes/<str:name>", views.resource_type, name="resource_type"),
    path("Schemas", views.schemas, name="schemas"),
    path("Schemas/<str:urn>", views.schema, name="schema"),
    path("Users", views.users, name="users"),
    path("Users/<str:user_id>", views.user, name="user"),
    re_path(r"^Groups(?P<rest>/.*)?$", views.groups, name="groups"),
    path("Bulk", views.bulk, name="bulk"),
    # Anything else under /scim/v2/: SCIM's own 404 body, as a client expects.
    re_path(r"^.*$", views.unknown, name="unknown"),
]

urlpatterns = [
    path("scim/v2/", include((protocol, "v2"))),
    path("organise/scim/", pages.tokens, name="tokens"),
    path("organise/scim/<int:token_id>/revoke/", pages.token_revoke, name="token_revoke"),
]
