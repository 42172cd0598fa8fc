"""Copying a live SQLite database, and the checks a backup passes before it is restored."""

from __future__ import annotations

import sqlite3
import stat
import threading

import pytest

from trellis.db import backup
from trellis.db.backup import CopyRefused, check_backup, sqlite_copy, sqlite_restore

OWN_APPS = ["people"]
KNOWN = frozenset({("people", "0001_initial"), ("people", "0002_member_how_to_reach_me")})


def make_database(path, *, migrations=KNOWN, rows: int = 3, wal: bool = True):
    """A small database shaped like Trellis's: django_migrations and a people_ table."""
    with sqlite3.connect(path, isolation_level=None) as db:
        if wal:
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app, name)")
        db.executemany("INSERT INTO django_migrations (app, name) VALUES (?, ?)", migrations)
        db.execute("CREATE TABLE people_member (id INTEGER PRIMARY KEY, name TEXT)")
        db.executemany(
            "INSERT INTO people_member (name) VALUES (?)", [(f"M {n}",) for n in range(rows)]
        )
    db.close()
    return path


def rows(path, table="people_member"):
    with sqlite3.connect(path) as db:
        found = db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    db.close()
    return found


def test_a_copy_is_a_new_file_only_its_owner_can_read_with_every_row(tmp_path):
    live = make_database(tmp_path / "live.sqlite3", rows=50)

    sqlite_copy(source=live, target=tmp_path / "copy.sqlite3")

    copy = tmp_path / "copy.sqlite3"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert rows(copy) == rows(live)
    assert not (tmp_path / "copy.sqlite3-wal").exists()  # one self-contained file
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []


def test_a_copy_refuses_to_overwrite_a_file_unless_told_to(tmp_path):
    live = make_database(tmp_path / "live.sqlite3")
    existing = tmp_path / "copy.sqlite3"
    existing.write_text("last night's backup")

    with pytest.raises(CopyRefused, match="already exists; choose a new name or use --force"):
        sqlite_copy(source=live, target=existing)
    assert existing.read_text() == "last night's backup"

    sqlite_copy(source=live, target=existing, replace=True)
    assert rows(existing) == rows(live)


def test_a_copy_of_a_database_that_does_not_exist_is_refused_and_creates_none(tmp_path):
    with pytest.raises(CopyRefused, match=r"There is no database at .* yet: nothing to back up"):
        sqlite_copy(source=tmp_path / "absent.sqlite3", target=tmp_path / "copy.sqlite3")

    assert list(tmp_path.iterdir()) == []


def test_a_copy_into_a_missing_directory_is_refused_by_name(tmp_path):
    live = make_database(tmp_path / "live.sqlite3")

    with pytest.raises(CopyRefused, match="There is no directory"):
        sqlite_copy(source=live, target=tmp_path / "nowhere" / "copy.sqlite3")


def test_a_copy_is_one_snapshot_while_another_connection_keeps_writing(tmp_path, monkeypatch):
    """Page by page (8 at a time here), yet every row the copy has was there at one instant."""
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 8)
    live = make_database(tmp_path / "live.sqlite3", rows=0)
    with sqlite3.connect(live) as db:  # one transaction
        db.executemany("INSERT INTO people_member (name) VALUES (?)", [("x" * 500,)] * 2000)
    db.close()
    writing, stop = threading.Event(), threading.Event()

    def keep_writing():
        writer = sqlite3.connect(live, isolation_level=None, timeout=30)
        writer.execute("PRAGMA synchronous=OFF")  # many commits, none of them fsynced
        while True:  # and one more after the copy, at least
            writer.execute("INSERT INTO people_member (name) VALUES ('written meanwhile')")
            writing.set()
            if stop.is_set():
                break
        writer.close()

    steps = []
    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        writing.wait(timeout=30)
        sqlite_copy(
            source=live, target=tmp_path / "copy.sqlite3", progress=lambda *p: steps.append(p)
        )
    finally:
        stop.set()
        thread.join()

    copied = rows(tmp_path / "copy.sqlite3")
    assert len(rows(live)) > len(copied) > 2000
    assert len(steps) > 10 and steps[-1][0] == steps[-1][1]  # many steps, the last one whole
    assert [row[0] for row in copied] == list(range(1, len(copied) + 1))  # no gap, no tear
    with sqlite3.connect(tmp_path / "copy.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")

    with pytest.raises(CopyRefused, match="is not a SQLite database"):
        check_backup(notes, known=KNOWN, own_apps=OWN_APPS)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CopyRefused, match="There is no file"):
        check_backup(tmp_path / "gone.sqlite3", known=KNOWN, own_apps=OWN_APPS)


def test_a_sqlite_database_that_is_not_trellis_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    db.close()

    with pytest.raises(CopyRefused, match="is a SQLite database but not a Trellis backup"):
        check_backup(other, known=KNOWN, own_apps=OWN_APPS)


def test_a_backup_with_a_migration_this_code_does_not_know_is_from_a_newer_trellis(tmp_path):
    newer = make_database(
        tmp_path / "newer.sqlite3", migrations=[*KNOWN, ("people", "0003_from_the_future")]
    )

    with pytest.raises(CopyRefused) as refusal:
        check_backup(newer, known=KNOWN, own_apps=OWN_APPS)

    assert str(refusal.value) == (
        "This backup is from a newer Trellis (migration 0003_from_the_future of app people "
        "is unknown here); upgrade Trellis first."
    )


def test_a_backup_from_an_older_trellis_passes_with_what_it_applied(tmp_path):
    older = make_database(tmp_path / "older.sqlite3", migrations=[("people", "0001_initial")])

    facts = check_backup(older, known=KNOWN, own_apps=OWN_APPS)

    assert facts.applied == {("people", "0001_initial")}
    assert facts.row_counts == {"django_migrations": 1, "people_member": 3}


def test_the_code_knows_its_own_migrations():
    known = backup.known_migrations()

    assert ("accounts", "0001_initial") in known
    assert ("contenttypes", "0001_initial") in known


def test_only_rows_beyond_what_migrating_writes_count_as_data(tmp_path):
    empty = make_database(tmp_path / "empty.sqlite3", rows=0)
    filled = make_database(tmp_path / "filled.sqlite3", rows=1)

    assert backup.tables_with_data(tmp_path / "absent.sqlite3") == []
    assert backup.tables_with_data(empty) == []
    assert backup.tables_with_data(filled) == ["people_member"]


def test_a_restore_replaces_every_row_and_creates_a_new_database_0600(tmp_path):
    copy = make_database(tmp_path / "copy.sqlite3", rows=7, wal=False)
    old = make_database(tmp_path / "old.sqlite3", rows=2)
    new = tmp_path / "new.sqlite3"

    sqlite_restore(backup=copy, database=old)
    sqlite_restore(backup=copy, database=new)

    assert rows(old) == rows(new) == rows(copy)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
