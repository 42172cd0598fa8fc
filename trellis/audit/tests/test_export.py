"""The audit log exported as JSON lines, from the page and from `trellis audit-export`:
one object per event, one line each whatever a name holds, the same filters, and the
export itself recorded."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("audit:event_export")
FORGED = '{"action":"sign_in.succeeded","actor":"root@example.org"}'


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def test_the_export_streams_one_json_object_per_line(operator_client, operator, make_event):
    make_event("round.published", target="round 3", details={"pairs": 4})

    response = operator_client.get(URL)

    assert response["Content-Type"].startswith("application/jsonl")
    assert "attachment" in response["Content-Disposition"]
    lines = [json.loads(line) for line in body(response).splitlines()]
    published = next(line for line in lines if line["action"] == "round.published")
    assert published["target"] == "round 3" and published["details"] == {"pairs": 4}
    assert set(published) == {"id", "at", "action", "actor", "actor_id", "target", "ip", "details"}


def test_exporting_is_itself_recorded_with_its_filters(operator_client, operator):
    operator_client.get(URL, {"action": "sign_in.failed"})

    [event] = AuditEvent.objects.filter(action="audit.exported")
    assert (event.actor, event.details) == (operator, {"of_action": "sign_in.failed"})


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\u2029", "\x85", "\x1c"])
def test_a_line_breaker_in_a_stored_value_cannot_make_a_second_line(
    operator_client, make_event, breaker
):
    # Written straight to the table, past record()'s own cleaning, as the worst case.
    make_event(
        target=f"x{breaker}{FORGED}",
        actor_label=f"a{breaker}b",
        details={f"k{breaker}": f"v{breaker}{FORGED}"},
    )

    text = body(operator_client.get(URL, {"action": "round.published"}))

    assert text.isascii()
    [line] = text.splitlines()  # Python splits on U+2028, U+0085 and more, as JS would
    assert json.loads(line)["target"] == f"x{breaker}{FORGED}"


def test_the_export_takes_the_pages_filters(operator_client, make_event):
    make_event("sign_in.failed", at=timezone.now() - timedelta(days=5))
    wanted = make_event("sign_in.failed")
    today = timezone.localdate().isoformat()

    text = body(operator_client.get(URL, {"action": "sign_in.failed", "since": today}))

    assert [json.loads(line)["id"] for line in text.splitlines()] == [wanted.pk]


def test_a_bad_filter_exports_nothing_and_says_why(operator_client, make_event):
    make_event()

    response = operator_client.get(URL, {"since": "yesterday"})

    assert response.status_code == 400
    assert b"From:" in response.content
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def export_command(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("audit_export", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_command_exports_a_date_range_of_one_action(make_event):
    day = timezone.now() - timedelta(days=10)
    make_event("sign_in.failed", at=day - timedelta(days=2))
    wanted = make_event("sign_in.failed", at=day)
    make_event("round.published", at=day)
    on = timezone.localdate(day).isoformat()

    lines = export_command("--since", on, "--until", on, "--action", "sign_in.failed")

    assert [line["id"] for line in lines] == [wanted.pk]
    [event] = AuditEvent.objects.filter(action="audit.exported")
    assert event.actor is None and event.details == {
        "of_action": "sign_in.failed",
        "since": on,
        "until": on,
    }


def test_the_command_refuses_a_bad_date_naming_it():
    with pytest.raises(CommandError, match="'10/12/2026' is not a date"):
        export_command("--since", "10/12/2026")
    assert not AuditEvent.objects.exists()


def test_the_command_refuses_an_unknown_action():
    with pytest.raises(CommandError, match="--action"):
        export_command("--action", "nothing.happened")
