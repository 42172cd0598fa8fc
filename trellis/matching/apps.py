from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "trellis.matching"
    label = "matching"
    verbose_name = "Matching"
