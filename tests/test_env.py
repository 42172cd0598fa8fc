from pathlib import Path

import pytest

from trellis.env import (
    EnvError,
    database_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)


@pytest.mark.parametrize(
    "value,expected", [("true", True), ("1", True), ("No", False), ("", False)]
)
def test_booleans_accept_the_usual_spellings(value, expected):
    assert env_bool("X", not expected, {"X": value}) is expected


def test_a_misspelt_boolean_fails_loudly_naming_the_variable():
    with pytest.raises(EnvError, match=r"TRELLIS_DEBUG='ture' is not a boolean"):
        env_bool("TRELLIS_DEBUG", False, {"TRELLIS_DEBUG": "ture"})


def test_integers_are_checked_for_form_and_range():
    assert env_int("N", 5, {}) == 5
    assert env_int("N", 5, {"N": " 7 "}) == 7
    with pytest.raises(EnvError, match=r"N='8o' is not a whole number"):
        env_int("N", 5, {"N": "8o"})
    with pytest.raises(EnvError, match="above the maximum of 10"):
        env_int("N", 5, {"N": "11"}, maximum=10)


def test_lists_and_strings_fall_back_to_their_defaults():
    assert env_list("H", ["a"], {}) == ["a"]
    assert env_list("H", ["a"], {"H": "x, y,,"}) == ["x", "y"]
    assert env_str("S", "d", {"S": ""}) == "d"


def test_sqlite_urls_give_a_file_path():
    assert parse_database_url("sqlite:////tmp/t.sqlite3").name == "/tmp/t.sqlite3"
    assert parse_database_url("sqlite:///var/t.sqlite3").name == "var/t.sqlite3"


def test_postgres_urls_give_every_part():
    url = parse_database_url("postgres://ana:p%40ss@db.local:5433/trellis?sslmode=require")
    assert (url.engine, url.user, url.password, url.host, url.port, url.name) == (
        "postgresql",
        "ana",
        "p@ss",
        "db.local",
        "5433",
        "trellis",
    )
    assert dict(url.options) == {"sslmode": "require"}


def test_an_unsupported_database_scheme_fails_loudly():
    with pytest.raises(EnvError, match="unsupported scheme 'mysql'"):
        parse_database_url("mysql://x/y")


def test_sqlite_waits_for_other_writers_instead_of_failing():
    options = database_settings(
        parse_database_url("sqlite:///t.db"), base_dir=Path("/srv"), busy_timeout_s=30
    )["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 30
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.parametrize("url", ["sqlite:///t.db", "postgres://u@db/trellis"])
def test_a_web_worker_keeps_its_database_connection_between_requests(url):
    settings = database_settings(parse_database_url(url), base_dir=Path("/srv"), busy_timeout_s=30)

    assert settings["CONN_MAX_AGE"] == 60
    assert settings["CONN_HEALTH_CHECKS"] is True
