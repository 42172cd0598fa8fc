"""Roster import: validate a whole CSV first, then write it in one transaction.

The file has a header row; `email` is the only required column. Members are
matched by e-mail (case-insensitively); columns the file leaves out, and members
it does not mention, are left as they are. Every problem in the file is
collected before anything is written, so an organiser fixes them all in one go.

The modules, in the order an import runs through them: `reading` (size,
encoding, CSV, header, rows), `cells` (the columns and each cell's rules),
`checks` (the database: existing members, managers, reporting cycles),
`writing` (plan, bulk create and update, invitations); `services` holds
`roster_import` (a CSV file) and `roster_apply` (members as the identity provider
describes them, for SCIM): one path for both. `report` is what they return or raise.
"""

from trellis.people.roster.cells import COLUMNS
from trellis.people.roster.reading import roster_size_problem
from trellis.people.roster.report import RosterError, RosterProblem, RosterReport
from trellis.people.roster.services import RosterEntry, roster_apply, roster_import

__all__ = [
    "COLUMNS",
    "RosterEntry",
    "RosterError",
    "RosterProblem",
    "RosterReport",
    "roster_apply",
    "roster_import",
    "roster_size_problem",
]
