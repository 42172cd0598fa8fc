"""The one filter identity providers send before creating a user: `userName eq "…"`.

RFC 7644 §3.4.2.2 defines a whole expression language; Entra ID and Okta look a user up
by `userName eq "…"` (and sometimes `id eq "…"`), so those are what Trellis answers.
Anything else is refused with `invalidFilter`, saying what is supported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from trellis.integrations.scim.protocol import ScimError

_EQUALS = re.compile(r'^\s*(?P<attribute>[A-Za-z.]+)\s+(?P<op>[A-Za-z]+)\s+(?P<value>".*")\s*$')
SUPPORTED = {"username": "userName", "id": "id"}
SUPPORTED_TEXT = 'userName eq "…" or id eq "…"'


@dataclass(frozen=True)
class Equals:
    """`attribute eq value`, the attribute in its canonical spelling."""

    attribute: str
    value: str


def parse_filter(text: str) -> Equals:
    """The filter as an Equals; ScimError (invalidFilter) for anything else."""
    matched = _EQUALS.match(text)
    if not matched:
        raise _invalid(f"Cannot read the filter {text!r}; Trellis supports {SUPPORTED_TEXT}.")
    attribute = SUPPORTED.get(matched.group("attribute").lower())
    if attribute is None:
        name = matched.group("attribute")
        raise _invalid(f"Cannot filter on {name!r}; Trellis supports {SUPPORTED_TEXT}.")
    if matched.group("op").lower() != "eq":
        op = matched.group("op")
        raise _invalid(f"The operator {op!r} is not supported; Trellis supports {SUPPORTED_TEXT}.")
    try:
        value = json.loads(matched.group("value"))
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, str):
        message = f"The value in {text!r} is not one quoted string; Trellis supports"
        raise _invalid(f"{message} {SUPPORTED_TEXT}.")
    return Equals(attribute=attribute, value=value)


def _invalid(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidFilter")
