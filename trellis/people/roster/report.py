"""What an import tells the organiser: a report of what it did, or the problems that refused it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RosterProblem:
    """One thing wrong with a roster file, at a line and (when it applies) a column."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class RosterError(Exception):
    """The roster was refused; nothing was written. `problems` lists why."""

    def __init__(self, problems: list[RosterProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class RosterReport:
    """What an import did (or, in a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0
    dry_run: bool = False
    rows: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One sentence, e.g. "Created 3, updated 1, unchanged 10 (dry run: nothing written)."."""
        text = f"Created {self.created}, updated {self.updated}, unchanged {self.unchanged}"
        return text + (" (dry run: nothing written)." if self.dry_run else ".")


def refused(line: int, column: str | None, message: str) -> RosterError:
    """The error for a file refused for a single reason."""
    return RosterError([RosterProblem(line, column, message)])
