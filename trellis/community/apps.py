from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "trellis.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from trellis.community.selectors import recent_post_texts
        from trellis.people import hooks

        # A member's newest posts feed their interests, as their statements do.
        hooks.register_writing(recent_post_texts)
