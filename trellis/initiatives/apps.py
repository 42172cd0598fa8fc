from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "trellis.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives and visibility"

    def ready(self) -> None:
        from trellis.initiatives.helping import help_given_on_initiatives
        from trellis.initiatives.receivers import refresh_fit
        from trellis.people import hooks
        from trellis.people.signals import interests_changed

        # Work done on someone's initiative, and work someone saw, is evidence of what a
        # member can help with.
        hooks.register_help_given(help_given_on_initiatives)
        # Posts feed a member's interests: the initiatives that fit them follow.
        interests_changed.connect(refresh_fit, dispatch_uid="initiatives-fit")
