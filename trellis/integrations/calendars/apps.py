from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "trellis.integrations.calendars"
    label = "calendars"
    verbose_name = "Calendar feeds"
