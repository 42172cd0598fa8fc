from django.apps import AppConfig


class ScimConfig(AppConfig):
    name = "trellis.integrations.scim"
    label = "scim"
    verbose_name = "Provisioning (SCIM)"
