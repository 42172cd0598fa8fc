"""`trellis audit-export [--since DATE] [--until DATE] [--action A] > audit.jsonl`."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from trellis.audit import selectors, services
from trellis.audit.actions import ACTIONS
from trellis.audit.log import record


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Write the audit log to standard output as JSON lines, one event per line, oldest "
        "last (as the page shows it). The export is itself recorded (audit.exported)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="From the start of this day (YYYY-MM-DD).")
        parser.add_argument("--until", help="To the end of this day (YYYY-MM-DD).")
        parser.add_argument(
            "--action", choices=sorted(ACTIONS), help="Only this action, e.g. sign_in.failed."
        )
        parser.add_argument("--actor", help="Only events by this e-mail (or its start).")

    def handle(self, *args, since, until, action, actor, **options) -> None:
        event_filter = selectors.EventFilter(
            action=action or "",
            actor=actor or "",
            since=_day(since) if since else None,
            until=_day(until) if until else None,
        )
        if event_filter.since and event_filter.until and event_filter.since > event_filter.until:
            raise CommandError("--until comes before --since.")
        record("audit.exported", target="audit log", **event_filter.as_details())
        for line in services.events_as_json_lines(selectors.events_matching(event_filter)):
            self.stdout.write(line, ending="")
