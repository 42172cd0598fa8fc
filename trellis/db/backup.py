"""Copying a SQLite database while it is in use, and checking a copy before it is restored.

SQLite's online backup API copies a database page by page. A read transaction held on
the source for the whole copy pins one snapshot: with WAL the app and the worker go on
writing meanwhile, the copy is the database as it was at one instant, and it never has to
start again however busy the source is. The copy is written beside its target and renamed
into place, so a half-made backup is never left under the name asked for.

A backup is checked before anything is restored from it: it must be a SQLite file, hold
Trellis's tables and `django_migrations`, and apply no migration this code does not know
(a backup from a newer Trellis would lose or break data here). The `trellis backup` and
`trellis restore` commands (in `home`) say it all to the operator.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db.migrations.loader import MigrationLoader

SQLITE_HEADER = b"SQLite format 3\x00"
PAGES_PER_STEP = 4096  # 16 MB at SQLite's 4 KB pages: a progress line for each on a big file
BUSY_TIMEOUT_S = 30
# Tables every migrated database fills by itself: rows here are not "data" to protect.
BOOKKEEPING_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)

Progress = Callable[[int, int], None]  # (pages copied so far, pages in all)
Migration = tuple[str, str]  # (app label, migration name)


class CopyRefused(Exception):
    """A backup or restore that must not go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class BackupFacts:
    """What a checked backup holds: its applied migrations and its rows, table by table."""

    applied: frozenset[Migration]
    row_counts: dict[str, int]


def connect(location: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (Django's `file:` test URIs work too)."""
    location = str(location)
    if read_only:
        location = f"file:{quote(str(Path(location).resolve()))}?mode=ro"
    connection = sqlite3.connect(
        location, uri=location.startswith("file:"), isolation_level=None, timeout=BUSY_TIMEOUT_S
    )
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    return connection


def new_private_file(path: Path) -> None:
    """Create `path` empty, readable by its owner only (0600); fail if it exists."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _copy_pages(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None
) -> None:
    def report(status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    source.backup(target, pages=PAGES_PER_STEP, progress=report, sleep=0.05)


def sqlite_copy(
    *, source: str | Path, target: Path, replace: bool = False, progress: Progress | None = None
) -> None:
    """Copy the live database at `source` to a new file `target` (0600), consistently.

    Refuses an existing `target` unless `replace`. The copy is a single self-contained
    file (rollback journal, no -wal beside it), written under a temporary name first.
    """
    if not str(source).startswith("file:") and not Path(source).is_file():
        raise CopyRefused(f"There is no database at {source} yet: nothing to back up.")
    if target.exists() and not replace:
        raise CopyRefused(f"{target} already exists; choose a new name or use --force.")
    if target.is_dir():
        raise CopyRefused(f"{target} is a directory; give the path of the file to write.")
    if not target.parent.is_dir():
        raise CopyRefused(f"There is no directory {target.parent} to write {target.name} in.")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    new_private_file(partial)
    try:
        with closing(connect(source)) as live, closing(connect(partial)) as copy:
            live.execute("BEGIN")  # one snapshot for the whole copy; writers go on (WAL)
            live.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _copy_pages(live, copy, progress)
            live.execute("ROLLBACK")
            copy.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def table_names(connection: sqlite3.Connection) -> list[str]:
    """The database's own tables (not SQLite's internal ones), by name."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """How many rows each table holds."""
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in table_names(connection)
    }


def file_row_counts(path: Path) -> dict[str, int]:
    """How many rows each table of the database file at `path` holds (read only)."""
    with closing(connect(path, read_only=True)) as database:
        return row_counts(database)


def known_migrations() -> frozenset[Migration]:
    """Every migration this code ships, of every installed app (read from disk)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def is_sqlite_file(path: Path) -> bool:
    """Whether `path` is a file that starts as every SQLite database does."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_backup(
    path: Path, *, known: frozenset[Migration], own_apps: Iterable[str]
) -> BackupFacts:
    """The facts of a backup fit to restore here; CopyRefused naming the first problem.

    `own_apps` are the labels of Trellis's apps: a Trellis backup has their tables.
    """
    if not path.is_file():
        raise CopyRefused(f"There is no file {path}.")
    if not is_sqlite_file(path):
        raise CopyRefused(f"{path} is not a SQLite database, so not a Trellis backup.")
    try:
        with closing(connect(path, read_only=True)) as backup:
            damage = backup.execute("PRAGMA quick_check").fetchone()[0]
            if damage != "ok":
                raise CopyRefused(f"{path} is damaged ({damage}); restore another backup.")
            counts = row_counts(backup)
            applied = (
                frozenset(backup.execute("SELECT app, name FROM django_migrations"))
                if "django_migrations" in counts
                else frozenset()
            )
    except sqlite3.DatabaseError as error:
        raise CopyRefused(f"{path} cannot be read as a SQLite database ({error}).") from None
    own = {app for app, _ in applied} & set(own_apps)
    if "django_migrations" not in counts or not any(
        table.startswith(f"{app}_") for table in counts for app in own
    ):
        raise CopyRefused(
            f"{path} is a SQLite database but not a Trellis backup "
            "(it has no django_migrations table or no Trellis tables)."
        )
    unknown = sorted(applied - known)
    if unknown:
        app, name = unknown[0]
        raise CopyRefused(
            f"This backup is from a newer Trellis (migration {name} of app {app} is unknown "
            "here); upgrade Trellis first."
        )
    return BackupFacts(applied=applied, row_counts=counts)


def tables_with_data(path: Path) -> list[str]:
    """The tables of the database at `path` that hold rows beyond what migrating writes."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    with closing(connect(path)) as database:
        counts = row_counts(database)
    return [name for name, rows in counts.items() if rows and name not in BOOKKEEPING_TABLES]


def sqlite_restore(*, backup: Path, database: Path, progress: Progress | None = None) -> None:
    """Replace the contents of `database` with the backup's, in one SQLite transaction.

    Written through SQLite (not by copying the file over), so a -wal or -shm file left
    beside the database is handled; a new database file is created 0600.
    """
    if not database.exists():
        new_private_file(database)
    with closing(connect(backup, read_only=True)) as source, closing(connect(database)) as live:
        _copy_pages(source, live, progress)
        live.execute("PRAGMA journal_mode=WAL")
