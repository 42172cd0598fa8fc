"""Checking a roster against the database: who exists already, managers, reporting cycles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import F

from trellis.accounts.models import User
from trellis.people.models import Member
from trellis.people.roster.cells import Row
from trellis.people.roster.report import RosterProblem

BATCH = 500  # rows per IN (...) look-up and per bulk write
CHAIN_SHOWN = 10
# Up to this many rows, reporting cycles are looked for along the rows' own lines only.
FEW_ROWS = 100  # members named in a reporting-cycle message before it is shortened

# A manager is a member's id, or the e-mail of a member this import creates.
Manager = int | str | None


def chunks(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def members_by_email(emails: Sequence[str]) -> dict[str, Member]:
    """The members with these e-mails, by e-mail."""
    members: dict[str, Member] = {}
    for chunk in chunks(emails):
        query = Member.objects.filter(user__email__in=chunk).annotate(login=F("user__email"))
        members.update((member.login, member) for member in query)
    return members


def user_ids_by_email(emails: Sequence[str]) -> dict[str, int]:
    """The ids of the users with these e-mails."""
    ids: dict[str, int] = {}
    for chunk in chunks(emails):
        ids.update(User.objects.filter(email__in=chunk).values_list("email", "id"))
    return ids


def row_managers(
    rows: list[Row], members: dict[str, Member]
) -> tuple[dict[str, Manager], list[RosterProblem]]:
    """Each row's manager as the file says; unknown managers and self-managers are problems."""
    in_file = {row.email for row in rows}
    outside = sorted({r.manager_email for r in rows if r.manager_email} - in_file)
    elsewhere: dict[str, int] = {}
    for chunk in chunks(outside):
        found = Member.objects.filter(user__email__in=chunk).values_list("user__email", "id")
        elsewhere.update(found)
    managers: dict[str, Manager] = {}
    problems: list[RosterProblem] = []
    for row in rows:
        wanted = row.manager_email
        if wanted is None:
            continue
        manager: Manager = None
        message = ""
        if wanted == row.email:
            message = "A member cannot be their own manager."
        elif wanted in in_file:
            manager = members[wanted].pk if wanted in members else wanted
        elif wanted in elsewhere:
            manager = elsewhere[wanted]
        elif wanted:
            message = (
                f"No member has the e-mail {wanted}: it is neither in this file nor in Trellis."
            )
        if message:
            problems.append(RosterProblem(row.line, "manager_email", message))
        managers[row.email] = manager
    return managers, problems


def cycle_problems(
    rows: list[Row], members: dict[str, Member], managers: dict[str, Manager]
) -> list[RosterProblem]:
    """Reporting loops made by the file's managers and the untouched links in the database."""
    node_of = {
        row.email: members[row.email].pk if row.email in members else row.email
        for row in rows
        if row.email in managers
    }
    parent = _reporting_lines(
        [node for node in node_of.values() if isinstance(node, int)]
        + [manager for manager in managers.values() if isinstance(manager, int)],
        whole=len(rows) > FEW_ROWS,
    )
    for email, node in node_of.items():
        parent[node] = managers[email]
    row_at = {node_of[row.email]: row for row in rows if row.email in node_of}
    cycles = _cycles(parent, list(row_at))
    others = {node for cycle in cycles for node in cycle if node not in row_at}
    names: dict[Manager, str] = {node: row.email for node, row in row_at.items()}
    names.update(Member.objects.filter(id__in=others).values_list("id", "user__email"))
    problems = []
    for cycle in cycles:
        for position, node in enumerate(cycle):
            if node in row_at:
                loop = [names[n] for n in cycle[position:] + cycle[: position + 1]]
                message = f"This would make a reporting cycle: {_chain(loop)}."
                problems.append(RosterProblem(row_at[node].line, "manager_email", message))
    return problems


def _reporting_lines(starts: list[int], *, whole: bool) -> dict[Manager, Manager]:
    """Each member's manager in the database: everyone's for a big roster (one read),
    or for a few rows (one SCIM call) only the lines above `starts`, a level per query,
    so checking one member costs the depth of the organisation, not its size."""
    if whole:
        return dict(Member.objects.values_list("id", "manager_id"))
    parent: dict[Manager, Manager] = {}
    frontier = set(starts)
    while frontier:
        found: dict[Manager, Manager] = {}
        for chunk in chunks(sorted(frontier)):
            found.update(Member.objects.filter(id__in=chunk).values_list("id", "manager_id"))
        parent.update(found)
        frontier = {manager for manager in found.values() if manager and manager not in parent}
    return parent


def _cycles(parent: dict[Manager, Manager], starts: Sequence[Manager]) -> list[list[Manager]]:
    """The loops in a reporting forest (each node has at most one manager) reached from
    `starts`; each loop is listed once."""
    done: set[Manager] = set()
    cycles: list[list[Manager]] = []
    for start in starts:
        path: list[Manager] = []
        on_path: set[Manager] = set()
        node = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent.get(node)
        if node is not None and node in on_path:
            cycles.append(path[path.index(node) :])
        done.update(path)
    return cycles


def _chain(names: list[str]) -> str:
    if len(names) > CHAIN_SHOWN:
        names = [*names[: CHAIN_SHOWN - 1], f"… ({len(names) - CHAIN_SHOWN + 1} more)"]
    return " → ".join(names)
