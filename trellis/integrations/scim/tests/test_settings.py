"""SCIM's settings are checked at start-up: a bad value stops Trellis naming the variable."""

from __future__ import annotations

import subprocess

import pytest

from tests.fresh_process import start_with_settings

PROBE = (
    "import django; django.setup(); from django.conf import settings;"
    "print(settings.SCIM_ENABLED, settings.SCIM_MAX_RESULTS)"
)


def start(tmp_path, **env) -> subprocess.CompletedProcess:
    return start_with_settings(tmp_path, PROBE, **env)


def test_scim_is_off_by_default_with_a_page_of_100(tmp_path):
    result = start(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "100"]


def test_scim_switched_on_with_a_page_size(tmp_path):
    result = start(tmp_path, TRELLIS_SCIM_ENABLED="true", TRELLIS_SCIM_MAX_RESULTS="500")

    assert result.stdout.split() == ["True", "500"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TRELLIS_SCIM_ENABLED", "ture", "TRELLIS_SCIM_ENABLED='ture' is not a boolean"),
        ("TRELLIS_SCIM_MAX_RESULTS", "lots", "TRELLIS_SCIM_MAX_RESULTS='lots' is not a whole"),
        ("TRELLIS_SCIM_MAX_RESULTS", "0", "TRELLIS_SCIM_MAX_RESULTS=0 is below the minimum of 1"),
        ("TRELLIS_SCIM_MAX_RESULTS", "5000", "TRELLIS_SCIM_MAX_RESULTS=5000 is above the maximum"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, variable, value, message):
    result = start(tmp_path, **{variable: value})

    assert result.returncode != 0
    assert f"EnvError: {message}" in result.stderr
