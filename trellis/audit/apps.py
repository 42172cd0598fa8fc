"""The audit log: who did what to whom, when and from where (never message bodies)."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "trellis.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_save, pre_save

        from trellis.audit import signals

        user_logged_in.connect(signals.on_signed_in, dispatch_uid="audit_sign_in")
        user_logged_out.connect(signals.on_signed_out, dispatch_uid="audit_sign_out")
        user_login_failed.connect(signals.on_sign_in_failed, dispatch_uid="audit_sign_in_failed")
        user_model = settings.AUTH_USER_MODEL
        pre_save.connect(
            signals.remember_roles_before_save, sender=user_model, dispatch_uid="audit_roles"
        )
        post_save.connect(signals.record_role_change, sender=user_model, dispatch_uid="audit_roles")
        post_save.connect(signals.record_admin_entry, sender=LogEntry, dispatch_uid="audit_admin")
        admin.site.add_action(signals.delete_selected_audited, "delete_selected")
