from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "trellis.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from trellis.db.worker import task_requeued
        from trellis.matching.receivers import (
            refresh_all_helpers,
            refresh_helpers,
            refresh_recommendations,
            round_task_requeued,
        )
        from trellis.people.signals import help_given_changed, interests_changed

        interests_changed.connect(refresh_recommendations, dispatch_uid="matching-interests")
        interests_changed.connect(refresh_helpers, dispatch_uid="matching-helpers")
        help_given_changed.connect(refresh_all_helpers, dispatch_uid="matching-help-given")
        task_requeued.connect(round_task_requeued, dispatch_uid="matching-round-requeued")
