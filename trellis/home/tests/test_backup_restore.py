"""`trellis backup` and `trellis restore`, on real files in real processes.

A small demo organisation is seeded once; a writer process keeps posting and replying
to it while `trellis backup` copies it; `trellis restore` puts the copy into a fresh data
directory, and every table of the backup is compared with the restored database, row by
row. Restores that must not happen are refused and change nothing. These tests name a
SQLite file of their own, so they run the same in the PostgreSQL CI job; the last test
checks what the commands say on the database the suite runs on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from trellis.audit.models import AuditEvent
from trellis.db.backup import sqlite_copy

HELPER = "trellis.home.tests.busy_database"
# The one row a restore adds after the copy: its own audit event (and its sequence).
RESTORES_OWN_EVENT = {
    "audit_auditevent": "action != 'backup.restored'",
    "sqlite_sequence": "name != 'audit_auditevent'",
}
# The backup's side of that comparison: its audit sequence (the restore moves it on by one).
AUDIT_SEQUENCE = {"sqlite_sequence": "name != 'audit_auditevent'"}


def environment(data_dir: Path) -> dict[str, str]:
    """The environment of a Trellis process whose data (and SQLite file) is in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    database = data_dir / "trellis.sqlite3"
    return env | {"TRELLIS_DATA_DIR": str(data_dir), "DATABASE_URL": f"sqlite:///{database}"}


