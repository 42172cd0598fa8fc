"""Every operation of the schema that names an object is sent by at least one test.

The object-level rules are tested router by router (another member's object: 404 with the
API's body, and nothing changed); this keeps a new operation from arriving without any:
its path, with any value in place of each `{parameter}`, must appear in a test module.
"""

from __future__ import annotations

import re
from pathlib import Path

from trellis.api.api import api

TESTS = Path(__file__).resolve().parent


def test_every_operation_on_an_object_is_sent_by_a_test():
    sources = "".join(path.read_text() for path in TESTS.glob("test_*.py"))
    untested = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "{" not in path:
            continue
        relative = re.escape(path.removeprefix("/api/v1"))
        pattern = re.sub(r"\\\{[^}]*\\\}", r"[^/\"'\\s]+", relative) + r"[\"'?]"
        for method in operations:
            if not re.search(pattern, sources):
                untested.append(f"{method.upper()} {path}")
    assert untested == []
