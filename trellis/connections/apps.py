from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "trellis.connections"
    label = "connections"
    verbose_name = "Connections"

    def ready(self) -> None:
        from trellis.connections.selectors import (
            blocked_pairs,
            help_given_in_exchanges,
            relationship_loads,
        )
        from trellis.connections.services.intros import intros_close_for_leavers
        from trellis.people import hooks

        # Two people already related, or one who declined the other, are not suggested.
        hooks.register_pairs_kept_apart(blocked_pairs)
        # What a member shared in an exchange is evidence of what they can help with;
        # their relationships fill their capacity.
        hooks.register_help_given(help_given_in_exchanges)
        hooks.register_relationship_load(relationship_loads)
        # The intros still waiting on a member who left close, as an expiry or withdrawal.
        hooks.register_member_left(intros_close_for_leavers)
