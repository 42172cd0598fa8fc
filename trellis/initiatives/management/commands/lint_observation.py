"""`trellis lint-observation`: the observation linter on one note from standard input."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from trellis.lint import OBSERVATION_RULES, lint_observation
from trellis.lint.command_line import matcher_from, read_message


class Command(BaseCommand):
    help = (
        "Lint one observation (a note about work you saw someone do) read from standard "
        'input: print each finding as one JSON line {"rule", "start", "end", "why", '
        '"suggestion"} (start and end are character offsets into the note). Nothing is '
        "printed for a specific note, and the exit status is 0 either way: the linter "
        f"explains, it never blocks. Rules: {', '.join(OBSERVATION_RULES)}. Example: "
        "echo 'Great job, 10/10!' | trellis lint-observation --subject Ana"
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--subject",
            default="",
            metavar="NAME",
            help="The observed person's display name, used in suggested rewrites.",
        )

    def handle(self, *args, subject: str, **options):
        text = read_message(options.get("stdin") or sys.stdin)
        matcher = matcher_from(settings.TOPICS_FILE)
        for finding in lint_observation(text, subject=subject, matcher=matcher):
            self.stdout.write(json.dumps(finding.as_dict(), ensure_ascii=False))
