"""Milestones as an RFC 5545 calendar (METHOD:PUBLISH).

Each milestone is an all-day event (DTSTART;VALUE=DATE) and so is each initiative's end,
its final milestone. UIDs name the row and this site's host, so a calendar program that
fetches the feed again updates its events rather than adding copies. Only public text
travels: the initiative's title, the milestone's title and note (public by its form's
own words), dates and a link. Events are transparent: a milestone does not make anyone
look busy.

Written here rather than by `icalendar` (which writes the meeting invitation): an
organiser's feed holds every open initiative, thousands of events at 100,000 members, and
`icalendar` spends about a millisecond on each (bench/calendar_feeds.py). The handful of
properties below need only RFC 5545's text escaping (3.3.11), folding at 75 octets
(3.1) and CRLF; the tests read every feed back with two independent parsers (`icalendar`
and `vobject`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings

from trellis.initiatives.models import Initiative, Milestone

PRODUCT = "-//Trellis//Initiative milestones//EN"
ONE_DAY = timedelta(days=1)
LINE_OCTETS = 75
# Control characters other than the line feed have no place in a calendar's text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """`value` as an iCalendar TEXT value: backslash, semicolon, comma and newline escaped."""
    value = _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def folded(line: str) -> bytes:
    """One content line in UTF-8, folded before 75 octets (never inside a character),
    each continuation starting with a space, ending in CRLF."""
    data = line.encode("utf-8")
    parts, start, room = [], 0, LINE_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to its start
            cut -= 1
        parts.append(data[start:cut])
        start, room = cut, LINE_OCTETS - 1  # a continuation line begins with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _stamp(moment: datetime) -> str:
    at = moment.astimezone(UTC)
    return f"{_day(at)}T{at.hour:02d}{at.minute:02d}{at.second:02d}Z"


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _event(*, uid: str, summary: str, day: date, stamp: datetime, about: str, url: str):
    yield "BEGIN:VEVENT"
    yield f"UID:{text(uid)}"
    yield f"DTSTAMP:{_stamp(stamp)}"
    yield f"DTSTART;VALUE=DATE:{_day(day)}"
    yield f"DTEND;VALUE=DATE:{_day(day + ONE_DAY)}"
    yield f"SUMMARY:{text(summary)}"
    yield f"DESCRIPTION:{text(about)}"
    yield f"URL:{url}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def _milestone_event(initiative: Initiative, milestone: Milestone, *, url: str, host: str):
    return _event(
        uid=f"trellis-milestone-{milestone.pk}@{host}",
        summary=f"{milestone.title} ({initiative.title})",
        day=milestone.due_on,
        stamp=milestone.updated_at,
        about="\n\n".join(part for part in (milestone.note, url) if part),
        url=url,
    )


def _end_event(initiative: Initiative, *, url: str, host: str):
    return _event(
        uid=f"trellis-initiative-{initiative.pk}-ends@{host}",
        summary=f"Ends: {initiative.title}",
        day=initiative.ends_on,
        stamp=initiative.updated_at,
        about=f"The final milestone of this Trellis initiative.\n\n{url}",
        url=url,
    )


def _lines(initiatives: Iterable[Initiative], name: str) -> Iterator[str]:
    host = urlsplit(settings.SITE_URL).hostname or "trellis.invalid"
    refresh = f"PT{settings.CALENDAR_REFRESH_HOURS}H"
    yield from ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN")
    yield from ("METHOD:PUBLISH", f"NAME:{text(name)}", f"X-WR-CALNAME:{text(name)}")
    # REFRESH-INTERVAL is RFC 7986's; Outlook reads the older X-PUBLISHED-TTL.
    yield from (f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}", f"X-PUBLISHED-TTL:{refresh}")
    for initiative in initiatives:
        url = f"{settings.SITE_URL}{initiative.get_absolute_url()}"
        for milestone in initiative.plan:
            yield from _milestone_event(initiative, milestone, url=url, host=host)
        yield from _end_event(initiative, url=url, host=host)
    yield "END:VCALENDAR"


def milestones_ics(*, initiatives: Iterable[Initiative], name: str) -> bytes:
    """The calendar of `initiatives`' milestones (each its `plan`, as
    `selectors.initiatives_in_feed` reads them) and ends, named `name`."""
    return b"".join(folded(line) for line in _lines(initiatives, name))
