"""Reading a roster file: size, encoding, CSV records, the header row and the data rows.

A problem's line is the physical line its row starts on (quoted cells may span
lines), so it is the line a text editor shows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings

from trellis.people.roster.cells import COLUMNS, Row, clean_row
from trellis.people.roster.report import RosterError, RosterProblem, refused

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")

Record = tuple[int, list[str]]  # the line a CSV record starts on, and its cells


@dataclass
class Parsed:
    """A roster file read and cleaned, with every problem found without the database."""

    columns: list[str]
    rows: list[Row]  # one per e-mail (its first row)
    problems: list[RosterProblem]
    row_count: int


def roster_size_problem(size: int) -> RosterProblem | None:
    """Why a file of `size` bytes is refused, if it is too big."""
    limit = settings.ROSTER_MAX_BYTES
    if size <= limit:
        return None
    message = f"The file is {size:,} bytes; the limit is {limit:,} bytes"
    return RosterProblem(1, None, f"{message} (setting TRELLIS_ROSTER_MAX_BYTES).")


def parse(data: bytes) -> Parsed:
    """Read the file; raise RosterError if it cannot be read or its header is wrong."""
    records, csv_problem = _records(_decode(data))
    if not records:
        raise RosterError([csv_problem or RosterProblem(1, None, "The file is empty.")])
    header_line, header_cells = records[0]
    columns, problems = _header(header_line, header_cells)
    if csv_problem:
        problems.append(csv_problem)
    if problems:
        raise RosterError(problems)
    if len(records) == 1:
        raise refused(header_line, None, "The file has a header but no data rows.")
    parsed = _rows(columns, records[1:])
    if csv_problem:
        parsed.problems.append(csv_problem)
    return parsed


def rows_from_values(entries: list[dict[str, str]]) -> Parsed:
    """Entries of column -> text read as the data rows of a file (line n: the nth entry)
    whose header names their columns; every entry must name the same columns."""
    columns = [column for column in COLUMNS if entries and column in entries[0]]
    if any(set(entry) != set(columns) for entry in entries):
        raise ValueError("Every entry must name the same columns.")
    records = [
        (line, [entry[column] for column in columns]) for line, entry in enumerate(entries, 1)
    ]
    return _rows(columns, records)


def _line_at(data: bytes, offset: int) -> int:
    return len(_LINE_BREAK.findall(data, 0, offset)) + 1


def _decode(data: bytes) -> str:
    size_problem = roster_size_problem(len(data))
    if size_problem:
        raise RosterError([size_problem])
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise refused(1, None, "The file is empty.")
    export = 'Export the roster as "CSV UTF-8".'
    nul = data.find(b"\x00")
    if nul >= 0:
        message = "This is not a CSV file: it contains NUL bytes, as spreadsheets and UTF-16 do."
        raise refused(_line_at(data, nul), None, f"{message} {export}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, byte = _line_at(data, error.start), data[error.start]
        message = f"The file is not UTF-8 text: byte 0x{byte:02X} on this line is not UTF-8."
        raise refused(line, None, f"{message} {export}") from None


def _records(text: str) -> tuple[list[Record], RosterProblem | None]:
    """The non-blank records with the line each starts on, and a CSV syntax problem if any."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Record] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        return records, RosterProblem(reader.line_num, None, f"This is not valid CSV: {error}.")
    return records, None


def _header(line: int, cells: list[str]) -> tuple[list[str], list[RosterProblem]]:
    columns = [cell.strip().lower() for cell in cells]
    problems: list[RosterProblem] = []
    position_of: dict[str, int] = {}
    for position, (raw, column) in enumerate(zip(cells, columns, strict=True), start=1):
        if not column:
            problems.append(RosterProblem(line, None, f"Column {position} has no name."))
        elif column not in COLUMNS:
            message = f"Unknown column {raw.strip()!r}; the columns are: {', '.join(COLUMNS)}."
            problems.append(RosterProblem(line, raw.strip(), message))
        elif column in position_of:
            where = f"columns {position_of[column]} and {position}"
            message = f"The column {column!r} appears twice ({where})."
            problems.append(RosterProblem(line, column, message))
        else:
            position_of[column] = position
    if "email" not in columns:
        problems.append(RosterProblem(line, "email", "The required column 'email' is missing."))
    return columns, problems


def _rows(columns: list[str], records: list[Record]) -> Parsed:
    parsed = Parsed(columns=columns, rows=[], problems=[], row_count=len(records))
    limit = settings.ROSTER_MAX_ROWS
    if len(records) > limit:
        message = f"The file has {len(records):,} rows; the limit is {limit:,}"
        setting = "(setting TRELLIS_ROSTER_MAX_ROWS)."
        parsed.problems.append(RosterProblem(records[limit][0], None, f"{message} {setting}"))
        records = records[:limit]
    first_line: dict[str, int] = {}
    for line, cells in records:
        values = dict(zip(columns, [*cells, *[""] * (len(columns) - len(cells))], strict=False))
        if len(cells) > len(columns):
            message = f"This row has {len(cells)} cells but the header has {len(columns)} columns."
            hint = "Does a value with a comma need quotes?"
            parsed.problems.append(RosterProblem(line, None, f"{message} {hint}"))
            values = {"email": values["email"]}  # the other cells may be shifted
        row, problems = clean_row(line, values)
        parsed.problems += problems
        if row is None:
            continue
        if row.email in first_line:
            message = f"{row.email} appears twice: it is already on line {first_line[row.email]}."
            parsed.problems.append(RosterProblem(line, "email", message))
            continue
        first_line[row.email] = line
        parsed.rows.append(row)
    return parsed
