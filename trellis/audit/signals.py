"""What the audit log learns from Django itself: sign-ins, roles and the admin.

Connected in `AuditConfig.ready`. Everything else is recorded by the area that does it,
with one `record(...)` line inside its own transaction.

Roles are watched on the model (before and after each save of a login) rather than in
the admin's form, because a login becomes an organiser or operator by more than one
path — the admin, `createsuperuser`, a shell — and a check on the model catches each.
(A bulk `update()` sends no signal; nothing in Trellis changes roles that way.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from trellis.audit.log import one_line, record

ROLE_FIELDS = ("is_organiser", "is_staff", "is_superuser")
ROLE_NAMES = {"is_organiser": "organiser", "is_staff": "operator", "is_superuser": "superuser"}
ADMIN_ACTIONS = {ADDITION: "admin.added", CHANGE: "admin.changed", DELETION: "admin.deleted"}
# Django's auth backends are asked for `username`; Trellis's sign-in form types an e-mail.
TYPED_ADDRESS_KEYS = ("username", "email")


def roles_of(values: Mapping[str, Any]) -> str:
    """The login's roles as words, "none" for a member (or anyone) with no role."""
    names = [ROLE_NAMES[field] for field in ROLE_FIELDS if values.get(field)]
    return ", ".join(names) or "none"


def on_signed_in(sender, request, user, **kwargs) -> None:
    record("sign_in.succeeded", actor=user, request=request, target=f"login {user.pk}")


def on_signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:  # signing out when not signed in is nothing to record
        record("sign_out.succeeded", actor=user, request=request, target=f"login {user.pk}")


def on_sign_in_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """Keep the address as typed (it may belong to nobody); the password is never read."""
    typed = next((credentials[key] for key in TYPED_ADDRESS_KEYS if key in credentials), "")
    record("sign_in.failed", request=request, target=one_line(str(typed), limit=200))


def remember_roles_before_save(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not set(update_fields) & set(ROLE_FIELDS):
        instance._audit_roles_before = None  # e.g. last_login on sign-in: no role can change
    elif instance._state.adding or instance.pk is None:
        instance._audit_roles_before = "none"
    else:
        stored = sender._base_manager.filter(pk=instance.pk).values(*ROLE_FIELDS).first()
        instance._audit_roles_before = roles_of(stored) if stored else "none"


def record_role_change(sender, instance, **kwargs) -> None:
    before = getattr(instance, "_audit_roles_before", None)
    after = roles_of({field: getattr(instance, field, False) for field in ROLE_FIELDS})
    if before is not None and before != after:
        record("role.changed", target=f"login {instance.pk}", before=before, after=after)
    instance._audit_roles_before = None


def record_admin_entry(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    """One admin addition, change or deletion: which model, which row, which fields —
    never a value, and not the row's name either (`object_repr` may be a person's)."""
    if not created or instance.action_flag not in ADMIN_ACTIONS:
        return
    content_type = ContentType.objects.get_for_id(instance.content_type_id)
    model = content_type.model if content_type else "unknown"
    details: dict[str, Any] = {"model": model}
    fields = changed_field_names(instance.change_message)
    if fields:
        details["fields"] = fields
    record(
        ADMIN_ACTIONS[instance.action_flag],
        actor=instance.user,
        target=f"{model} {instance.object_id}",
        **details,
    )


def changed_field_names(change_message: str) -> str:
    """The names (never the values) of the fields an admin change message lists."""
    try:
        parts = json.loads(change_message or "[]")
    except ValueError:
        return ""
    names: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        changed = part.get("changed", {}) if isinstance(part, dict) else {}
        names += [str(name) for name in changed.get("fields", [])]
    return ", ".join(names)


@admin.action(permissions=["delete"], description=delete_selected.short_description)
def delete_selected_audited(modeladmin, request, queryset):
    """Django's "Delete selected" with the deletion recorded when it is of several rows.

    Django logs several deletions with one `bulk_create` of log entries, which sends no
    signal; one deletion is a single saved entry, recorded by `record_admin_entry`.
    """
    confirmed = bool(request.POST.get("post"))
    ids = [str(pk) for pk in queryset.values_list("pk", flat=True)] if confirmed else []
    response = delete_selected(modeladmin, request, queryset)
    if response is None and len(ids) > 1:  # None: deleted, back to the list
        model = modeladmin.model._meta.model_name
        shown = ", ".join(ids)
        record(
            "admin.deleted",
            request=request,
            target=f"{model} ({len(ids)} rows)",
            model=model,
            count=len(ids),
            ids=shown,
        )
    return response
