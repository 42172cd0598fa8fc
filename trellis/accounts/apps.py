from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trellis.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from trellis.accounts.throttle import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="trellis.accounts.record_lockout")
