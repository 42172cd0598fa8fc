"""The calendar settings are checked at start-up, each bad value naming its variable."""

from __future__ import annotations

import pytest

from tests.test_settings import run_settings


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRELLIS_CALENDAR_FEEDS": "sometimes"}, "TRELLIS_CALENDAR_FEEDS='sometimes' is not a"),
        ({"TRELLIS_CALENDAR_REFRESH_HOURS": "soon"}, "TRELLIS_CALENDAR_REFRESH_HOURS='soon'"),
        ({"TRELLIS_CALENDAR_REFRESH_HOURS": "0"}, "TRELLIS_CALENDAR_REFRESH_HOURS=0 is below"),
        ({"TRELLIS_CALENDAR_REFRESH_HOURS": "169"}, "TRELLIS_CALENDAR_REFRESH_HOURS=169 is above"),
        (
            {"TRELLIS_CALENDAR_FEEDS": "true", "TRELLIS_SITE_URL": "http://trellis.example.org"},
            "TRELLIS_SITE_URL='http://trellis.example.org' must start with https://",
        ),
    ],
)
def test_a_bad_calendar_setting_stops_start_up_naming_it(tmp_path, env, message):
    result = run_settings(tmp_path, **env)

    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "site_url", ["https://trellis.example.org", "http://127.0.0.1:8000", "http://localhost:8000"]
)
def test_feeds_start_with_an_https_or_loopback_site(tmp_path, site_url):
    result = run_settings(tmp_path, TRELLIS_CALENDAR_FEEDS="true", TRELLIS_SITE_URL=site_url)

    assert result.returncode == 0, result.stderr
