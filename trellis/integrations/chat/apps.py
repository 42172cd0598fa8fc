"""The chat webhooks app: its receivers listen for the areas' public events."""

from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "trellis.integrations.chat"
    label = "chat"
    verbose_name = "Chat webhooks"

    def ready(self) -> None:
        from trellis.integrations.chat import receivers  # noqa: F401  (connects them)
