from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "trellis.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from trellis.community.selectors import post_problems, recent_post_texts
        from trellis.people import hooks

        # A member's newest posts feed their interests, as their statements do.
        hooks.register_writing(recent_post_texts)
        # Each post is a problem someone could help with.
        hooks.register_post_problems(post_problems)
