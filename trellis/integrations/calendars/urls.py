from django.urls import path

from trellis.integrations.calendars import views

app_name = "calendars"

urlpatterns = [
    path("calendar/", views.feed_page, name="feed"),
    path("calendar/milestones.ics", views.organiser_ics, name="organiser_ics"),
    path("calendar/<str:secret>/milestones.ics", views.feed_ics, name="feed_ics"),
]
