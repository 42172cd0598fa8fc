from django.urls import path

from trellis.audit import views

app_name = "audit"

urlpatterns = [
    path("operate/audit/", views.event_list, name="event_list"),
    path("operate/audit/export.jsonl", views.event_export, name="event_export"),
]
