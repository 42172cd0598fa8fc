"""The client address throttling counts: the connection's, or the trusted proxy's word."""

import pytest
from django.test import RequestFactory

from trellis.web.client import client_address


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_connections_address_counts_whatever_is_forwarded():
    assert client_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "10.9.9.9, 198.51.100.1", "198.51.100.1"),  # the client wrote 10.9.9.9 itself
        (2, "10.9.9.9, 198.51.100.1, 192.0.2.7", "198.51.100.1"),
        (2, "198.51.100.1", "127.0.0.1"),  # fewer hops than proxies: not through them all
        (1, "not-an-address", "127.0.0.1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_behind_trusted_proxies_the_address_the_outermost_one_saw_counts(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies

    assert client_address(request_from("127.0.0.1", forwarded)) == expected
