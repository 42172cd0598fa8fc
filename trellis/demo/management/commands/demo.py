"""`trellis demo`: migrate, seed the demo organisation once, say how to sign in, serve it."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from trellis.accounts.models import User
from trellis.community.models import Post
from trellis.demo.accounts import ADMIN_EMAIL, DEMO_PASSWORD, MEMBER_EMAIL, ORGANISER_EMAIL
from trellis.demo.seed import MIN_MEMBERS, demo_organisation_create, demo_organisation_exists
from trellis.initiatives.fit import fit_refresh, fit_refresh_everything, volunteer_fit_refresh
from trellis.initiatives.models import Initiative
from trellis.insights.services import work_out_insights
from trellis.matching.engine.report import RunFacts
from trellis.matching.helping import helpers_refresh, helpers_refresh_everything
from trellis.matching.models import Round
from trellis.matching.runs import recommendations_refresh, round_run, round_tell_members
from trellis.matching.services import round_create, round_publish
from trellis.notifications.services import notifications_in_app_only
from trellis.people.models import Member, ProfileTopic, Topic
from trellis.people.services import vocabulary_load
from trellis.text.vocabulary import VocabularyError
from trellis.web.readonly import storage_errors_as_command_error

# Above this many members the seeded round covers one topic only, so that
# seeding a very large demo stays within a couple of minutes.
ROUND_EVERYONE_UP_TO = 20_000


class Command(BaseCommand):
    help = (
        "Try Trellis in one command: migrate, load the vocabulary, seed a demo organisation "
        "(once) with a year of history and a published matching round, work out what the "
        "pages show (who could help, fit, the insights), print how to sign in, and serve it on "
        "http://HOST:PORT/ with a background worker for rounds (`trellis serve`)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            type=int,
            default=300,
            help=f"How many people the demo organisation has (at least {MIN_MEMBERS}).",
        )
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--seed", type=int, default=42, help="The same seed gives the same organisation."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo but don't start a server."
        )
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Serve with Django's development server, reloading on code changes.",
        )

    # A data directory or database that cannot be written: one line, not a traceback.
    @storage_errors_as_command_error()
    def handle(self, *args, members: int, host: str, port: int, seed: int, **options):
        if members < MIN_MEMBERS:
            raise CommandError(f"--members must be at least {MIN_MEMBERS}.")
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
        if demo_organisation_exists():
            self.stdout.write("The demo organisation is already there; not seeding it again.")
            database = settings.DATABASES["default"]
            if database["ENGINE"].endswith("sqlite3"):
                self.stdout.write(f"(To start over, delete {database['NAME']}.)")
        else:
            report = demo_organisation_create(members=members, seed=seed, progress=self._progress)
            network = report.network
            self.stdout.write(
                f"Seeded a demo organisation of {report.members} members in {report.teams} "
                f"teams ({report.topic_links} topic links), with {network.relationships} "
                f"relationships, {network.intros} intros, {network.exchanges} exchanges, "
                f"{report.initiatives.initiatives} initiatives and "
                f"{report.initiatives.observations} observations, in {report.seconds:.1f} s."
            )
            self._seed_round(report.members)
            self._seed_helpers(report.members)
            self._seed_fit(report.members)
            self._seed_insights()
        self._allow_host(host)
        if not os.environ.get("TRELLIS_SITE_URL"):
            # Links in e-mails (invitations, password resets) point at this server.
            netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            settings.SITE_URL = f"http://{netloc}"
            # The server runs in processes of its own (`trellis serve`), which read their
            # settings from the environment.
            os.environ["TRELLIS_SITE_URL"] = settings.SITE_URL
        self._print_sign_in(host, port)
        if not options["no_serve"]:
            call_command(
                "serve",
                host=host,
                port=port,
                dev=options["dev"],
                stdout=self.stdout,
                stderr=self.stderr,
            )

    def _seed_round(self, members: int) -> None:
        """Run and publish one round, so suggestions are on the demo member's home page.

        Above ROUND_EVERYONE_UP_TO members it covers the people who work on the
        demo member's first problem, so seeding stays within a couple of minutes.
        """
        organiser = User.objects.get(email=ORGANISER_EMAIL)
        member = Member.objects.get(user__email=MEMBER_EMAIL)
        everyone = members <= ROUND_EVERYONE_UP_TO
        working_on = member.profile_topics.filter(statement=ProfileTopic.Statement.WORKING_ON)
        topic = (
            Topic.objects.filter(pk__in=working_on.values("topic_id"))
            .annotate(people=Count("profile_topics__member", distinct=True))
            .order_by("-people", "name")
            .first()
        )
        if not everyone and topic is None:
            self.stdout.write("No demo round was run: the demo member has no topic.")
            return
        cohort = "all" if everyone else f"topic:{topic.slug}"
        try:
            round_obj = round_create(organiser=organiser, cohort=cohort, enqueue=False)
        except ValidationError as error:
            self.stdout.write(f"No demo round was run: {' '.join(error.messages)}")
            return
        round_obj = round_run(round_id=round_obj.pk, progress=self._round_progress(round_obj.pk))
        if round_obj.state != Round.State.DONE:
            self.stdout.write(
                f"No demo round was published: round {round_obj.pk} failed: "
                f"{round_obj.failure_reason}"
            )
            return
        round_publish(round_id=round_obj.pk, organiser=organiser)
        with notifications_in_app_only():
            # Invented people are told in the app only; the queued task finds them told.
            round_tell_members(round_id=round_obj.pk)
        run = round_obj.report.run or RunFacts()
        scope = "everyone" if everyone else f"the people who mention {topic.name}"
        self.stdout.write(
            f"Published a demo matching round over {scope} ({run.members or 0} members): "
            f"{run.pairs or 0} pairs in {run.seconds or 0:.1f} s."
        )
        if everyone:
            recommendations_refresh(member_ids=[member.pk, organiser.member.pk])
        else:
            self.stdout.write(
                f"(Above {ROUND_EVERYONE_UP_TO:,} members the seeded round covers one topic; "
                "start a round over everyone from the Rounds page. Recommendations are "
                "computed by the worker on a member's first visit.)"
            )

    def _seed_helpers(self, members: int) -> None:
        """Work out who could help whom, so the demo member's home, posts and topics show it.

        Above ROUND_EVERYONE_UP_TO members, only the demo member's lists: the worker
        works out the others when they are first asked for (and at each `trellis sweep`).
        """
        member = Member.objects.get(user__email=MEMBER_EMAIL)
        if members <= ROUND_EVERYONE_UP_TO:
            done = helpers_refresh_everything()
        else:
            done = helpers_refresh(
                member_ids=[member.pk],
                post_ids=Post.objects.filter(author=member).values_list("pk", flat=True),
                topic_ids=member.profile_topics.values_list("topic_id", flat=True),
            )
        self.stdout.write(
            f"Worked out who could help whom: {done.lists} lists ({done.members} members, "
            f"{done.posts} posts, {done.topics} topics) naming {done.helpers} people, "
            f"in {done.seconds:.1f} s."
        )

    def _seed_fit(self, members: int) -> None:
        """Work out which initiatives fit whom and how volunteers fit, so the demo member's
        home, the initiatives and their volunteers show it at once.

        Above ROUND_EVERYONE_UP_TO members, the demo member's fits and the offers on the
        initiatives they lead: the worker works out the others when first asked for (and
        at each `trellis sweep`).
        """
        member = Member.objects.get(user__email=MEMBER_EMAIL)
        if members <= ROUND_EVERYONE_UP_TO:
            done = fit_refresh_everything()
        else:
            done = fit_refresh(member_ids=[member.pk])
            led = Initiative.objects.filter(lead=member).values_list("pk", flat=True)
            volunteers = volunteer_fit_refresh(initiative_ids=list(led))
            done = replace(
                done, volunteers=volunteers.volunteers, seconds=done.seconds + volunteers.seconds
            )
        self.stdout.write(
            f"Worked out which initiatives fit whom: {done.members} members, {done.fits} fits, "
            f"{done.volunteers} offers, in {done.seconds:.1f} s."
        )

    def _seed_insights(self) -> None:
        """Work out the organisers' insights over the seeded history, as the worker's daily
        sweep would, so that the insights pages show figures at once."""
        started = time.perf_counter()
        cohorts = work_out_insights()
        self.stdout.write(
            f"Worked out the organisers' insights: {cohorts} cohorts (everyone and each "
            f"discipline), in {time.perf_counter() - started:.1f} s."
        )

    def _round_progress(self, round_id: int):
        def progress(stage: str, fraction: float) -> None:
            self._progress(f"round {round_id}, {stage}", round(fraction * 100), 100)

        return progress

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
            os.environ["TRELLIS_ALLOWED_HOSTS"] = ",".join(settings.ALLOWED_HOSTS)
            self.stdout.write(
                f"Added {name} to ALLOWED_HOSTS for this demo "
                "(set TRELLIS_ALLOWED_HOSTS to serve it for real)."
            )

    def _print_sign_in(self, host: str, port: int) -> None:
        name = f"[{host}]" if ":" in host else host
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Trellis demo: http://{name}:{port}/"))
        rows = (
            ("Member", MEMBER_EMAIL),
            ("Organiser", ORGANISER_EMAIL),
            ("Admin (/admin/)", ADMIN_EMAIL),
        )
        for role, email in rows:
            self.stdout.write(f"  {role + ':':<17}{email}")
        self.stdout.write(f"  {'Password:':<17}{DEMO_PASSWORD} (the same for all three)")
        self.stdout.write("")
