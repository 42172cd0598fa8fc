"""Calling /scim/v2/ in tests: the client, request bodies, error bodies, what was written."""

from __future__ import annotations

import json

from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.integrations.scim.protocol import CONTENT_TYPE, ENTERPRISE, USER
from trellis.people.models import Member


class Scim:
    """Django's test client with the bearer token and SCIM's content type."""

    def __init__(self, client, token: str):
        self.client, self.token = client, token

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

    def get(self, path: str, **query):
        return self.client.get(f"/scim/v2/{path}", query, **self._headers())

    def send(self, method: str, path: str, body: object = None, *, raw: str | None = None):
        data = raw if raw is not None else json.dumps(body)
        call = getattr(self.client, method.lower())
        return call(f"/scim/v2/{path}", data, content_type=CONTENT_TYPE, **self._headers())


def user_body(email: str, name: str = "", **extra) -> dict:
    body: dict = {"schemas": [USER, ENTERPRISE], "userName": email, "active": True}
    if name:
        body["displayName"] = name
    enterprise = {k: extra.pop(k) for k in ("department", "manager") if k in extra}
    if enterprise:
        body[ENTERPRISE] = enterprise
    return body | extra


def patch_body(*operations: dict) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": list(operations),
    }


def error_of(response) -> dict:
    """The SCIM error body, checked to be one."""
    assert response["Content-Type"] == CONTENT_TYPE
    body = response.json()
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert body["status"] == str(response.status_code)
    return body


def written() -> tuple:
    """Everything a refused SCIM call must leave as it was."""
    return (
        list(User.objects.order_by("pk").values_list("pk", "email", "is_active")),
        list(Member.objects.order_by("pk").values()),
        AuditEvent.objects.filter(action="roster.provisioned").count(),
    )
