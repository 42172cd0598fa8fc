"""Which webhook addresses are refused, as written and as resolved (no database)."""

import pytest

from trellis.integrations.chat.addresses import (
    AddressRefused,
    Allowances,
    resolve,
    shown_url,
    url_problem,
)

STRICT = Allowances()
LOOPBACK = Allowances(http_loopback=True)
PRIVATE = Allowances(private=True)


def test_a_public_https_address_is_accepted():
    assert url_problem("https://hooks.slack.com/services/T0/B0/abc", STRICT) is None
    assert url_problem("https://93.184.215.14/hook", STRICT) is None


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://hooks.slack.com/services/x", "must start with https://"),
        ("ftp://hooks.slack.com/x", "starting with https://"),
        ("hooks.slack.com/services/x", "starting with https://"),
        ("https://user:pass@hooks.slack.com/x", "may not contain a user name or password"),
        ("https://token@hooks.slack.com/x", "may not contain a user name or password"),
        ("https://hooks.slack.com:port/x", "port is not a number"),
        ("https://10.0.0.5/hook", "10.0.0.5 is a private or reserved address"),
        ("https://192.168.1.20/hook", "private or reserved"),
        ("https://172.16.0.1/hook", "private or reserved"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
        ("https://[fe80::1]/hook", "link-local"),
        ("https://[fd00::1]/hook", "private or reserved"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://[::1]/hook", "loopback"),
        ("https://[::ffff:10.0.0.1]/hook", "10.0.0.1 is a private or reserved address"),
        ("https://localhost/hook", "this server itself"),
        ("https://0.0.0.0/hook", "not an address a receiver can have"),
    ],
)
def test_an_address_that_is_not_a_public_https_one_is_refused_saying_why(url, words):
    assert words in (url_problem(url, STRICT) or "")


def test_http_to_loopback_is_allowed_only_with_its_setting():
    assert url_problem("http://127.0.0.1:8080/hook", LOOPBACK) is None
    assert url_problem("http://localhost:8080/hook", LOOPBACK) is None
    assert "https://" in url_problem("http://127.0.0.1:8080/hook", STRICT)
    # The loopback allowance is not a private-network allowance, nor http to the world.
    assert "private" in url_problem("https://10.0.0.5/hook", LOOPBACK)
    assert "https://" in url_problem("http://10.0.0.5/hook", LOOPBACK)
    assert "https://" in url_problem("http://example.org/hook", LOOPBACK)


def test_private_addresses_are_allowed_only_with_their_setting():
    assert url_problem("https://10.0.0.5/hook", PRIVATE) is None
    assert url_problem("https://169.254.10.10/hook", PRIVATE) is None
    assert "loopback" in url_problem("https://127.0.0.1/hook", PRIVATE)


def test_at_delivery_a_name_is_resolved_and_the_address_checked_is_the_one_connected_to():
    target = resolve("http://localhost:8123/hooks/a?b=c", LOOPBACK)

    assert target.address in {"127.0.0.1", "::1"}
    assert (target.host, target.port, target.path) == ("localhost", 8123, "/hooks/a?b=c")


def test_at_delivery_a_name_that_resolves_to_a_refused_address_is_refused():
    # "localhost" written as a URL passes no form without the setting; resolving an IP
    # literal is checked the same way, whatever was allowed when the webhook was saved.
    with pytest.raises(AddressRefused, match="loopback"):
        resolve("https://127.0.0.1:8443/hook", STRICT)
    with pytest.raises(AddressRefused, match="private"):
        resolve("https://10.1.2.3/hook", LOOPBACK)


def test_pages_show_only_the_host_and_the_end_of_an_address():
    shown = shown_url("https://hooks.slack.com/services/T0001/B0002/SECRETTOKENabcd")

    assert shown == "https://hooks.slack.com/…abcd"
    assert "SECRETTOKEN" not in shown
