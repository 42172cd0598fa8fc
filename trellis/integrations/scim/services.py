"""Writing a SCIM User: through the roster's service, so the CSV import's rules apply."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from trellis.accounts.models import User
from trellis.integrations.scim.protocol import ScimError
from trellis.integrations.scim.resources import (
    UserState,
    problem_detail,
    roster_entry,
    state_of,
)
from trellis.people.models import Member
from trellis.people.roster import RosterError, roster_apply


def scim_user_write(*, state: UserState, member: Member | None, source: str) -> Member:
    """Create (`member` None) or replace a member from `state`; ScimError, writing
    nothing, if the roster refuses it. Returns the member as written. `source` names the
    token in the audit log."""
    email = state.user_name.strip().lower()
    with transaction.atomic():
        taken = User.objects.filter(email=email, member__isnull=False)
        if member is not None:
            taken = taken.exclude(pk=member.user_id)
        if taken.exists():
            raise ScimError(409, f"userName: {email} is already another User's.", "uniqueness")
        entry = roster_entry(state, member=member)
        try:
            roster_apply(entries=[entry], source=source)
        except RosterError as error:
            detail = " ".join(problem_detail(problem) for problem in error.problems)
            raise ScimError(400, detail, "invalidValue") from None
        return Member.objects.select_related("user").get(user__email=email)


def scim_user_deactivate(*, member: Member, source: str) -> Member:
    """DELETE: the member leaves (active false), as a PATCH of active would do; Trellis
    never deletes a member this way (their data rights are the organiser's page)."""
    state = replace(state_of(member), active=False)
    return scim_user_write(state=state, member=member, source=source)
