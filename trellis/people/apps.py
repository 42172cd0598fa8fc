from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "trellis.people"
    label = "people"
    verbose_name = "People"
