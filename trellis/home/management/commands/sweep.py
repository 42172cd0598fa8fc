"""`trellis sweep`: the time-based work of every area, for cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from trellis.audit.services import events_prune
from trellis.connections import services
from trellis.initiatives import services as initiatives
from trellis.insights import services as insights
from trellis.integrations.chat import services as chat
from trellis.integrations.digest.services import digest_sweep
from trellis.matching import services as matching


class Command(BaseCommand):
    help = (
        "Expire unanswered intros, show quiet relationships as resting (telling each member "
        "once), prompt new relationships to note their first exchange, and queue working out "
        "again who could help whom, which initiatives fit whom and the organiser insights "
        "(once a day; the background worker does it), and delete audit "
        "events older than TRELLIS_AUDIT_RETENTION_DAYS, and queue the weekly e-mail digest once "
        "a week (TRELLIS_DIGEST_ENABLED, TRELLIS_DIGEST_WEEKDAY). Run it from "
        "cron, e.g. hourly; running it again changes nothing until time has passed."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        expired = services.intros_expire(now=now)
        rest = services.relationships_rest(now=now)
        prompted = services.relationships_follow_up(now=now)
        matching.helpers_sweep()
        initiatives.fit_sweep()
        insights_queued = insights.insights_sweep()
        audit_deleted = events_prune(now=now)
        digest = digest_sweep(now=now)
        chat_sweep = chat.chat_sweep(now=now)
        self.stdout.write(f"Intros expired: {expired}")
        self.stdout.write(f"Relationships now resting: {rest.rested} ({rest.notified} told)")
        self.stdout.write(f"New relationships prompted to follow up: {prompted}")
        self.stdout.write("Who could help whom: queued (the worker redoes it once a day)")
        self.stdout.write(
            "Initiatives that fit each member: queued (anything waiting now, everyone once a day)"
        )
        self.stdout.write(
            "Organiser insights: "
            + ("queued (the worker works them out)" if insights_queued else "fresh (today's)")
        )
        self.stdout.write(f"Audit events past the retention period deleted: {audit_deleted}")
        self.stdout.write(f"Weekly digest: {digest.words}")
        if chat_sweep:  # nothing said while chat webhooks are off
            self.stdout.write(f"Chat webhooks: {chat_sweep}")
