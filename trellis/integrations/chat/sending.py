"""One HTTP POST to a checked address (no Django): the status it answered, or the error.

Standard library only. The connection goes to the IP address `addresses.resolve` checked
(the TLS certificate is still verified against the host name), redirects are not
followed (a receiver that redirects is answered as a 3xx, which is not a success), and
the whole exchange is bounded by the timeout.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from trellis.integrations.chat.addresses import Target

READ_AT_MOST = 4096  # of the receiver's answer: only its status matters


@dataclass(frozen=True)
class Answer:
    """What one attempt came to: a status code, or an error in words (no status)."""

    status: int | None = None
    retry_after_seconds: float | None = None
    error: str = ""
    # Trying again cannot help (the address is refused, the feature switched off).
    final: bool = False


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (a number, or an HTTP date), if readable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def post(target: Target, *, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST `body` to `target`; never raises for the network's faults."""
    cls = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    connection = cls(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(READ_AT_MOST)
        return Answer(
            status=response.status,
            retry_after_seconds=retry_after(response.getheader("Retry-After")),
        )
    except TimeoutError:
        return Answer(error=f"No answer within {timeout:g} s.")
    except (OSError, http.client.HTTPException) as error:
        return Answer(error=f"{type(error).__name__}: {error}"[:300])
    finally:
        connection.close()
