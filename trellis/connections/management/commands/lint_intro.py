"""`trellis lint-intro`: the ask linter on one message from standard input."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from trellis.lint import lint_intro
from trellis.lint.command_line import matcher_from, read_message


class Command(BaseCommand):
    help = (
        "Lint one intro message read from standard input: print each finding as one JSON "
        'line {"rule", "start", "end", "why", "suggestion"} (start and end are character '
        "offsets into the message). Nothing is printed for a clean message, and the exit "
        "status is 0 either way: the linter explains, it never blocks. Rules: mentor-ask, "
        "pick-brain, generic-coffee, no-specific-ask, only-takes, and no-shared-mention "
        "when --shared is given. Example: "
        "echo 'Will you be my mentor?' | trellis lint-intro --shared 'Kubernetes upgrades'"
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--shared",
            action="append",
            default=[],
            metavar="TOPIC",
            help=(
                "Something the two people share, e.g. a topic from their match explanation "
                "(repeatable). Turns on the no-shared-mention rule."
            ),
        )
        parser.add_argument(
            "--offer",
            action="append",
            default=[],
            metavar="SKILL",
            help="Something the sender can help with, used in suggested rewrites (repeatable).",
        )

    def handle(self, *args, shared: list[str], offer: list[str], **options):
        message = read_message(options.get("stdin") or sys.stdin)
        matcher = matcher_from(settings.TOPICS_FILE)
        findings = lint_intro(message, shared=shared, sender_offers=offer, matcher=matcher)
        for finding in findings:
            self.stdout.write(json.dumps(finding.as_dict(), ensure_ascii=False))
