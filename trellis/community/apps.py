from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "trellis.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from trellis.community.selectors import (
            help_given_in_replies,
            post_problems,
            recent_post_texts,
        )
        from trellis.people import hooks

        # A member's newest posts feed their interests, as their statements do.
        hooks.register_writing(recent_post_texts)
        # Each post is a problem someone could help with.
        hooks.register_post_problems(post_problems)
        # A reply its post's author said helped is evidence of what its author can help with.
        hooks.register_help_given(help_given_in_replies)
