"""`trellis round run --cohort … [--publish]`: run a matching round from the command line."""

from __future__ import annotations

import argparse
import sys

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError

from trellis.matching import config as round_config
from trellis.matching import runs, services
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
        metrics = round_obj.metrics or {}
        run = metrics.get("run", {})
        self.stdout.write(
            f"Round {round_obj.pk}: {run.get('pairs', 0)} pairs among {run.get('members', 0)} "
            f"members ({run.get('opted_in', 0)} open to peer learning)."
        )
        for key, value in metrics.items():
            if key in {"run", "trellis", "baselines"}:
                continue
            self.stdout.write(f"  {key}: {_shown(value)}")
        self._print_comparison(metrics)

    def _print_comparison(self, metrics: dict) -> None:
        """The round beside each baseline, one line each, on the round's own scoring."""
        methods = {"trellis": metrics.get("trellis"), **(metrics.get("baselines") or {})}
        if not methods.get("trellis"):
            return
        self.stdout.write(
            f"  {'compared with':<14} {'pairs':>6} {'coverage':>9} {'shared':>7} "
            f"{'mutual':>7} {'score':>6} {'x-disc':>7} {'broken':>6}"
        )
        for name, figures in methods.items():
            if not figures:
                continue
            if "skipped" in figures:
                self.stdout.write(f"  {name:<14} {figures['skipped']}")
                continue
            self.stdout.write(
                f"  {name:<14} {figures['pairs']:>6} {figures['coverage']:>9.1%} "
                f"{figures['mean_shared']:>7.3f} {figures['mean_mutual']:>7.3f} "
                f"{figures['mean_score']:>6.3f} {figures['cross_discipline']:>7.1%} "
                f"{figures['violations']:>6}"
            )


def _option(field: str) -> str:
    """The command-line option a problem of `round_create` is about."""
    if field == NON_FIELD_ERRORS:
        return ""
    if field.startswith("weight_"):
        return f"--weight {field.removeprefix('weight_')}:"
    option = {"candidates_per_member": "candidates"}.get(field, field)
    return "--" + option.replace("_", "-")


def _shown(value) -> str:
    """A metric on one line: floats to four places, mappings as `key=value` pairs."""
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, dict):
        return ", ".join(f"{key}={_shown(item)}" for key, item in value.items())
    return str(value)
