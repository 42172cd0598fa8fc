"""The digest's settings, read in a fresh process as a deployment starts: off by default,
and a bad value stops Trellis naming the variable."""

from __future__ import annotations

import subprocess

import pytest

from tests.fresh_process import start_with_settings

PROBE = (
    "import django; django.setup(); from django.conf import settings;"
    "print(settings.DIGEST_ENABLED, settings.DIGEST_WEEKDAY, settings.DIGEST_BATCH_SIZE)"
)


def start(tmp_path, **env) -> subprocess.CompletedProcess:
    return start_with_settings(tmp_path, PROBE, **env)


def test_it_is_off_by_default_sent_on_mondays_in_batches_of_200(tmp_path):
    result = start(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "0", "200"]


def test_switched_on_with_a_day_and_a_batch_size(tmp_path):
    result = start(
        tmp_path,
        TRELLIS_DIGEST_ENABLED="true",
        TRELLIS_DIGEST_WEEKDAY="Friday",
        TRELLIS_DIGEST_BATCH_SIZE="50",
        TRELLIS_SITE_URL="https://trellis.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "4", "50"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRELLIS_DIGEST_ENABLED": "sometimes"}, "TRELLIS_DIGEST_ENABLED='sometimes' is not a"),
        ({"TRELLIS_DIGEST_WEEKDAY": "fri"}, "TRELLIS_DIGEST_WEEKDAY='fri' is not a day of"),
        ({"TRELLIS_DIGEST_BATCH_SIZE": "0"}, "TRELLIS_DIGEST_BATCH_SIZE=0 is below the minimum"),
        ({"TRELLIS_DIGEST_BATCH_SIZE": "many"}, "TRELLIS_DIGEST_BATCH_SIZE='many' is not a whole"),
        (
            {"TRELLIS_DIGEST_ENABLED": "true", "TRELLIS_SITE_URL": "http://trellis.example.org"},
            "TRELLIS_SITE_URL='http://trellis.example.org' must start with https:// when "
            "TRELLIS_DIGEST_ENABLED",
        ),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, env, message):
    result = start(tmp_path, **env)

    assert result.returncode != 0
    assert "EnvError" in result.stderr
    assert message in result.stderr


def test_a_loopback_address_may_try_it_out_over_http(tmp_path):
    result = start(
        tmp_path, TRELLIS_DIGEST_ENABLED="true", TRELLIS_SITE_URL="http://localhost:8000"
    )

    assert result.returncode == 0, result.stderr
