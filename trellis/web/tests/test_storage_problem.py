"""Which errors a command reports as "cannot write to the data directory", in one line."""

import errno

import pytest
from django.core.management.base import CommandError
from django.db import OperationalError

from trellis.web import readonly
from trellis.web.readonly import storage_errors_as_command_error, storage_problem


def sqlite_error(message: str) -> OperationalError:
    error = OperationalError(message)
    error.__cause__ = Exception(message)
    return error


@pytest.fixture
def data_dir(settings, tmp_path, monkeypatch):
    """A SQLite database in the data directory `tmp_path`."""
    settings.DATA_DIR = tmp_path
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t.sqlite3")}
    monkeypatch.setattr(readonly, "_database_settings", lambda: database)
    return tmp_path


def test_a_database_that_cannot_be_opened_names_the_data_directory(data_dir):
    line = storage_problem(sqlite_error("unable to open database file"))

    assert line.startswith(f"Cannot write to the data directory {data_dir} (")
    assert "TRELLIS_DATA_DIR" in line and "\n" not in line


def test_a_read_only_or_full_database_is_named_with_why(data_dir):
    assert "(read-only)" in storage_problem(sqlite_error("attempt to write a readonly database"))
    assert "(full)" in storage_problem(sqlite_error("database or disk is full"))


def test_a_file_in_the_data_directory_that_cannot_be_written_is_named(data_dir):
    error = OSError(errno.EROFS, "Read-only file system", str(data_dir / "static"))

    assert storage_problem(error).startswith(f"Cannot write to {data_dir / 'static'} (Read-only")


def test_other_errors_are_left_alone(data_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "roster.csv"

    assert storage_problem(sqlite_error("no such table: people_member")) is None
    assert storage_problem(OSError(errno.EACCES, "Permission denied", str(elsewhere))) is None
    assert storage_problem(OSError(errno.ENOENT, "No such file", str(data_dir / "x"))) is None
    assert storage_problem(ValueError("unable to open database file")) is None


def test_a_command_ends_with_a_command_error_and_other_errors_go_through(data_dir):
    refused = pytest.raises(CommandError, match="Cannot write to the data directory")
    with refused, storage_errors_as_command_error():
        raise sqlite_error("unable to open database file")
    with pytest.raises(OperationalError, match="no such table"), storage_errors_as_command_error():
        raise sqlite_error("no such table: x")
