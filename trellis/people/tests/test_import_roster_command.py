"""`trellis import-roster PATH [--dry-run] [--invite]`: its output, exit status and writes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from trellis.accounts.models import User
from trellis.people.management.commands.import_roster import SHOWN_PROBLEMS, Command
from trellis.people.models import Member

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The people fixtures set real passwords; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roster_file(tmp_path):
    def write(*lines: str) -> Path:
        path = tmp_path / "roster.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_roster", *map(str, args), stdout=out, stderr=err, no_color=True)
    return out.getvalue(), err.getvalue()


def refused(*args) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_roster", *map(str, args), stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue()


def test_it_imports_and_prints_the_counts(ana, roster_file):
    path = roster_file("email,team", "ana@example.org,Search", "new@example.org,")

    out, err = run(path)

    assert out == "Created 1, updated 1, unchanged 0.\n"
    assert err == ""
    assert Member.objects.get(user__email="ana@example.org").team == "Search"
    assert mail.outbox == []


def test_a_dry_run_prints_the_counts_and_writes_nothing(ana, roster_file):
    path = roster_file("email,team", "ana@example.org,Search", "new@example.org,")

    out, _ = run(path, "--dry-run")

    assert out == "Created 1, updated 1, unchanged 0 (dry run: nothing written).\n"
    assert Member.objects.get(user__email="ana@example.org").team == "Platform"
    assert not User.objects.filter(email="new@example.org").exists()


def test_invite_emails_members_who_have_not_claimed_an_account(ana, roster_file):
    path = roster_file("email", "ana@example.org", "new@example.org")

    out, _ = run(path, "--invite")

    assert out.splitlines() == [
        "Created 1, updated 0, unchanged 1.",
        "Invited 1 member(s) who have not claimed an account.",
    ]
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


def test_a_dry_run_with_invite_sends_no_email(db, roster_file):
    out, _ = run(roster_file("email", "new@example.org"), "--dry-run", "--invite")

    assert "Dry run: no invitations were sent." in out
    assert mail.outbox == []


def test_a_refused_file_prints_every_problem_and_fails_with_exit_status_1(ana, roster_file):
    path = roster_file("email,level", "new@example.org,1", "bad,2", "x@example.org,high")

    error, err = refused(path)

    assert error.returncode == 1
    assert str(error) == f"{path} was refused (2 problems); nothing was written."
    assert err.splitlines() == [
        "line 3, column email: 'bad' is not a valid e-mail address.",
        "line 4, column level: 'high' is not a whole number; use one from 0 to 100.",
    ]
    assert list(Member.objects.values_list("user__email", flat=True)) == ["ana@example.org"]


def test_it_prints_at_most_500_problems_and_counts_the_rest(db, roster_file):
    path = roster_file("email", *(f"bad{i}" for i in range(SHOWN_PROBLEMS + 7)))

    error, err = refused(path)

    lines = err.splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1
    assert lines[0] == "line 2, column email: 'bad0' is not a valid e-mail address."
    assert lines[-1] == "… and 7 more problems."
    assert "507 problems" in str(error)
    assert not Member.objects.exists()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    error, _ = refused(tmp_path / "nowhere.csv")

    assert str(error) == f"Cannot read {tmp_path / 'nowhere.csv'}: No such file or directory."


def test_a_directory_is_a_clear_error(db, tmp_path):
    error, _ = refused(tmp_path)

    assert str(error).startswith(f"Cannot read {tmp_path}: ")


def test_a_file_over_the_size_limit_is_refused_naming_the_setting(db, roster_file, settings):
    path = roster_file("email", "new@example.org")
    settings.ROSTER_MAX_BYTES = 10

    _, err = refused(path)

    size = path.stat().st_size
    assert err == (
        f"line 1: The file is {size} bytes; the limit is 10 bytes "
        "(setting TRELLIS_ROSTER_MAX_BYTES).\n"
    )
    assert not Member.objects.exists()


def test_the_help_describes_the_options_and_every_column():
    text = Command().create_parser("trellis", "import_roster").format_help()

    assert "--dry-run" in text
    assert "--invite" in text
    for column in ("email", "name", "manager_email", "background", "capacity", "learning"):
        assert f"\n  {column} " in text


@pytest.mark.slow
def test_the_console_script_takes_a_hyphenated_name_and_exits_with_status_1(tmp_path):
    environment = {**os.environ, "TRELLIS_DATA_DIR": str(tmp_path)}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    result = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "import-roster", str(tmp_path / "nowhere.csv")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "Cannot read" in result.stderr
