from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "trellis.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives and visibility"

    def ready(self) -> None:
        from trellis.initiatives.helping import help_given_on_initiatives
        from trellis.people import hooks

        # Work done on someone's initiative, and work someone saw, is evidence of what a
        # member can help with.
        hooks.register_help_given(help_given_on_initiatives)
