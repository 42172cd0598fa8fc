from django.urls import path

from trellis.integrations.digest import views

app_name = "digest"

urlpatterns = [
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
