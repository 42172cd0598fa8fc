from django.urls import path

from trellis.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/preferences/", views.preferences, name="preferences"),
]
