"""A GET never writes: reading a page changes nothing in the database.

So reads keep working when the database is read-only or its disk is full
(issue 14, item 6), and a crawler or a prefetching browser changes nothing. Every route
of `test_routes_by_role.ROUTES` is fetched by each of the six visitors while every SQL
statement is recorded; none may insert, update or delete (the session table included:
a session is saved only when it changed).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.test_routes_by_role import (  # noqa: F401
    ROLES,
    ROUTES,
    as_role,
    integrations_on,
    real_ids,
)

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)

# The only writes a GET may make: security bookkeeping, never anything a person sees.
# An export is a GET that the audit log must record (issue 14: "exports"), and opening an
# invitation link is counted so that links cannot be guessed. On a read-only database these
# answer the read-only page rather than hand out an export nobody recorded.
BOOKKEEPING = {
    "accounts:claim": {"accounts_throttledrequest"},
    "audit:event_export": {"audit_auditevent"},
    "home:my_data_download": {"audit_auditevent"},
    "home:leaver_export": {"audit_auditevent"},
}


def table_written(sql: str) -> str:
    match = re.match(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', sql, re.I)
    return match.group(1) if match else ""


def writes_in(queries, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    return [
        query["sql"][:200]
        for query in queries
        if WRITE.match(query["sql"]) and table_written(query["sql"]) not in allowed
    ]


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_get_of_any_page_writes_nothing(as_role, real_ids, name):  # noqa: F811
    # One route's objects, then each of the six visitors in turn (building the objects
    # once per route rather than once per visitor keeps this to a few seconds).
    route = ROUTES[name]
    kwargs = {k: real_ids.get(k, v) for k, v in route.kwargs.items()}
    path = reverse(name, kwargs=kwargs)
    for role in ROLES:
        client = as_role(role)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        assert writes_in(captured.captured_queries, BOOKKEEPING.get(name, set())) == [], role
        client.logout()


def test_the_bookkeeping_allowed_on_a_get_names_real_routes():
    assert set(BOOKKEEPING) <= set(ROUTES)
