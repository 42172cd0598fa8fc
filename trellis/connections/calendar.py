"""A proposed meeting as an RFC 5545 invitation (.ics), written by the `icalendar` library.

One VEVENT with METHOD:REQUEST, so that calendar programs offer to add it and to
answer: the proposer is the ORGANIZER, the other member the ATTENDEE. Times are in
UTC; each calendar shows them in its owner's own time zone.

What leaves Trellis in the file is public-safe: the shared problem, the two names,
where and when, and a link back. The proposer's note is not in DESCRIPTION: calendars
are shared with assistants and colleagues, and the note already reaches the other member
in the e-mail and on the relationship page. A proposal is never changed or withdrawn
(a new time is a new proposal with its own UID), so SEQUENCE stays 0 and no
METHOD:CANCEL is ever needed.
"""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from trellis.connections import selectors
from trellis.connections.models import MeetingProposal, Relationship

PRODUCT = "-//Trellis//Proposed meetings//EN"
SUMMARY_SUBJECT = 80


def meeting_subject(relationship: Relationship) -> str:
    """What the two talk about: the problem their intro was grounded in, first."""
    grounds = relationship.intro.shared if relationship.intro else []
    subject = next((str(item).strip() for item in grounds if str(item).strip()), "")
    if not subject:
        topics = selectors.shared_topics(relationship.member_a, relationship.member_b)
        subject = topics[0].name if topics else ""
    return subject[:SUMMARY_SUBJECT]


def meeting_summary(meeting: MeetingProposal) -> str:
    """The event's title: the shared problem, then who is talking."""
    relationship = meeting.relationship
    names = f"{relationship.member_a.display_name} and {relationship.member_b.display_name}"
    subject = meeting_subject(relationship)
    return f"{subject[:1].upper()}{subject[1:]}: {names}" if subject else f"Talk: {names}"


def meeting_uid(meeting: MeetingProposal) -> str:
    """Stable and unique across Trellis sites: the meeting's id at this site's host."""
    host = urlsplit(settings.SITE_URL).hostname or "trellis.invalid"
    return f"trellis-meeting-{meeting.pk}@{host}"


def _address(member, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{member.user.email}")
    address.params["CN"] = vText(member.display_name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("TRUE")
    return address


def meeting_ics(meeting: MeetingProposal) -> bytes:
    """The invitation for `meeting`, ready to attach or download."""
    relationship = meeting.relationship
    other = relationship.other(meeting.proposer_id)
    page = f"{settings.SITE_URL}{relationship.get_absolute_url()}"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.created_at.astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", meeting_summary(meeting))
    event.add("organizer", _address(meeting.proposer, role=""))
    event.add("attendee", _address(other, role="REQ-PARTICIPANT"))
    event.add("location", meeting.place or meeting.link)
    if meeting.link:
        event.add("url", meeting.link)
    event.add("description", f"Proposed on Trellis. Your relationship page: {page}")
    event.add("sequence", 0)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
