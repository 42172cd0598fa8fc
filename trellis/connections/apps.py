from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "trellis.connections"
    label = "connections"
    verbose_name = "Connections"
