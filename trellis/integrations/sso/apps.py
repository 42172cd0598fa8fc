from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "trellis.integrations.sso"
    label = "sso"
    verbose_name = "Single sign-on"
