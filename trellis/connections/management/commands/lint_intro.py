"""`trellis lint-intro`: the ask linter on one message from standard input."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from trellis.lint import lint_intro, shipped_matcher
from trellis.text.vocabulary import TopicMatcher, VocabularyError, load_vocabulary


def _matcher() -> TopicMatcher:
    """The topic vocabulary of this installation (TRELLIS_TOPICS_FILE), else the shipped one."""
    try:
        return TopicMatcher.from_entries(load_vocabulary(settings.TOPICS_FILE))
    except (OSError, VocabularyError):
        return shipped_matcher()


def _read(stream) -> str:
    # Bytes when we can get them, so the message is read as UTF-8 whatever the locale.
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        return binary.read().decode("utf-8-sig", errors="replace")
    return stream.read()


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
        message = _read(options.get("stdin") or sys.stdin)
        findings = lint_intro(message, shared=shared, sender_offers=offer, matcher=_matcher())
        for finding in findings:
            self.stdout.write(json.dumps(finding.as_dict(), ensure_ascii=False))
