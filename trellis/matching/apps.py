from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "trellis.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from trellis.matching.receivers import refresh_recommendations
        from trellis.people.signals import interests_changed

        interests_changed.connect(refresh_recommendations, dispatch_uid="matching-interests")
