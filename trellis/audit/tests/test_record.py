import pytest

from trellis.accounts.models import User
from trellis.audit.log import record
from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_keeps_who_what_and_from_where(rf):
    user = User.objects.create_user(email="ops@example.org", password="x" * 12)
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    request.user = user

    event = record("round.published", request=request, target="round 4", pairs=12)

    assert (event.actor, event.actor_label, event.ip_address) == (
        user,
        "ops@example.org",
        "203.0.113.7",
    )
    assert (event.action, event.target, event.details) == (
        "round.published",
        "round 4",
        {"pairs": 12},
    )


def test_a_line_break_or_escape_cannot_forge_a_second_entry():
    event = record(
        "sign_in.failed", target="x\nFAKE sign_in.succeeded\x1b[2J\u202e", email="a\r\nb"
    )

    assert "\n" not in event.target and "\x1b" not in event.target and "\u202e" not in event.target
    assert event.details == {"email": "a b"}


def test_details_are_plain_values_only_and_nothing_is_written_otherwise():
    with pytest.raises(TypeError):
        record("export.downloaded", rows=["not", "plain"])
    assert AuditEvent.objects.count() == 0


def test_an_event_recorded_while_a_request_is_answered_says_who_and_from_where(client, ana):
    from trellis.audit.middleware import current_request

    client.force_login(ana.user)
    client.get("/", REMOTE_ADDR="203.0.113.8")  # any page: the request is in reach meanwhile

    assert current_request() is None  # and out of reach once answered
    event = record("export.downloaded", target="nothing")
    assert (event.actor, event.ip_address) == (None, None)  # no request: the command line
