from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from trellis.people import demo
from trellis.people.services import vocabulary_load
from trellis.text.vocabulary import VocabularyError


class Command(BaseCommand):
    help = (
        "Try Trellis in one command: migrate, load the vocabulary, seed a demo organisation "
        "(once), print how to sign in, and serve it on http://HOST:PORT/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            type=int,
            default=300,
            help=f"How many people the demo organisation has (at least {demo.MIN_MEMBERS}).",
        )
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--seed", type=int, default=42, help="The same seed gives the same organisation."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo but don't start a server."
        )

    def handle(self, *args, members: int, host: str, port: int, seed: int, **options):
        if members < demo.MIN_MEMBERS:
            raise CommandError(f"--members must be at least {demo.MIN_MEMBERS}.")
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if not settings.TOPICS_FILE.is_file():
            raise CommandError(f"No vocabulary file at {settings.TOPICS_FILE}.")
        self.verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=0)
        try:
            vocabulary_load(path=settings.TOPICS_FILE)
        except VocabularyError as error:
            raise CommandError(
                f"{settings.TOPICS_FILE} has problems:\n" + "\n".join(error.problems)
            ) from None
        if demo.demo_organisation_exists():
            self.stdout.write("The demo organisation is already there; not seeding it again.")
            database = settings.DATABASES["default"]
            if database["ENGINE"].endswith("sqlite3"):
                self.stdout.write(f"(To start over, delete {database['NAME']}.)")
        else:
            report = demo.demo_organisation_create(
                members=members, seed=seed, progress=self._progress
            )
            self.stdout.write(
                f"Seeded a demo organisation of {report.members} members in {report.teams} "
                f"teams ({report.topic_links} topic links) in {report.seconds:.1f} s."
            )
        self._allow_host(host)
        if not os.environ.get("TRELLIS_SITE_URL"):
            # Links in e-mails (invitations, password resets) point at this server.
            netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            settings.SITE_URL = f"http://{netloc}"
        self._print_sign_in(host, port)
        if not options["no_serve"]:
            address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            call_command("runserver", address, use_reloader=False, use_ipv6=":" in host)

    def _progress(self, phase: str, done: int, total: int) -> None:
        if self.verbosity == 0:
            return
        line = f"Seeding the demo: {phase} {done}/{total}"
        if sys.stderr.isatty():
            end = "\n" if done >= total else ""
            self.stderr.write(f"\r{line}", ending=end)
            self.stderr.flush()
        elif done >= total:
            self.stderr.write(line)

    def _allow_host(self, host: str) -> None:
        name = f"[{host}]" if ":" in host else host
        if name not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, name]
            self.stdout.write(
                f"Added {name} to ALLOWED_HOSTS for this demo "
                "(set TRELLIS_ALLOWED_HOSTS to serve it for real)."
            )

    def _print_sign_in(self, host: str, port: int) -> None:
        name = f"[{host}]" if ":" in host else host
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Trellis demo: http://{name}:{port}/"))
        rows = (
            ("Member", demo.MEMBER_EMAIL),
            ("Organiser", demo.ORGANISER_EMAIL),
            ("Admin (/admin/)", demo.ADMIN_EMAIL),
        )
        for role, email in rows:
            self.stdout.write(f"  {role + ':':<17}{email}")
        self.stdout.write(f"  {'Password:':<17}{demo.DEMO_PASSWORD} (the same for all three)")
        self.stdout.write("")
