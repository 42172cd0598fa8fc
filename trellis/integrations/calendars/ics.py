"""Milestones as an RFC 5545 calendar (METHOD:PUBLISH), written by `icalendar`.

Each milestone is an all-day event (DTSTART;VALUE=DATE) and so is each initiative's end,
its final milestone. UIDs name the row and this site's host, so a calendar program that
fetches the feed again updates its events rather than adding copies. Only public text
travels: the initiative's title, the milestone's title and note (public by its form's
own words), dates and a link. Events are transparent: a milestone does not make anyone
look busy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vDuration

from trellis.initiatives.models import Initiative, Milestone

PRODUCT = "-//Trellis//Initiative milestones//EN"
ONE_DAY = timedelta(days=1)


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "trellis.invalid"


def _day_event(*, uid: str, summary: str, day, stamp, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _milestone_event(initiative: Initiative, milestone: Milestone, url: str) -> Event:
    return _day_event(
        uid=f"trellis-milestone-{milestone.pk}",
        summary=f"{milestone.title} ({initiative.title})",
        day=milestone.due_on,
        stamp=milestone.updated_at,
        description="\n\n".join(part for part in (milestone.note, url) if part),
        url=url,
    )


def _end_event(initiative: Initiative, url: str) -> Event:
    return _day_event(
        uid=f"trellis-initiative-{initiative.pk}-ends",
        summary=f"Ends: {initiative.title}",
        day=initiative.ends_on,
        stamp=initiative.updated_at,
        description=f"The final milestone of this Trellis initiative.\n\n{url}",
        url=url,
    )


def milestones_ics(*, initiatives: Iterable[Initiative], name: str) -> bytes:
    """The calendar of `initiatives`' milestones (prefetched) and ends, named `name`."""
    refresh = timedelta(hours=settings.CALENDAR_REFRESH_HOURS)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    # Outlook reads the older X-PUBLISHED-TTL; an X- property is text, so give its form.
    calendar.add("x-published-ttl", vDuration(refresh))
    for initiative in initiatives:
        url = f"{settings.SITE_URL}{initiative.get_absolute_url()}"
        for milestone in initiative.milestones.all():
            calendar.add_component(_milestone_event(initiative, milestone, url))
        calendar.add_component(_end_event(initiative, url))
    return calendar.to_ical()
