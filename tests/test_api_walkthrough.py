"""The README's curl walk-through of the JSON API, command for command, on a live server.

Each `curl` line of the README's "A walk-through with curl" block is read (method, headers,
body, address), its shell variables filled in, and sent over HTTP to a live server; member
42 and relationship 7 in the README stand for the real ones, and its date for today. A
change to the API that breaks the walk-through, or a walk-through that drifts from the
API, fails here.
"""

from __future__ import annotations

import json
import re
import shlex
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import timezone

from trellis.accounts.access_tokens import token_create
from trellis.connections.models import Exchange, Relationship

pytestmark = [pytest.mark.django_db(transaction=True)]

README = Path(__file__).resolve().parents[1] / "README.md"
README_MEMBER, README_RELATIONSHIP, README_DAY = "42", "7", "2026-12-07"


@dataclass
class Curl:
    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def walkthrough_block() -> str:
    section = README.read_text(encoding="utf-8").split("### A walk-through with curl", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def commands(block: str) -> tuple[dict[str, str], list[str]]:
    """The block's variable assignments and its curl commands (continued lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", block)
    variables, curls = {}, []
    for line in joined.splitlines():
        line = line.split("  #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("curl "):
            curls.append(line)
        else:
            name, _, value = line.partition("=")
            variables[name] = shlex.split(value)[0] if value else ""
    return variables, curls


def parsed(command: str, values: dict[str, str]) -> Curl:
    for name, value in values.items():
        command = command.replace(f"${name}", value)
    words = shlex.split(command)[1:]
    curl = Curl(url="")
    while words:
        word = words.pop(0)
        if word == "-X":
            curl.method = words.pop(0)
        elif word == "-H":
            name, _, value = words.pop(0).partition(":")
            curl.headers[name.strip()] = value.strip()
        elif word == "-d":
            curl.body = words.pop(0).encode()
            curl.method = curl.method if curl.method != "GET" else "POST"
        elif word.startswith("http"):
            curl.url = word
        else:
            raise AssertionError(
                f"the walk-through uses a curl option this test cannot read: {word}"
            )
    return curl


def send(curl: Curl) -> tuple[int, object]:
    request = urllib.request.Request(
        curl.url, data=curl.body, method=curl.method, headers=curl.headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read() or b"null")


def test_the_readme_walkthrough_works_as_written(live_server, vocabulary_loaded, ana, ben):
    variables, curls = commands(walkthrough_block())
    assert set(variables) == {"SITE", "TOKEN", "AUTH"}
    token = token_create(user=ana.user, name="walk-through", scope="write").secret
    values = {"SITE": live_server.url, "TOKEN": token}
    values["AUTH"] = variables["AUTH"].replace("$TOKEN", token)
    statuses = []
    for command in curls:
        command = command.replace(f'"to": {README_MEMBER}', f'"to": {ben.pk}')
        # An exchange is dated from the day the two connected (here: today).
        command = command.replace(f'"date": "{README_DAY}"', f'"date": "{timezone.localdate()}"')
        relationship = Relationship.objects.filter(member_a__in=[ana, ben]).first()
        if relationship is not None:
            command = command.replace(
                f"/relationships/{README_RELATIONSHIP}/", f"/relationships/{relationship.pk}/"
            )
        status, body = send(parsed(command, values))
        statuses.append(status)
        if "/api/v1/intros " in f"{command} " and status == 201:
            # Ben accepts, with his own token, as the walk-through's comment says.
            bens = token_create(user=ben.user, name="walk-through", scope="write").secret
            accepted = send(
                Curl(
                    url=f"{live_server.url}/api/v1/intros/{body['id']}/accept",
                    method="POST",
                    headers={"Authorization": f"Bearer {bens}"},
                )
            )
            assert accepted[0] == 200, accepted
        assert status < 400, (command, status, body)
    assert statuses == [201, 200, 200, 200, 201, 200, 201]
    exchange = Exchange.objects.get()
    assert exchange.author == ana
    assert exchange.what_i_shared == "Our Kubernetes upgrade checklist"
