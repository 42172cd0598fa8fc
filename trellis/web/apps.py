from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared web helpers, and `trellis serve`; no models."""

    name = "trellis.web"
    label = "web"
    verbose_name = "Web"
