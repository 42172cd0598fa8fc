from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "trellis.community"
    label = "community"
    verbose_name = "Community"
