"""`roster_import`: the one entry point the command and the upload page call."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from trellis.audit.log import record
from trellis.people.roster.reading import parse
from trellis.people.roster.report import RosterReport, refused
from trellis.people.roster.writing import invite_unclaimed, plan_import, write_plan


def roster_import(*, data: bytes, dry_run: bool = False, invite: bool = False) -> RosterReport:
    """Create and update members from a roster CSV; raise RosterError, writing nothing, if
    anything in it is wrong. With `invite`, e-mail members who have not claimed an account."""
    parsed = parse(data)
    try:
        with transaction.atomic():
            plan = plan_import(parsed)
            if not dry_run:
                write_plan(plan)
            record(
                "roster.imported",
                target="roster",
                rows=parsed.row_count,
                created=len(plan.new),
                updated=len(plan.changes),
                dry_run=dry_run,
            )
    except IntegrityError:
        # Someone else added one of these e-mails between our check and our write.
        message = "Trellis changed while the roster was being imported; nothing was written."
        raise refused(1, None, f"{message} Please try again.") from None
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
