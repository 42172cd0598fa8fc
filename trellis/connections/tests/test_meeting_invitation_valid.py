"""The invitation of a proposed time is valid iCalendar as an independent parser reads it.

`icalendar` writes the file; `vobject` (a separate implementation) reads it back and
validates each component, so a property icalendar would write wrongly is caught here.
"""

from datetime import UTC, datetime, timedelta

import pytest
import vobject
from django.utils import timezone

from trellis.connections import services
from trellis.connections.calendar import meeting_ics
from trellis.connections.models import MeetingProposal
from trellis.connections.tests.conftest import GROUNDED, record
from trellis.people.services import member_update

SECRET_NOTE = "PLANTED-NOTE-7f3a: my manager must not read this"
SECRET_REFLECTION = "PLANTED-REFLECTION-91c2"
SECRET_EXCHANGE = "PLANTED-EXCHANGE-55d0"


def tomorrow_at(hour: int) -> datetime:
    day = timezone.now().date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


@pytest.fixture
def meeting(relationship, ana):
    return services.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=tomorrow_at(13),
        minutes=45,
        place="Kitchen, third floor; by the window",
        note=SECRET_NOTE,
    )


def parsed(ics: bytes):
    calendar = vobject.readOne(ics.decode("utf-8"), validate=True)
    (event,) = calendar.vevent_list
    return calendar, event


def test_an_independent_parser_reads_every_required_property(meeting, ana, ben):
    calendar, event = parsed(meeting_ics(meeting))

    assert calendar.prodid.value == "-//Trellis//Proposed meetings//EN"
    assert calendar.version.value == "2.0"
    assert calendar.method.value == "REQUEST"
    assert event.uid.value.startswith(f"trellis-meeting-{meeting.pk}@")
    assert event.dtstamp.value.utcoffset() == timedelta(0)
    assert event.dtstart.value == tomorrow_at(13)
    assert event.dtend.value == tomorrow_at(13) + timedelta(minutes=45)
    assert event.dtstart.value.utcoffset() == timedelta(0)
    assert event.organizer.value == "mailto:ana@example.org"
    assert event.organizer.params["CN"] == ["Ana Lima"]
    assert event.attendee.value == "mailto:ben@example.org"
    assert event.attendee.params["RSVP"] == ["TRUE"]
    assert event.attendee.params["PARTSTAT"] == ["NEEDS-ACTION"]
    assert event.sequence.value == "0"


def test_the_uid_and_the_whole_file_are_the_same_each_time_it_is_made(meeting):
    assert meeting_ics(meeting) == meeting_ics(meeting)


def test_another_meeting_of_the_same_pair_has_another_uid(meeting, relationship, ana):
    later = services.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=tomorrow_at(15),
        minutes=30,
        link="https://meet.example.org/ana-ben",
    )

    assert parsed(meeting_ics(later))[1].uid.value != parsed(meeting_ics(meeting))[1].uid.value


def test_lines_end_in_crlf_and_are_folded_at_75_octets(meeting, ana, ben):
    member_update(member=ana, display_name="Ana Lima-Ñúñez " + "é" * 60)

    ics = meeting_ics(MeetingProposal.objects.get(pk=meeting.pk))

    assert b"\n" not in ics.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    assert parsed(ics)[1].organizer.params["CN"] == ["Ana Lima-Ñúñez " + "é" * 60]


def test_commas_and_semicolons_in_names_and_places_are_escaped(meeting, ana):
    member_update(member=ana, display_name="Lima, Ana; PhD")

    ics = meeting_ics(MeetingProposal.objects.get(pk=meeting.pk))
    _, event = parsed(ics)

    assert b"LOCATION:Kitchen\\, third floor\\; by the window" in ics
    assert event.location.value == "Kitchen, third floor; by the window"
    assert event.organizer.params["CN"] == ["Lima, Ana; PhD"]
    assert "Lima, Ana; PhD and Ben Okafor" in event.summary.value


def test_no_private_text_travels_in_the_invitation(meeting, relationship, ana):
    from trellis.connections.services import reflection_write

    reflection_write(author=ana, body=SECRET_REFLECTION)
    record(relationship, ana, shared=SECRET_EXCHANGE)

    ics = meeting_ics(meeting).decode()
    _, event = parsed(meeting_ics(meeting))

    for secret in (SECRET_NOTE, SECRET_REFLECTION, SECRET_EXCHANGE, GROUNDED, "manager"):
        assert secret not in ics
    assert relationship.get_absolute_url() in event.description.value
