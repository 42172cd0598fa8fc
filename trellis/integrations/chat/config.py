"""The chat webhooks' settings that only make sense together (no Django: settings.py calls
it after reading each variable with the typed readers of trellis/env.py).

An allowance switched on while webhooks are off would do nothing, so it is most likely a
mistake: Trellis stops at start-up naming the variable.
"""

from __future__ import annotations

from trellis.env import EnvError

ENABLED = "TRELLIS_CHAT_WEBHOOKS"
ALLOW_HTTP_LOOPBACK = "TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK"
ALLOW_PRIVATE = "TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES"


def check_chat_settings(
    *, enabled: bool, allow_http_loopback: bool, allow_private_addresses: bool
) -> None:
    """EnvError naming the first allowance that is on while webhooks are off."""
    if enabled:
        return
    for name, on in (
        (ALLOW_HTTP_LOOPBACK, allow_http_loopback),
        (ALLOW_PRIVATE, allow_private_addresses),
    ):
        if on:
            raise EnvError(f"{name} is true but {ENABLED} is not: set both, or neither.")
