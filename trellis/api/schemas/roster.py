"""Schemas for the roster import: the report of what it did, or every problem that
refused it (with the line and the column of each)."""

from ninja import Schema
from pydantic import Field

from trellis.api.errors import ErrorOut


class RosterReportOut(Schema):
    dry_run: bool = Field(description="True: checked only, nothing written.")
    rows: int = Field(description="Rows of members in the file (the header aside).")
    created: int
    updated: int
    unchanged: int
    invited: int = Field(description="Members e-mailed an invitation to claim their account.")
    warnings: list[str]
    summary: str


class RosterProblemOut(Schema):
    line: int = Field(description="The file's line (1 is the header).")
    column: str | None = Field(description="The column, when one is to blame.")
    message: str


class RosterRefusedOut(ErrorOut):
    problems: list[RosterProblemOut] = Field(
        default_factory=list,
        description="Every problem found in the file; nothing was written. (Empty when the "
        "request itself was wrong: no file, say.)",
    )
