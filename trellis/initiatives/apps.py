from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "trellis.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives and visibility"
