"""The roster's writes, shared by every way members arrive: a CSV file and the identity provider.

`roster_import` reads a CSV file; `roster_apply` takes members as an identity provider
describes them (SCIM, trellis/integrations/scim). Both clean each value with the same
rules (cells), check the same things against the database (checks: unknown managers,
reporting cycles, limits) and write the same way (writing), in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from trellis.accounts.models import User
from trellis.audit.log import record
from trellis.people import hooks
from trellis.people.models import Member
from trellis.people.roster.cells import COLUMNS, _email, _Invalid
from trellis.people.roster.checks import members_by_email
from trellis.people.roster.reading import Parsed, parse, rows_from_values
from trellis.people.roster.report import RosterReport, refused
from trellis.people.roster.writing import Plan, invite_unclaimed, plan_import, write_plan

CHANGED_UNDER_US = "Trellis changed while the roster was being imported; nothing was written."


@dataclass(frozen=True)
class RosterEntry:
    """One member as an identity provider describes them, in the roster's columns.

    `values` holds text as a CSV cell would (a column left out keeps its value, an empty
    one clears it); `active` False means they have left, True that they are (back) in
    the organisation, None leaves their status alone. `email_was` is the login of the
    member this entry is about when the provider changes it.
    """

    values: dict[str, str]
    active: bool | None = None
    email_was: str | None = None


def roster_import(*, data: bytes, dry_run: bool = False, invite: bool = False) -> RosterReport:
    """Create and update members from a roster CSV; raise RosterError, writing nothing, if
    anything in it is wrong. With `invite`, e-mail members who have not claimed an account."""
    parsed = parse(data)
    with transaction.atomic():
        plan = _write(parsed, dry_run=dry_run, statuses={}, renames={})
        record(
            "roster.imported",
            target="roster",
            rows=parsed.row_count,
            created=len(plan.new),
            updated=len(plan.changes),
            dry_run=dry_run,
        )
    report = RosterReport(
        created=len(plan.new),
        updated=len(plan.changes),
        unchanged=len(parsed.rows) - len(plan.new) - len(plan.changes),
        dry_run=dry_run,
        rows=parsed.row_count,
    )
    if invite and dry_run:
        report.warnings.append("Dry run: no invitations were sent.")
    elif invite:
        report.invited = invite_unclaimed(emails=[row.email for row in parsed.rows])
        record("invitations.sent", target="roster", count=report.invited)
    return report


def roster_apply(*, entries: Sequence[RosterEntry], source: str) -> RosterReport:
    """Create and update the members these entries describe, through the roster's own
    cleaning, checks and writes; raise RosterError, writing nothing, if anything is wrong
    (a problem's `line` is the entry's position, from 1)."""
    unknown = {column for entry in entries for column in entry.values} - set(COLUMNS)
    if unknown:
        raise ValueError(f"Not roster columns: {', '.join(sorted(unknown))}")
    parsed = rows_from_values([entry.values for entry in entries])
    emails = [entry.values.get("email", "").strip().lower() for entry in entries]
    statuses = {email: entry.active for email, entry in zip(emails, entries, strict=True) if email}
    renames = {
        entry.email_was: email
        for email, entry in zip(emails, entries, strict=True)
        if entry.email_was and email and entry.email_was != email
    }
    with transaction.atomic():
        plan = _write(parsed, dry_run=False, statuses=statuses, renames=renames)
        record(
            "roster.provisioned",
            target="roster",
            source=source,
            created=len(plan.new),
            updated=len(plan.changes),
        )
    return RosterReport(created=len(plan.new), updated=len(plan.changes), rows=len(entries))


def _write(
    parsed: Parsed, *, dry_run: bool, statuses: dict[str, bool | None], renames: dict[str, str]
) -> Plan:
    """Check and write `parsed` in one transaction; raise RosterError if anything is wrong."""
    try:
        with transaction.atomic():
            _rename(renames)
            plan = plan_import(parsed)
            if not dry_run:
                write_plan(plan)
                _set_statuses(plan, statuses)
    except IntegrityError:
        # Someone else added one of these e-mails between our check and our write.
        raise refused(1, None, f"{CHANGED_UNDER_US} Please try again.") from None
    return plan


def _rename(renames: dict[str, str]) -> None:
    """Give members their new logins first, so the rows find them by their new e-mail;
    a new e-mail already someone's login is refused."""
    for old, new in renames.items():
        try:
            new = _email(new)
        except _Invalid as error:
            raise refused(1, "email", str(error)) from None
        if User.objects.filter(email=new).exists():
            raise refused(1, "email", f"The e-mail {new} is already another member's login.")
        User.objects.filter(email=old).update(email=new)


def _set_statuses(plan: Plan, statuses: dict[str, bool | None]) -> None:
    """Mark members who left as left (no sign-in) and bring back those who return; tell
    the areas about the leavers so what waited on them winds down."""
    wanted = {email: active for email, active in statuses.items() if active is not None}
    if not wanted:
        return
    members = members_by_email(list(wanted))
    leaving = [m for e, m in members.items() if not wanted[e] and m.status != Member.Status.LEFT]
    back = [m for e, m in members.items() if wanted[e] and m.status == Member.Status.LEFT]
    now = timezone.now()
    for members_, status, active in ((leaving, "left", False), (back, "active", True)):
        if not members_:
            continue
        ids = [member.pk for member in members_]
        Member.objects.filter(pk__in=ids).update(status=status, updated_at=now)
        User.objects.filter(member__in=ids).update(is_active=active)
        for member in members_:
            member.status = status
            email = member.login  # annotated by members_by_email
            if email not in plan.changes and email not in plan.new:
                plan.changes[email] = (member, {"status"})
    hooks.members_left(member_ids=[member.pk for member in leaving], now=now)


__all__ = ["RosterEntry", "roster_apply", "roster_import"]
