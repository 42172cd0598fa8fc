"""`trellis digest`: preview one member's weekly digest, or send this week's now."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from trellis.integrations.digest import services
from trellis.people.models import Member


class Command(BaseCommand):
    help = (
        "The weekly e-mail digest. `--preview EMAIL` prints the plain-text digest the member "
        "with that login address would get now, sending and writing nothing. `--send-now` "
        "sends this ISO week's digest at once, here rather than in the background worker, to "
        "every member not sent it yet this week (TRELLIS_DIGEST_ENABLED must be true); "
        "without it, `trellis sweep` queues it on TRELLIS_DIGEST_WEEKDAY."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--preview", metavar="EMAIL", help="print one member's digest, send nothing"
        )
        action.add_argument("--send-now", action="store_true", help="send this week's digest now")

    def handle(self, *args, **options):
        if options["preview"]:
            self._preview(options["preview"])
        else:
            self._send_now()

    def _preview(self, email: str) -> None:
        try:
            text = services.digest_preview(email=email)
        except Member.DoesNotExist:
            raise CommandError(f"No member signs in with {email!r}.") from None
        except services.NothingToSay as reason:
            raise CommandError(str(reason)) from None
        self.stdout.write(text)

    def _send_now(self) -> None:
        if not settings.DIGEST_ENABLED:
            raise CommandError(
                "The weekly digest is off: set TRELLIS_DIGEST_ENABLED=true to send it."
            )
        run = services.digest_run_for_now(now=timezone.now())
        run = services.digest_run_send(run_id=run.pk)
        self.stdout.write(
            f"Digest {run.week}: {run.sent} sent, {run.skipped} members with nothing new "
            "(this week, in total)"
        )
