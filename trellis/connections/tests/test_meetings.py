"""Proposing a time: validated, stored, e-mailed with an RFC 5545 invitation both can download."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from trellis.connections import services
from trellis.connections.models import MeetingProposal
from trellis.people.services import member_update


def propose_url(relationship) -> str:
    return reverse("connections:meeting_new", args=[relationship.pk])


def ics_url(meeting) -> str:
    return reverse("connections:meeting_ics", args=[meeting.relationship_id, meeting.pk])


def tomorrow_at(hour: int) -> datetime:
    day = timezone.now().date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def form(**changes) -> dict:
    data = {
        "day": tomorrow_at(9).date().isoformat(),
        "time": "14:30",
        "minutes": "45",
        "place": "",
        "link": "https://meet.example.org/ana-ben",
        "note": "Bring the upgrade checklist.",
    }
    return data | changes


def only_event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_proposal_is_stored_in_utc_from_the_proposers_own_time_zone(
    client, relationship, ana, ben, django_capture_on_commit_callbacks
):
    member_update(member=ana, timezone="Europe/Lisbon")
    client.force_login(ana.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(propose_url(relationship), form(time="14:30"))

    assert response.status_code == 302
    meeting = MeetingProposal.objects.get()
    lisbon = timezone.localtime(meeting.starts_at, __import__("zoneinfo").ZoneInfo("Europe/Lisbon"))
    assert (lisbon.hour, lisbon.minute) == (14, 30)
    assert (meeting.proposer, meeting.minutes) == (ana, 45)
    assert meeting.link == "https://meet.example.org/ana-ben"


def test_the_other_is_emailed_the_invitation_replying_to_the_proposer(
    client, relationship, ana, ben, django_capture_on_commit_callbacks
):
    client.force_login(ana.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(propose_url(relationship), form())

    (message,) = mail.outbox
    assert message.to == ["ben@example.org"]
    assert message.reply_to == ["ana@example.org"]
    assert "Ana Lima proposes a time" in message.subject
    assert "Bring the upgrade checklist." in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    _, event = only_event(content.encode() if isinstance(content, str) else content)
    assert str(event["ATTENDEE"]) == "mailto:ben@example.org"


def test_the_invitation_is_rfc_5545_with_the_shared_problem_first(relationship, ana, ben):
    meeting = services.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=tomorrow_at(13),
        minutes=30,
        place="Third-floor kitchen",
        link="https://meet.example.org/ana-ben",
    )

    calendar, event = only_event(ics_bytes(meeting, ana))

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["UID"]).startswith(f"trellis-meeting-{meeting.pk}@")
    assert event.decoded("DTSTAMP").tzinfo is not None
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == tomorrow_at(13) and end == tomorrow_at(13) + timedelta(minutes=30)
    assert start.utcoffset() == timedelta(0)
    assert (
        "DTSTART:" in ics_bytes(meeting, ana).decode()
        and "Z\r\n" in ics_bytes(meeting, ana).decode()
    )
    summary = str(event["SUMMARY"])
    assert summary.startswith(relationship.intro.shared[0][:1].upper())
    assert relationship.intro.shared[0][1:] in summary
    assert "mentoring" not in summary.lower()
    assert "Ana Lima and Ben Okafor" in summary
    assert str(event["ORGANIZER"]) == "mailto:ana@example.org"
    assert event["ORGANIZER"].params["CN"] == "Ana Lima"
    assert str(event["ATTENDEE"]) == "mailto:ben@example.org"
    assert event["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    assert str(event["LOCATION"]) == "Third-floor kitchen"
    assert str(event["URL"]) == "https://meet.example.org/ana-ben"


def ics_bytes(meeting, member) -> bytes:
    from django.test import Client

    client = Client()
    client.force_login(member.user)
    response = client.get(ics_url(meeting))
    assert response.status_code == 200
    return response.content


def test_both_can_download_the_invitation(relationship, ana, ben):
    meeting = services.meeting_propose(
        relationship=relationship, proposer=ben, starts_at=tomorrow_at(8), minutes=60, place="Cafe"
    )

    for member in (ana, ben):
        from django.test import Client

        client = Client()
        client.force_login(member.user)
        response = client.get(ics_url(meeting))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert "attachment" in response["Content-Disposition"]
        assert b"BEGIN:VCALENDAR" in response.content


@pytest.mark.parametrize("who", ["carla", "organiser"])
def test_nobody_outside_the_relationship_gets_the_invitation(
    request, client, relationship, ana, who
):
    meeting = services.meeting_propose(
        relationship=relationship, proposer=ana, starts_at=tomorrow_at(8), minutes=30, place="Cafe"
    )
    client.force_login(request.getfixturevalue(who).user)

    assert client.get(ics_url(meeting)).status_code == 404
    before = MeetingProposal.objects.count()
    assert client.post(propose_url(relationship), form()).status_code == 404
    assert MeetingProposal.objects.count() == before


def test_the_invitation_url_names_its_own_relationship(client, relationship, ana, ben, carla):
    """A meeting's id under another relationship of the same member is not found."""
    from trellis.connections.tests.conftest import GROUNDED

    member_update(member=ana, capacity=5)
    other = services.intro_accept(
        intro=services.intro_send(sender=carla, recipient=ana, message=GROUNDED), member=ana
    )
    meeting = services.meeting_propose(
        relationship=relationship, proposer=ana, starts_at=tomorrow_at(8), minutes=30, place="Cafe"
    )
    client.force_login(ana.user)

    url = reverse("connections:meeting_ics", args=[other.pk, meeting.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"day": "2001-01-01"}, "day", "Choose a time in the future."),
        ({"day": "2999-01-01"}, "day", "Choose a time within the next year."),
        ({"minutes": "600"}, "minutes", "Select a valid choice."),
        ({"link": "http://meet.example.org/x"}, "link", "Give a link that starts with https://"),
        ({"link": "javascript:alert(1)"}, "link", "Give a link that starts with https://"),
        ({"link": "", "place": ""}, "place", "Say where you will meet: a place or a link."),
        ({"time": "25:00"}, "time", "Enter a valid time."),
        ({"note": "x" * 1001}, "note", "at most 1000 characters"),
    ],
)
def test_bad_input_is_named_on_the_form_and_nothing_is_written_or_sent(
    client, relationship, ana, changes, field, message, django_capture_on_commit_callbacks
):
    client.force_login(ana.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(propose_url(relationship), form(**changes))

    assert response.status_code == 200
    errors = response.context["meeting_form"].errors
    assert any(message in problem for problem in errors[field]), errors
    assert MeetingProposal.objects.count() == 0
    assert mail.outbox == []


def test_a_closed_relationship_takes_no_proposals(relationship, ana):
    from django.core.exceptions import ValidationError

    services.relationship_close(relationship=relationship, member=ana)

    with pytest.raises(ValidationError, match="closed"):
        services.meeting_propose(
            relationship=relationship, proposer=ana, starts_at=tomorrow_at(8), minutes=30, place="x"
        )
    assert MeetingProposal.objects.count() == 0


def test_the_relationship_page_lists_upcoming_times_with_their_invitations(
    client, relationship, ana, ben
):
    meeting = services.meeting_propose(
        relationship=relationship, proposer=ben, starts_at=tomorrow_at(8), minutes=30, place="Cafe"
    )
    client.force_login(ana.user)

    content = client.get(relationship.get_absolute_url()).content.decode()

    assert ics_url(meeting) in content
    assert "proposed by Ben Okafor" in content
    assert "Propose a time" in content
