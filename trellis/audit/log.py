"""Record an audit event: `record("round.published", actor=user, target=f"round {id}")`.

Every string is flattened to one printable line and cut to its column's length, so a
name with a line break or an escape sequence cannot forge a second entry in an export
or a terminal (log injection). Details are plain values only: str, int, float, bool or
None, never nested, never long.

Without `request`, the request being answered (`trellis.audit.middleware`) gives the
client address and, unless `actor` is given, the person acting; a command has none, so
its events have no actor and no address: "the command line".
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from trellis.audit.middleware import current_request
from trellis.audit.models import AuditEvent
from trellis.web.client import client_address as web_client_address

if TYPE_CHECKING:
    from django.http import HttpRequest

DETAIL_MAX_CHARS = 200
DETAILS_MAX_KEYS = 20
Plain = str | int | float | bool | None


def one_line(value: str, *, limit: int) -> str:
    """`value` with every control or format character (CR, LF, ESC, U+202E…) made a space."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in value
    )
    return " ".join(cleaned.split())[:limit]


def client_address(request: HttpRequest | None) -> str | None:
    """The address the request came from, as sign-in throttling sees it: behind
    TRELLIS_PROXY_COUNT reverse proxies, the client's, not the proxy's."""
    if request is None:
        return None
    return web_client_address(request)


def relabel_actor(*, user_id: int, label: str) -> int:
    """Show `user_id`'s past events under `label` (a deleted account's placeholder), so
    the log keeps what was done and by which account, no longer the person's address."""
    return AuditEvent.objects.filter(actor_id=user_id).update(
        actor_label=one_line(label, limit=254)
    )


def _plain_details(details: dict[str, Any]) -> dict[str, Plain]:
    if len(details) > DETAILS_MAX_KEYS:
        raise ValueError(f"An audit event keeps at most {DETAILS_MAX_KEYS} details.")
    plain: dict[str, Plain] = {}
    for key, value in details.items():
        if isinstance(value, str):
            plain[one_line(key, limit=60)] = one_line(value, limit=DETAIL_MAX_CHARS)
        elif value is None or isinstance(value, (bool, int, float)):
            plain[one_line(key, limit=60)] = value
        else:
            raise TypeError(f"Audit detail {key!r} must be a plain value, not {type(value)}.")
    return plain


def record(
    action: str,
    *,
    actor: Any = None,
    request: HttpRequest | None = None,
    target: str = "",
    **details: Any,
) -> AuditEvent:
    """Write one audit event and return it.

    `actor` is a user (or None for the system or an anonymous client); when omitted and
    `request` (or the request being answered) has a signed-in user, that user is the actor.
    """
    if request is None:
        request = current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    label = one_line(getattr(actor, "email", "") or "", limit=254) if actor else ""
    return AuditEvent.objects.create(
        at=timezone.now(),
        action=one_line(action, limit=60),
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_label=label,
        target=one_line(target, limit=200),
        ip_address=client_address(request),
        details=_plain_details(details),
    )
