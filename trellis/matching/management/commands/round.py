"""`trellis round run --cohort … [--publish]`: run a matching round from the command line."""

from __future__ import annotations

import argparse
import sys

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError

from trellis.matching import config as round_config
from trellis.matching import presenters, runs, services
from trellis.matching.models import Round

COHORTS = (
    "all | team:NAME | discipline:NAME | topic:SLUG | open-to:peer_learning|initiatives|helping"
)


def weight(text: str) -> tuple[str, float]:
    """`NAME=VALUE`, e.g. `diversity=0.8`."""
    name, sep, value = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected NAME=NUMBER, got {text!r}") from None


class Command(BaseCommand):
    help = (
        "Matching rounds. `round run` runs one now, in this process (the same services as "
        "the organiser pages), prints its figures, and with --publish shows its pairs to "
        "both members of each pair."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        run = actions.add_parser("run", help="Run a round now.", description=self.help)
        run.add_argument("--cohort", default="all", help=f"Who the round is over: {COHORTS}.")
        run.add_argument(
            "--round",
            type=int,
            dest="round_id",
            help="Run an existing round again instead (one that failed or was killed).",
        )
        run.add_argument("--publish", action="store_true", help="Publish it when it succeeds.")
        run.add_argument("--seed", type=int, help="The same seed gives the same round.")
        run.add_argument("--candidates", type=int, help="Candidate pairs scored per member.")
        run.add_argument(
            "--exclude-siblings",
            action="store_true",
            help="Also keep apart people with the same manager.",
        )
        defaults = round_config.default_config()["weights"]
        run.add_argument(
            "--weight",
            type=weight,
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="A weight of the score, 0 to 10; repeat for several. Defaults: "
            + ", ".join(f"{name}={value:g}" for name, value in defaults.items())
            + ".",
        )
        run.add_argument("--quiet", action="store_true", help="No progress line on stderr.")

    def handle(self, *args, action: str, **options) -> None:
        self.quiet = options["quiet"] or options["verbosity"] == 0
        round_obj = self._round(options)
        self._note(f"Round {round_obj.pk}: {round_obj.cohort_value.label}")
        round_obj = runs.round_run(round_id=round_obj.pk, progress=self._progress)
        self._end_progress()
        if round_obj.state == Round.State.FAILED:
            raise CommandError(f"Round {round_obj.pk} failed: {round_obj.failure_reason}")
        if round_obj.state not in (Round.State.DONE, Round.State.PUBLISHED):
            raise CommandError(f"Round {round_obj.pk} did not finish ({round_obj.state}).")
        self._print_metrics(round_obj)
        if options["publish"] and round_obj.state == Round.State.DONE:
            services.round_publish(round_id=round_obj.pk, organiser=None)
            self.stdout.write(self.style.SUCCESS(f"Round {round_obj.pk} is published."))
        elif round_obj.state == Round.State.DONE:
            self.stdout.write(
                f"Round {round_obj.pk} is ready to review; nobody sees it until it is published "
                "(from its page, or run again with --publish)."
            )

    def _round(self, options) -> Round:
        if options["round_id"] is not None:
            try:
                return Round.objects.get(pk=options["round_id"])
            except Round.DoesNotExist:
                raise CommandError(f"There is no round {options['round_id']}.") from None
        config: dict = {"weights": dict(options["weight"])} if options["weight"] else {}
        if options["seed"] is not None:
            config["seed"] = options["seed"]
        if options["candidates"] is not None:
            config["candidates_per_member"] = options["candidates"]
        if options["exclude_siblings"]:
            config["exclude_siblings"] = True
        try:
            return services.round_create(
                organiser=None, cohort=options["cohort"], config=config, enqueue=False
            )
        except ValidationError as error:
            problems = [
                f"{_option(field)} {message}".strip()
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise CommandError("The round was refused: " + " ".join(problems)) from None

    def _note(self, text: str) -> None:
        if not self.quiet:
            self.stderr.write(text)

    def _progress(self, stage: str, fraction: float) -> None:
        if self.quiet:
            return
        line = f"{stage}: {round(100 * fraction):3d}%"
        if sys.stderr.isatty():
            self.stderr.write(f"\r{line:<60}", ending="")
            self.stderr.flush()
            self._open_line = True
        elif stage != getattr(self, "_last_stage", None):
            self._last_stage = stage
            self.stderr.write(line)

    def _end_progress(self) -> None:
        if getattr(self, "_open_line", False):
            self.stderr.write("")

    def _print_metrics(self, round_obj: Round) -> None:
        for line in presenters.command_lines(round_obj.pk, round_obj.report):
            self.stdout.write(line)


def _option(field: str) -> str:
    """The command-line option a problem of `round_create` is about."""
    if field == NON_FIELD_ERRORS:
        return ""
    if field.startswith("weight_"):
        return f"--weight {field.removeprefix('weight_')}:"
    option = {"candidates_per_member": "candidates"}.get(field, field)
    return "--" + option.replace("_", "-")