def trellis(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trellis.cli", *args],
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass(frozen=True)
class Demo:
    data_dir: Path
    database: Path
    backup: Path  # a quiet backup of it, taken once


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    data_dir = tmp_path_factory.mktemp("live")
    seeding = subprocess.run(
        [sys.executable, "-m", HELPER, "seed"], env=environment(data_dir), timeout=300
    )
    assert seeding.returncode == 0
    database = data_dir / "trellis.sqlite3"
    backup = tmp_path_factory.mktemp("backups") / "quiet.sqlite3"
    sqlite_copy(source=database, target=backup)
    return Demo(data_dir, database, backup)


def digests(path: Path, *, leave_out: dict[str, str] | None = None) -> dict[str, tuple]:
    """Each table's row count and a checksum of all its rows ordered by primary key."""
    leave_out = leave_out or {}
    found = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (table,) in tables.fetchall():
            keys = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[5]]
            order = ", ".join(f'"{key}"' for key in keys) or "rowid"
            where = f"WHERE {leave_out[table]}" if table in leave_out else ""
            rows = db.execute(f'SELECT * FROM "{table}" {where} ORDER BY {order}').fetchall()
            found[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    db.close()
    return found


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        found = db.execute(sql).fetchone()[0]
    db.close()
    return found


def applied_migrations(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        found = set(db.execute("SELECT app, name FROM django_migrations"))
    db.close()
    return found


def start_writer(data_dir: Path) -> subprocess.Popen:
    writer = subprocess.Popen(
        [sys.executable, "-m", HELPER, "write"],
        env=environment(data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "WRITING"
    return writer


def stop_writer(writer: subprocess.Popen) -> int:
    """Close the writer's input, which stops it; how many post-and-reply pairs it wrote."""
    out, _ = writer.communicate("", timeout=60)
    assert writer.returncode == 0
    return int(out.split()[-1])


@pytest.mark.slow
def test_a_backup_taken_under_writes_restores_into_a_fresh_data_directory_table_by_table(
    demo, tmp_path
):
    backup = tmp_path / "trellis-nightly.sqlite3"
    posts = "SELECT count(*) FROM community_post"
    writer = start_writer(demo.data_dir)
    try:
        posts_before = count(demo.database, posts)
        made = trellis("backup", str(backup), data_dir=demo.data_dir)
        posts_after = count(demo.database, posts)
    finally:
        written = stop_writer(writer)

    assert made.returncode == 0, made.stderr
    assert f"Backed up the database to {backup}: " in made.stdout
    assert " tables, " in made.stdout and " rows." in made.stdout
    assert written > 1 and posts_before < posts_after  # the writer wrote all along
    assert posts_before <= count(backup, posts) <= posts_after
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as copy:  # one consistent snapshot
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
    copy.close()
    made_events = "SELECT count(*) FROM audit_auditevent WHERE action = 'backup.created'"
    assert count(demo.database, made_events) == 1

    fresh = tmp_path / "fresh"
    restored = trellis("restore", str(backup), data_dir=fresh)

    assert restored.returncode == 0, restored.stderr
    assert f"Restored {fresh / 'trellis.sqlite3'} from {backup} (" in restored.stdout
    database = fresh / "trellis.sqlite3"
    in_backup = digests(backup, leave_out=AUDIT_SEQUENCE)
    assert len(in_backup) > 30 and in_backup["community_post"][0] > 0
    assert digests(database, leave_out=RESTORES_OWN_EVENT) == in_backup
    restored_events = "SELECT count(*) FROM audit_auditevent WHERE action = 'backup.restored'"
    assert count(database, restored_events) == 1
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


@pytest.mark.slow
@pytest.mark.parametrize(
    "make_file, refusal",
    [
        (lambda path: path.write_text("name,email\n"), "is not a SQLite database"),
        (
            lambda path: sqlite3.connect(path).execute("CREATE TABLE recipes (id, title)"),
            "is a SQLite database but not a Trellis backup",
        ),
        (
            lambda path: sqlite3.connect(path, isolation_level=None).execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('people', '0099_from_the_future', '2030-01-01')"
            ),
            "This backup is from a newer Trellis (migration 0099_from_the_future of app "
            "people is unknown here); upgrade Trellis first.",
        ),
    ],
    ids=["not-sqlite", "not-trellis", "newer-schema"],
)
def test_a_restore_refuses_a_file_it_must_not_restore_and_changes_nothing(
    demo, tmp_path, make_file, refusal
):
    bad = tmp_path / "bad.sqlite3"
    if "newer" in refusal:
        shutil.copy(demo.backup, bad)
    make_file(bad)
    before = digests(demo.database)

    refused = trellis("restore", "--force", str(bad), data_dir=demo.data_dir)

    assert refused.returncode == 1
    assert refusal in refused.stderr
    assert "Traceback" not in refused.stderr
    assert digests(demo.database) == before
    assert not list(demo.data_dir.glob("*.before-restore-*"))


@pytest.mark.slow
def test_a_restore_over_existing_data_needs_force_and_then_keeps_the_old_database(demo, tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    sqlite_copy(source=demo.database, target=live / "trellis.sqlite3")
    with sqlite3.connect(live / "trellis.sqlite3") as db:
        db.execute("UPDATE people_member SET working_on = 'changed since the backup'")
    db.close()
    before = digests(live / "trellis.sqlite3")

    refused = trellis("restore", str(demo.backup), data_dir=live)

    assert refused.returncode == 1
    assert "already holds data" in refused.stderr and "--force" in refused.stderr
    assert digests(live / "trellis.sqlite3") == before

    forced = trellis("restore", "--force", str(demo.backup), data_dir=live)

    assert forced.returncode == 0, forced.stderr
    [kept] = live.glob("trellis.sqlite3.before-restore-*")
    assert f"Kept the database it replaced as {kept}." in forced.stdout
    assert digests(kept) == before
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    restored = digests(live / "trellis.sqlite3", leave_out=RESTORES_OWN_EVENT)
    assert restored == digests(demo.backup, leave_out=AUDIT_SEQUENCE)


@pytest.mark.slow
def test_a_backup_from_an_older_trellis_is_restored_and_migrated(demo, tmp_path):
    older = tmp_path / "older"
    older.mkdir()
    backup = tmp_path / "older.sqlite3"
    sqlite_copy(source=demo.backup, target=older / "trellis.sqlite3")
    rolled_back = trellis("migrate", "connections", "0006", data_dir=older)
    assert rolled_back.returncode == 0, rolled_back.stderr
    sqlite_copy(source=older / "trellis.sqlite3", target=backup)

    restored = trellis("restore", str(backup), data_dir=tmp_path / "fresh")

    assert restored.returncode == 0, restored.stderr
    assert "The backup is from an older Trellis: applying " in restored.stdout
    database = tmp_path / "fresh" / "trellis.sqlite3"
    assert applied_migrations(database) == applied_migrations(demo.backup)


@pytest.mark.slow
def test_a_backup_will_not_overwrite_a_file_without_force(demo, tmp_path):
    existing = tmp_path / "yesterday.sqlite3"
    shutil.copy(demo.backup, existing)
    before = existing.read_bytes()

    refused = trellis("backup", str(existing), data_dir=demo.data_dir)

    assert refused.returncode == 1
    assert f"{existing} already exists; choose a new name or use --force." in refused.stderr
    assert existing.read_bytes() == before


def test_the_help_says_to_stop_the_server_and_worker_and_what_is_checked():
    from trellis.home.management.commands import backup, restore

    backup_help = backup.Command().create_parser("trellis", "backup").format_help()
    restore_help = restore.Command().create_parser("trellis", "restore").format_help()

    assert "online backup API" in backup_help and "pg_dump" in backup_help
    assert "Stop the server and the worker first" in restore_help
    assert "newer Trellis" in restore_help and "--force" in restore_help


@pytest.mark.django_db
def test_on_postgresql_the_commands_refuse_with_the_pg_dump_and_pg_restore_lines(tmp_path):
    """On PostgreSQL both refuse with the lines to use; on SQLite they go on to their checks."""
    existing = tmp_path / "existing.sqlite3"
    existing.write_text("last night's backup")
    with pytest.raises(CommandError) as backup_refused:
        call_command("backup", str(existing))
    with pytest.raises(CommandError) as restore_refused:
        call_command("restore", str(existing))

    if connection.vendor == "postgresql":
        assert 'pg_dump --format=custom --no-owner "$DATABASE_URL" > trellis.dump' in str(
            backup_refused.value
        )
        assert 'pg_restore --no-owner --dbname "$DATABASE_URL" trellis.dump' in str(
            restore_refused.value
        )
    else:
        assert "already exists; choose a new name or use --force" in str(backup_refused.value)
        assert "is not a SQLite database" in str(restore_refused.value)
    assert existing.read_text() == "last night's backup"
    assert not AuditEvent.objects.filter(action__startswith="backup.").exists()
