"""Reading the audit log: events by action, actor and day, newest first, a page at a time.

Pages are keyset pages ("older than event N"), not numbered ones: the log only grows,
and counting a few million rows for "page 3 of 40,000" would make the page cost grow
with it. Each page is one query whatever the log's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone

from trellis.audit.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class EventFilter:
    """Which events to show: every field empty means all of them."""

    action: str = ""
    actor: str = ""  # an e-mail address, or the start of one
    since: date | None = None  # from the start of this day (the site's time zone)
    until: date | None = None  # to the end of this day

    def as_details(self) -> dict[str, str]:
        """The filter as plain audit details (for `audit.exported`), empty ones left out.
        (Not `action` and `actor`: those are `record`'s own arguments.)"""
        values = {
            "of_action": self.action,
            "by": self.actor,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class EventPage:
    events: list[AuditEvent]
    older_than: int | None  # the id to ask for the next (older) page from; None at the end


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _actor_lookup(text: str) -> dict[str, str]:
    """A whole address matches exactly (an index walk, however long the log); anything
    shorter is the start of one (a scan, for the operator who half remembers a name)."""
    typed = text.strip().lower()
    local, _, domain = typed.partition("@")
    if local and "." in domain and not domain.endswith("."):
        return {"actor_label": typed}
    return {"actor_label__startswith": typed}


def events_matching(event_filter: EventFilter) -> QuerySet[AuditEvent]:
    """Events matching the filter, newest first (no joins: the actor is kept as a label)."""
    events = AuditEvent.objects.order_by("-at", "-id")
    if event_filter.action:
        events = events.filter(action=event_filter.action)
    if event_filter.actor:
        events = events.filter(**_actor_lookup(event_filter.actor))
    if event_filter.since:
        events = events.filter(at__gte=_start_of(event_filter.since))
    if event_filter.until:
        events = events.filter(at__lt=_start_of(event_filter.until + timedelta(days=1)))
    return events


def events_page(
    event_filter: EventFilter, *, older_than: int | None = None, size: int | None = None
) -> EventPage:
    """One page of matching events, those after event `older_than` in newest-first order."""
    size = size or PAGE_SIZE
    events = events_matching(event_filter)
    if older_than is not None:
        # The cursor's time, looked up in the same query: (at, id) below the cursor's.
        cursor_at = Subquery(AuditEvent.objects.filter(pk=older_than).values("at")[:1])
        events = events.filter(Q(at__lt=cursor_at) | Q(at=cursor_at, id__lt=older_than))
    rows = list(events[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return EventPage(events=rows, older_than=rows[-1].pk if more else None)
