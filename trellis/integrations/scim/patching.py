"""PATCH (RFC 7644 §3.5.2): add, replace and remove on the attributes Trellis maps.

Operations change a UserState one by one; the result is written like a PUT, so a
PATCH is checked exactly as a whole User is, and an error in any operation writes
nothing. Both styles identity providers use are understood: a path per operation
(Entra ID: `{"op": "Replace", "path": "active", "value": "False"}`) and no path with an
object of attributes (Okta: `{"op": "replace", "value": {"active": false}}`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from trellis.integrations.scim.protocol import ENTERPRISE, PATCH_OP, ScimError, invalid_value
from trellis.integrations.scim.resources import (
    IGNORED,
    IGNORED_ENTERPRISE,
    UserState,
    boolean_value,
    manager_value,
    name_value,
    schemas_problem,
    text_value,
)

OPERATIONS = ("add", "replace", "remove")
# A filtered path on a multi-valued attribute we do not keep: emails[type eq "work"].value
_FILTERED = re.compile(r"^(?P<attribute>[A-Za-z]+)\[[^\]]*\](\.[A-Za-z]+)?$")
MAX_OPERATIONS = 100
READ_ONLY_IN_VALUE = frozenset({"id", "meta", "schemas"})


def patched(state: UserState, body: dict) -> UserState:
    """`state` with the body's operations applied in order; ScimError for any bad one."""
    schemas_problem(body, required=PATCH_OP)
    operations = body.get("Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, '"Operations" must be a non-empty list.', "invalidSyntax")
    if len(operations) > MAX_OPERATIONS:
        message = f"{len(operations)} operations; at most {MAX_OPERATIONS} in one request."
        raise ScimError(400, message, "tooMany")
    for number, operation in enumerate(operations, start=1):
        state = _apply(state, operation, number)
    return state


def _apply(state: UserState, operation: object, number: int) -> UserState:
    if not isinstance(operation, dict):
        raise ScimError(400, f"Operation {number} must be an object.", "invalidSyntax")
    op = operation.get("op")
    if not isinstance(op, str) or op.lower() not in OPERATIONS:
        message = f'Operation {number}: "op" must be add, replace or remove, not {op!r}.'
        raise ScimError(400, message, "invalidSyntax")
    op = op.lower()
    path = operation.get("path")
    value = operation.get("value")
    if path is None:
        if op == "remove":
            raise ScimError(400, f"Operation {number}: remove needs a path.", "noTarget")
        if not isinstance(value, dict):
            message = f"Operation {number}: without a path, the value must be an object."
            raise ScimError(400, message, "invalidSyntax")
        for attribute, attribute_value in value.items():
            if str(attribute).lower() in READ_ONLY_IN_VALUE:
                continue  # as in a PUT body, read-only attributes sent along are ignored
            state = _set(state, str(attribute), attribute_value, op, number)
        return state
    if not isinstance(path, str) or not path.strip():
        raise ScimError(400, f"Operation {number}: the path must be a string.", "invalidPath")
    if op == "remove":
        value = None
    elif "value" not in operation:
        raise ScimError(400, f"Operation {number}: {op} needs a value.", "invalidSyntax")
    return _set(state, path.strip(), value, op, number)


def _set(state: UserState, path: str, value: object, op: str, number: int) -> UserState:
    """Set (or with value None, clear) the attribute at `path`."""
    lowered = path.lower()
    prefix = ENTERPRISE.lower() + ":"
    if lowered == ENTERPRISE.lower():
        if not isinstance(value, dict):
            raise invalid_value(f"Operation {number}: {ENTERPRISE} must be an object.")
        for attribute, attribute_value in value.items():
            state = _set_enterprise(state, str(attribute), attribute_value, number)
        return state
    if lowered.startswith(prefix):
        return _set_enterprise(state, path[len(prefix) :], value, number)
    if lowered == "username":
        if value is None:
            raise ScimError(400, "userName is required; it cannot be removed.", "mutability")
        return replace(state, user_name=text_value("userName", value).strip())
    if lowered in ("displayname", "name.formatted"):
        return replace(state, display_name=text_value(path, value).strip())
    if lowered == "name":
        return replace(state, display_name=name_value(value))
    if lowered in ("name.givenname", "name.familyname"):
        return state  # a part of a name: Trellis keeps the whole one (displayName)
    if lowered == "active":
        if value is None:
            raise ScimError(400, "active cannot be removed; set it to true or false.", "mutability")
        return replace(state, active=boolean_value("active", value))
    if lowered in ("id", "meta"):
        raise ScimError(400, f"{path} is read-only.", "mutability")
    matched = _FILTERED.match(path)
    attribute = (matched.group("attribute") if matched else lowered.split(".")[0]).lower()
    if attribute in IGNORED:
        return state
    raise ScimError(400, f"Operation {number}: Trellis has no attribute {path!r}.", "invalidPath")


def _set_enterprise(state: UserState, attribute: str, value: object, number: int) -> UserState:
    lowered = attribute.lower()
    if lowered == "department":
        return replace(state, department=text_value(f"{ENTERPRISE}:department", value))
    if lowered in ("manager", "manager.value"):
        return replace(state, manager=manager_value(value))
    if lowered in IGNORED_ENTERPRISE:
        return state
    message = f"Operation {number}: Trellis has no attribute {ENTERPRISE}:{attribute!r}."
    raise ScimError(400, message, "invalidPath")
