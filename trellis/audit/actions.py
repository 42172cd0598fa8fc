"""Every action the audit log records, with what it means.

The operator's page offers these in its filter and the README lists them; a test reads
every `record("…")` call in Trellis and fails on a name missing here, so the list stays
the whole truth. Names are lower-case `noun.past_verb`.
"""

from __future__ import annotations

ACTIONS: dict[str, str] = {
    # Signing in (Django's auth signals; trellis/audit/signals.py).
    "sign_in.succeeded": "Someone signed in.",
    "sign_in.failed": "A sign-in was refused; the target is the address as typed.",
    "sign_out.succeeded": "Someone signed out.",
    # Throttling (trellis/accounts).
    "lockout.started": "Too many failed sign-ins: an account or address was locked out.",
    "lockout.lifted": "An operator lifted a lockout (`trellis unlock`).",
    # Roles and the admin.
    "role.changed": "A login gained or lost the organiser, operator or superuser role.",
    "admin.added": "An operator added a row in the admin (model and id).",
    "admin.changed": "An operator changed a row in the admin (model, id, field names).",
    "admin.deleted": "An operator deleted rows in the admin (model and ids).",
    # Organisers' work.
    "roster.imported": "A roster was imported or checked (counts; dry run or not).",
    "roster.provisioned": "The identity provider created or updated a member (SCIM; counts).",
    "invitations.sent": "Members who had not claimed an account were e-mailed an invitation.",
    "round.published": "A matching round's pairs were shown to their members.",
    "round.withdrawn": "A published matching round was taken back.",
    "export.downloaded": "An organiser or operator downloaded a list (which one, how many rows).",
    # Data rights (a member's own, or an organiser's for someone who left).
    "account.exported": "Everything Trellis holds about a member was downloaded.",
    "account.deleted": "A member's account was deleted.",
    # Running Trellis.
    "backup.created": "A backup was written (`trellis backup`).",
    "backup.restored": "A backup was restored (`trellis restore`).",
    "audit.exported": "The audit log itself was exported (page or `trellis audit-export`).",
    "audit.pruned": "Events older than the retention period were deleted.",
    # The API (issue 16): recorded once tokens exist.
    "token.created": "An API token was created (its name, never its value).",
    "token.revoked": "An API token was revoked.",
    # Provisioning (issue 17): the identity provider's SCIM tokens.
    "scim_token.created": "A SCIM provisioning token was created (its name, never its value).",
    "scim_token.revoked": "A SCIM provisioning token was revoked.",
    # Chat webhooks (issue 17, trellis/integrations/chat): the address's host, never all of it.
    "webhook.created": "An organiser added a chat webhook (name, format, address's host).",
    "webhook.changed": "An organiser changed a chat webhook.",
    "webhook.deleted": "An organiser deleted a chat webhook and its deliveries.",
    # Calendar feeds (trellis/integrations/calendars): a secret address, never its value.
    "calendar_feed.created": "A member made a calendar feed address (replacing any before it).",
    "calendar_feed.revoked": "A member revoked their calendar feed address.",
}
