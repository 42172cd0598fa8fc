from django.apps import AppConfig


class DbConfig(AppConfig):
    """Database plumbing; its one model is the background workers' heartbeat. Listed
    before django_tasks_db so that `trellis db_worker` is ours (`management/commands`)."""

    name = "trellis.db"
    label = "trellis_db"
    verbose_name = "Background workers"
