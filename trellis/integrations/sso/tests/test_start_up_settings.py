"""Single sign-on's settings stop Trellis at start-up when wrong, naming the variable."""

from __future__ import annotations

import subprocess

import pytest

from tests.fresh_process import start_with_settings
from trellis.env import EnvError
from trellis.integrations.sso.config import SsoSettings, check_sso_settings

GOOD = {
    "enabled": True,
    "issuer": "https://login.example.org/realms/staff",
    "client_id": "trellis",
    "client_secret": "s3cret",
    "allowed_domains": [],
    "only": False,
    "self_sign_up": False,
    "button_label": "Sign in with Okta",
}


def checked(**changes) -> SsoSettings:
    return check_sso_settings(**(GOOD | changes))


def test_good_settings_are_kept():
    sso = checked(allowed_domains=["Example.org", "@lab.example.org"])
    assert sso.enabled and sso.issuer == GOOD["issuer"]
    assert sso.allowed_domains == ("example.org", "lab.example.org")


def test_off_by_default_nothing_is_required():
    off = check_sso_settings(**(GOOD | {"enabled": False, "issuer": "", "client_id": ""}))
    assert off == SsoSettings() and not off.enabled
    assert off.form_action == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"issuer": ""}, "TRELLIS_SSO_ISSUER is required"),
        ({"client_id": ""}, "TRELLIS_SSO_CLIENT_ID is required"),
        ({"client_secret": ""}, "TRELLIS_SSO_CLIENT_SECRET is required"),
        ({"issuer": "http://login.example.org"}, "TRELLIS_SSO_ISSUER='http://login.example.org'"),
        ({"issuer": "login.example.org"}, "TRELLIS_SSO_ISSUER='login.example.org' is not"),
        ({"issuer": "https://login.example.org/?realm=x"}, "TRELLIS_SSO_ISSUER="),
        ({"allowed_domains": ["example.org", "not a domain"]}, "TRELLIS_SSO_ALLOWED_DOMAINS"),
        ({"button_label": "x" * 61}, "TRELLIS_SSO_BUTTON_LABEL"),
        ({"button_label": "Sign in\nnow"}, "TRELLIS_SSO_BUTTON_LABEL"),
        ({"help_contact": "x" * 201}, "TRELLIS_SSO_HELP_CONTACT"),
        ({"help_contact": "HR\nand more"}, "TRELLIS_SSO_HELP_CONTACT"),
        ({"verified_claim": "email verified"}, "TRELLIS_SSO_VERIFIED_EMAIL_CLAIM"),
        ({"verified_claim": "x" * 65}, "TRELLIS_SSO_VERIFIED_EMAIL_CLAIM"),
        ({"enabled": False, "only": True}, "TRELLIS_SSO_ONLY needs TRELLIS_SSO_ENABLED"),
        ({"enabled": False, "self_sign_up": True}, "TRELLIS_SSO_SELF_SIGN_UP needs"),
    ],
)
def test_a_bad_value_is_refused_naming_its_variable(changes, named):
    with pytest.raises(EnvError, match=named.replace("?", r"\?")):
        checked(**changes)


def test_http_is_allowed_on_loopback_only():
    assert checked(issuer="http://127.0.0.1:8080/o").issuer == "http://127.0.0.1:8080/o"
    assert checked(issuer="http://localhost:8080/o").enabled


def test_the_provider_may_receive_the_sign_in_form_when_on():
    assert checked().form_action == ["https://login.example.org"]


def start(tmp_path, **env) -> subprocess.CompletedProcess:
    probe = "import django; django.setup(); from django.conf import settings; print(settings.SSO)"
    return start_with_settings(tmp_path, probe, **env)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRELLIS_SSO_ENABLED": "maybe"}, "TRELLIS_SSO_ENABLED='maybe' is not a boolean"),
        ({"TRELLIS_SSO_ENABLED": "true"}, "TRELLIS_SSO_ISSUER is required"),
        ({"TRELLIS_SSO_ONLY": "true"}, "TRELLIS_SSO_ONLY needs TRELLIS_SSO_ENABLED=true"),
    ],
)
def test_trellis_does_not_start_with_a_bad_value(tmp_path, env, message):
    result = start(tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.slow
def test_trellis_starts_with_sso_configured(tmp_path):
    result = start(
        tmp_path,
        TRELLIS_SSO_ENABLED="true",
        TRELLIS_SSO_ISSUER="https://login.example.org",
        TRELLIS_SSO_CLIENT_ID="trellis",
        TRELLIS_SSO_CLIENT_SECRET="s3cret",
        TRELLIS_SSO_ALLOWED_DOMAINS="example.org",
        TRELLIS_SSO_ONLY="true",
    )
    assert result.returncode == 0, result.stderr
    assert "allowed_domains=('example.org',)" in result.stdout and "only=True" in result.stdout
    assert "s3cret" not in result.stdout  # the secret stays out of the settings' repr
