from django.apps import AppConfig


class DigestConfig(AppConfig):
    name = "trellis.integrations.digest"
    label = "digest"
    verbose_name = "Weekly e-mail digest"
