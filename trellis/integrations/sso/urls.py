from django.urls import path

from trellis.integrations.sso import views

app_name = "sso"

# Register https://<host>/sso/callback/ as the redirect URI at the identity provider.
urlpatterns = [
    path("sso/start/", views.sso_start, name="start"),
    path("sso/callback/", views.sso_callback, name="callback"),
]
