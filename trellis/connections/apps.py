from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "trellis.connections"
    label = "connections"
    verbose_name = "Connections"

    def ready(self) -> None:
        from trellis.connections.selectors import blocked_pairs
        from trellis.people import hooks

        # Two people already related, or one who declined the other, are not suggested.
        hooks.register_pairs_kept_apart(blocked_pairs)
