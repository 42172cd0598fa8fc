"""`trellis restore PATH`: put a `trellis backup` back as the database, after checking it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from trellis.audit.log import record
from trellis.db.backup import (
    CopyRefused,
    check_backup,
    known_migrations,
    sqlite_copy,
    sqlite_restore,
    tables_with_data,
)
from trellis.home.management.commands.backup import copy_progress, describe

POSTGRES_RESTORE = (
    "`trellis restore` restores SQLite backups only. On PostgreSQL, stop the server and "
    "the worker and restore a pg_dump file into an empty database:\n"
    '  pg_restore --no-owner --dbname "$DATABASE_URL" trellis.dump\n'
    "then run `trellis migrate`."
)


class Command(BaseCommand):
    help = (
        "Replace the SQLite database with the backup at PATH (made by `trellis backup`). "
        "Stop the server and the worker first: nothing else may write while it runs. "
        "It checks first and changes nothing if a check fails: PATH must be a SQLite "
        "database holding Trellis's tables and django_migrations, and apply no migration "
        "this Trellis does not know (a backup from a newer Trellis is refused: upgrade "
        "first). A backup from an older Trellis is restored and then migrated. A database "
        "that already holds data is replaced only with --force, and then kept beside it as "
        "<name>.before-restore-<time>. Records 'backup.restored' in the audit log. On "
        "PostgreSQL it refuses and prints the pg_restore line to use instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data (a copy of it is kept beside it).",
        )

    def handle(self, *args, path: str, force: bool, **options):
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES_RESTORE)
        backup = Path(path).expanduser().absolute()
        database = Path(str(connection.settings_dict["NAME"]))
        own_apps = [app.label for app in apps.get_app_configs() if app.name.startswith("trellis.")]
        try:
            facts = check_backup(backup, known=known_migrations(), own_apps=own_apps)
            if str(database).startswith("file:") or str(database) == ":memory:":
                raise CopyRefused("The database is in memory: there is no file to restore into.")
            if database.exists() and backup.samefile(database):
                raise CopyRefused(f"{backup} is the database itself; nothing to restore.")
            connections.close_all()  # the copy goes through SQLite, not this connection
            kept = self._keep_current(database, force=force)
            sqlite_restore(
                backup=backup, database=database, progress=copy_progress(self.stdout.write)
            )
        except CopyRefused as refusal:
            raise CommandError(str(refusal)) from None
        except (OSError, sqlite3.Error) as error:
            raise CommandError(f"Could not restore into {database}: {error}") from None
        if kept:
            self.stdout.write(f"Kept the database it replaced as {kept}.")
        self.stdout.write(
            f"Restored {database} from {backup} ({describe(backup, facts.row_counts)})."
        )
        applied = self._migrate()
        record("backup.restored", target=backup.name, migrations_applied=applied)

    def _keep_current(self, database: Path, *, force: bool) -> Path | None:
        """Refuse to replace data without --force; with it, copy the database aside first."""
        filled = tables_with_data(database)
        if not filled:
            return None
        if not force:
            shown = ", ".join(filled[:3]) + (", …" if len(filled) > 3 else "")
            raise CopyRefused(
                f"{database} already holds data ({shown}); nothing was changed. To replace "
                "it, stop the server and the worker and run again with --force (the current "
                "database is kept beside it)."
            )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        kept = database.with_name(f"{database.name}.before-restore-{stamp}")
        sqlite_copy(source=database, target=kept)
        return kept

    def _migrate(self) -> int:
        """Bring a backup from an older Trellis up to this code's schema; how many ran."""
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                f"The backup is from an older Trellis: applying {len(plan)} migrations."
            )
            call_command("migrate", interactive=False, verbosity=0)
        return len(plan)
