"""Settings are read in a fresh process each time, as a deployment would start."""

import os
import stat
import subprocess
import sys

import pytest

from tests.fresh_process import start_with_settings

PROBE = (
    "import django; django.setup();"
    "from django.db import connection; from django.conf import settings;"
    "c = connection.cursor(); c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0];"
    "c.execute('PRAGMA busy_timeout'); print(mode, c.fetchone()[0], settings.DEBUG)"
)


def run_settings(tmp_path, **env):
    return start_with_settings(tmp_path, PROBE, **env)


def test_the_default_database_is_a_sqlite_file_in_wal_mode_with_a_busy_timeout(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "30000", "False"]
    assert (tmp_path / "trellis.sqlite3").exists()


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    run_settings(tmp_path)
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    run_settings(tmp_path)
    assert key_file.read_text() == first
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o077 == 0


def test_a_bad_value_stops_start_up_with_a_message_naming_the_variable(tmp_path):
    result = run_settings(tmp_path, TRELLIS_DEBUG="ture")
    assert result.returncode != 0
    assert "TRELLIS_DEBUG='ture' is not a boolean" in result.stderr


def test_a_short_secret_key_is_refused(tmp_path):
    result = run_settings(tmp_path, TRELLIS_SECRET_KEY="short", TRELLIS_DEBUG="true")
    assert "TRELLIS_SECRET_KEY must be at least 32 characters" in result.stderr


def test_an_unknown_time_zone_is_refused(tmp_path):
    result = run_settings(tmp_path, TRELLIS_TIME_ZONE="Mars/Olympus")
    assert "TRELLIS_TIME_ZONE='Mars/Olympus' is not a known time zone" in result.stderr


def test_tls_and_ssl_together_are_refused(tmp_path):
    result = run_settings(tmp_path, TRELLIS_EMAIL_USE_TLS="true", TRELLIS_EMAIL_USE_SSL="true")
    assert "cannot both be true" in result.stderr


def test_an_unknown_encoder_stops_start_up_naming_the_choices(tmp_path):
    result = run_settings(tmp_path, TRELLIS_ENCODER="bert")
    assert result.returncode != 0
    assert "TRELLIS_ENCODER: Unknown encoder 'bert'; use one of semantic" in result.stderr


def test_a_named_encoder_is_accepted(tmp_path):
    assert run_settings(tmp_path, TRELLIS_ENCODER="vocabulary").returncode == 0


# Issue 14, item 7 (throttle): the production key rule and a private data directory.

GOOD_KEY = "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"  # 50 characters


@pytest.mark.parametrize(
    "key",
    ["0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHI", "ab" * 30],
    ids=["49 characters", "2 different characters"],
)
def test_in_production_a_weak_secret_key_stops_trellis_naming_the_variable(tmp_path, key):
    result = run_settings(tmp_path, TRELLIS_SECRET_KEY=key)
    assert result.returncode != 0
    assert "EnvError: TRELLIS_SECRET_KEY must be at least 50 characters long" in result.stderr


def test_in_production_a_key_of_fifty_characters_passes_check_deploy_without_w009(tmp_path):
    result = run_trellis(tmp_path, "check", "--deploy", TRELLIS_SECRET_KEY=GOOD_KEY)
    assert len(GOOD_KEY) == 50
    assert "security.W009" not in result.stdout + result.stderr


def run_trellis(tmp_path, *args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    environ |= {"TRELLIS_DATA_DIR": str(tmp_path)} | env
    return subprocess.run(
        [sys.executable, "-m", "trellis.cli", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_directory_is_0700_and_its_database_files_0600(tmp_path):
    data_dir = tmp_path / "data"

    assert run_trellis(data_dir, "check").returncode == 0
    assert run_settings(data_dir).returncode == 0  # opens the database, in WAL mode

    assert mode(data_dir) == 0o700
    database_files = sorted(data_dir.glob("trellis.sqlite3*"))
    assert "trellis.sqlite3" in {path.name for path in database_files}
    assert {mode(path) for path in database_files} == {0o600}
    assert mode(data_dir / "secret_key") == 0o600


def test_an_existing_installs_data_directory_and_database_are_tightened_at_start_up(tmp_path):
    data_dir = tmp_path / "data"
    run_settings(data_dir)
    data_dir.chmod(0o755)
    for path in data_dir.glob("trellis.sqlite3*"):
        path.chmod(0o644)

    assert run_trellis(data_dir, "check").returncode == 0

    assert mode(data_dir) == 0o700
    assert {mode(path) for path in data_dir.glob("trellis.sqlite3*")} == {0o600}


def production_settings_from_the_readme() -> dict[str, str]:
    """The `TRELLIS_…=…` lines of the README's production block, as an environment."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    notes = readme[readme.index("## Production notes") :]
    block = notes[
        notes.index("```sh") + len("```sh") : notes.index("```", notes.index("```sh") + 5)
    ]
    pairs = [line.strip().split("=", 1) for line in block.splitlines() if "=" in line]
    return {name: value for name, value in pairs}


def test_the_readme_production_settings_pass_the_deployment_check(tmp_path):
    production = production_settings_from_the_readme()
    assert {"TRELLIS_SECRET_KEY", "TRELLIS_SECURE_COOKIES", "TRELLIS_HSTS_SECONDS"} <= set(
        production
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TRELLIS_", "DATABASE"))}
    environ |= {"TRELLIS_DATA_DIR": str(tmp_path), **production}

    result = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
