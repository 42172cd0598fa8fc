"""The chat settings at start-up: a bad value stops Trellis naming the variable."""

import pytest

from tests.test_settings import run_settings
from trellis.env import EnvError
from trellis.integrations.chat.config import check_chat_settings


def test_an_allowance_while_webhooks_are_off_is_refused_naming_it():
    with pytest.raises(EnvError, match="TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK is true but"):
        check_chat_settings(enabled=False, allow_http_loopback=True, allow_private_addresses=False)
    with pytest.raises(EnvError, match="TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES is true but"):
        check_chat_settings(enabled=False, allow_http_loopback=False, allow_private_addresses=True)


def test_allowances_with_webhooks_on_or_nothing_set_are_accepted():
    check_chat_settings(enabled=True, allow_http_loopback=True, allow_private_addresses=True)
    check_chat_settings(enabled=False, allow_http_loopback=False, allow_private_addresses=False)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRELLIS_CHAT_WEBHOOKS": "sure"}, "TRELLIS_CHAT_WEBHOOKS='sure' is not a boolean"),
        (
            {"TRELLIS_CHAT_TIMEOUT_SECONDS": "5s"},
            "TRELLIS_CHAT_TIMEOUT_SECONDS='5s' is not a whole",
        ),
        ({"TRELLIS_CHAT_TIMEOUT_SECONDS": "0"}, "TRELLIS_CHAT_TIMEOUT_SECONDS=0 is below"),
        ({"TRELLIS_CHAT_MAX_ATTEMPTS": "11"}, "TRELLIS_CHAT_MAX_ATTEMPTS=11 is above the maximum"),
        ({"TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK": "maybe"}, "TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK='maybe'"),
        (
            {"TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES": "2"},
            "TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES='2' is not a boolean",
        ),
        (
            {"TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES": "true"},
            "TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES is true but TRELLIS_CHAT_WEBHOOKS is not",
        ),
    ],
)
def test_a_bad_chat_setting_stops_start_up_naming_the_variable(tmp_path, env, message):
    result = run_settings(tmp_path, **env)

    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.slow
def test_chat_settings_that_fit_together_start(tmp_path):
    env = {"TRELLIS_CHAT_WEBHOOKS": "true", "TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK": "true"}

    assert run_settings(tmp_path, **env).returncode == 0
