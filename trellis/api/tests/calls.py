"""What the API's tests share: a token header for a member (or a login) and the 404 body."""

from __future__ import annotations

from trellis.accounts.access_tokens import token_create

NOT_FOUND_BODY = {"detail": "Not found.", "errors": []}


def bearer(member_or_user, scope: str = "write") -> dict[str, str]:
    """The Authorization header of a new token of `scope` for a member or a bare login."""
    user = getattr(member_or_user, "user", member_or_user)
    made = token_create(user=user, name=f"{scope} token", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {made.secret}"}
