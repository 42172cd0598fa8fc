"""Which webhook addresses Trellis may send to (no Django models: plain checks).

A webhook makes the server send requests where an organiser says, so an address could
point inside the organisation's network (server-side request forgery). An address is
refused when it is not https, carries a user name or password, or names a host that is
not public. The check runs twice: when the webhook is saved (the address as written, an IP
literal or "localhost") and when each message is sent (every address the name resolves to
then, and the connection goes to the address that was checked, so a name that changes
between the check and the connection cannot slip through).

Two settings loosen it, for tests and local development: TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK
(http, and loopback addresses) and TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class AddressRefused(ValueError):
    """An address Trellis will not send to, with the reason in words."""


@dataclass(frozen=True)
class Allowances:
    http_loopback: bool = False
    private: bool = False


@dataclass(frozen=True)
class Target:
    """A checked address: where to connect, and what to ask for there."""

    scheme: str
    host: str  # as written: the Host header and the TLS server name
    port: int
    path: str  # with its query
    address: str  # the IP address checked, which the connection goes to


def _ip(text: str) -> IPAddress | None:
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped:
        return found.ipv4_mapped
    return found


def address_problem(ip: IPAddress, allow: Allowances) -> str | None:
    """Why Trellis may not connect to `ip`, if it may not."""
    if ip.is_unspecified or ip.is_multicast:
        return f"{ip} is not an address a receiver can have."
    if ip.is_loopback:
        return None if allow.http_loopback else f"{ip} is this server itself (loopback)."
    if not ip.is_global and not allow.private:
        kind = "link-local" if ip.is_link_local else "private or reserved"
        return f"{ip} is a {kind} address, not a public one."
    return None


def _parts(url: str) -> SplitResult:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise AddressRefused("Use a full address starting with https://.")
    if parts.username is not None or parts.password is not None:
        raise AddressRefused(
            "The address may not contain a user name or password: use the secret the "
            "chat service put in its path instead."
        )
    try:
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError:
        raise AddressRefused("The address's port is not a number.") from None
    return parts


def _loopback_host(host: str) -> bool:
    ip = _ip(host)
    return host.lower() in LOOPBACK_NAMES if ip is None else ip.is_loopback


def url_problem(url: str, allow: Allowances) -> str | None:
    """Why the address as written is refused, if it is (no name is looked up)."""
    try:
        parts = _parts(url)
    except AddressRefused as refused:
        return str(refused)
    host = parts.hostname or ""
    if parts.scheme == "http" and not (allow.http_loopback and _loopback_host(host)):
        return "The address must start with https:// (chat services all take https)."
    if host.lower() in LOOPBACK_NAMES and not allow.http_loopback:
        return f"{host} is this server itself, not a chat service."
    ip = _ip(host)
    return address_problem(ip, allow) if ip is not None else None


def resolve(url: str, allow: Allowances) -> Target:
    """The address to connect to for `url`, looked up now; AddressRefused when the address
    as written, or any address its name resolves to, is refused."""
    problem = url_problem(url, allow)
    if problem:
        raise AddressRefused(problem)
    parts = _parts(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"Could not look up {host}: {error}") from None
    addresses = [_ip(str(info[4][0])) for info in found]
    for ip in addresses:
        problem = address_problem(ip, allow) if ip is not None else "an unreadable address"
        if problem:
            raise AddressRefused(f"{host} resolves to {problem}")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port, path, str(addresses[0]))


def shown_url(url: str) -> str:
    """The address as pages show it: the host and the end of the path, never the whole
    of it (Slack's and Teams' addresses are themselves the secret that lets one post)."""
    parts = urlsplit(url)
    tail = parts.path[-4:] if len(parts.path) > 8 else ""
    return (
        f"{parts.scheme}://{parts.netloc}/…{tail}" if tail else f"{parts.scheme}://{parts.netloc}/"
    )
