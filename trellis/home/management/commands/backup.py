"""`trellis backup PATH`: a consistent copy of the live SQLite database, taken while it runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from trellis.audit.log import record
from trellis.db.backup import PAGES_PER_STEP, CopyRefused, file_row_counts, sqlite_copy

POSTGRES_BACKUP = (
    "`trellis backup` copies SQLite databases only. On PostgreSQL, use PostgreSQL's tools:\n"
    '  pg_dump --format=custom --no-owner "$DATABASE_URL" > trellis.dump\n'
    "and to restore, into an empty database with the server and worker stopped:\n"
    '  pg_restore --no-owner --dbname "$DATABASE_URL" trellis.dump'
)


def copy_progress(write: Callable[[str], None]) -> Callable[[int, int], None]:
    """A progress callback that prints a line per step, for files of more than one step."""

    def show(done: int, total: int) -> None:
        if total > PAGES_PER_STEP:
            write(f"  copied {done:,} of {total:,} pages ({done * 100 // total}%)")

    return show


def describe(path: Path, counts: dict[str, int]) -> str:
    """A database file in a few words: its size, its tables and rows."""
    size = path.stat().st_size / 1_000_000
    return f"{size:,.1f} MB, {len(counts)} tables, {sum(counts.values()):,} rows"


class Command(BaseCommand):
    help = (
        "Copy the live SQLite database to PATH, a new file readable only by you (0600), "
        "while the server and the worker keep running: SQLite's online backup API copies "
        "one consistent snapshot. Prints the size and the tables' row counts (each table "
        "with -v 2) and records 'backup.created' in the audit log. Refuses a PATH that exists "
        "unless --force. Restore with `trellis restore PATH`. On PostgreSQL it refuses and "
        "prints the pg_dump and pg_restore lines to use instead. From cron, nightly: "
        "trellis backup /var/backups/trellis-$(date +%F).sqlite3"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write: a new one, unless --force.")
        parser.add_argument("--force", action="store_true", help="Replace PATH if it exists.")

    def handle(self, *args, path: str, force: bool, verbosity: int, **options):
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES_BACKUP)
        target = Path(path).expanduser().absolute()
        source = str(connection.settings_dict["NAME"])
        if not source.startswith("file:") and Path(source).resolve() == target.resolve():
            raise CommandError(f"{target} is the live database itself; choose another file.")
        try:
            sqlite_copy(
                source=source,
                target=target,
                replace=force,
                progress=copy_progress(self.stdout.write),
            )
        except CopyRefused as refusal:
            raise CommandError(str(refusal)) from None
        except (OSError, sqlite3.Error) as error:  # a full disk, a directory not writable
            raise CommandError(f"Could not write {target}: {error}") from None
        counts = file_row_counts(target)
        self.stdout.write(f"Backed up the database to {target}: {describe(target, counts)}.")
        if verbosity >= 2:
            for table, rows in counts.items():
                self.stdout.write(f"  {table}: {rows:,}")
        record("backup.created", target=target.name, tables=len(counts))
