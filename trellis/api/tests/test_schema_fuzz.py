"""schemathesis against the live schema: no server error and no answer the schema does not
declare, over at least 1,000 generated requests, as a member and as an organiser.

A real server (pytest-django's live server, real HTTP) serves /api/v1/openapi.json; the
schema is read from it, and every operation gets requests generated from it, valid ones
and invalid ones, each sent with a personal access token. Each answer must be a declared
status with a body matching its declared schema and content type. Revoking a token is
left out of the fuzzing (it would revoke the token the fuzzing uses; its own tests cover
it). Fuzz some areas alone with TRELLIS_FUZZ_TAGS=intros,rounds (their schema tags).
"""

from __future__ import annotations

import math
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from trellis.accounts.access_tokens import token_create

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Generated cases per operation and caller: at least this many, and more while the API has
# few operations, so that every run sends at least MINIMUM_CASES requests in all.
EXAMPLES_PER_OPERATION = 12
LEFT_OUT = {("DELETE", "/api/v1/tokens/{token_id}")}
MINIMUM_CASES = 1000


@pytest.fixture
def callers(make_member, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    member = make_member("Fuzz Member", email="fuzz.member@example.org", team="Platform")
    organiser = make_member("Fuzz Organiser", email="fuzz.org@example.org", is_organiser=True)
    return {
        "member": token_create(user=member.user, name="fuzz", scope="write").secret,
        "organiser": token_create(user=organiser.user, name="fuzz", scope="write").secret,
    }


def operations(schema, tags: set[str]) -> list:
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in LEFT_OUT:
            continue
        if tags and not tags & set(operation.definition.raw.get("tags", [])):
            continue
        found.append(operation)
    return found


def fuzz(operation, *, base_url: str, token: str, examples: int, failures: list[str]) -> int:
    """Send generated requests to one operation; the number sent."""
    sent = 0

    @given(
        case=operation.as_strategy(GenerationMode.POSITIVE)
        | operation.as_strategy(GenerationMode.NEGATIVE)
    )
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        nonlocal sent
        sent += 1
        try:
            case.call_and_validate(
                base_url=base_url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
            )
        except Exception as failure:
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}"[:2000])

    run()
    return sent


def test_no_server_error_and_no_undeclared_answer(live_server, callers):
    base_url = live_server.url
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    tags = {tag for tag in os.environ.get("TRELLIS_FUZZ_TAGS", "").split(",") if tag}
    chosen = operations(schema, tags)
    examples = max(EXAMPLES_PER_OPERATION, math.ceil(MINIMUM_CASES * 1.2 / (2 * len(chosen))))
    failures: list[str] = []
    sent = 0
    for operation in chosen:
        for token in callers.values():
            sent += fuzz(
                operation, base_url=base_url, token=token, examples=examples, failures=failures
            )
    print(f"schemathesis: {sent} requests to {len(chosen)} operations, as 2 callers")
    assert not failures, "\n\n".join(failures[:20])
    if not tags:
        assert sent >= MINIMUM_CASES, f"only {sent} generated requests"
