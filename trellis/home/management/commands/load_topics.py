from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trellis.community.services import posts_topics_relink
from trellis.people.services import vocabulary_load
from trellis.text.vocabulary import VocabularyError


class Command(BaseCommand):
    help = (
        "Load the topic vocabulary (topics, synonyms, abbreviations) from its CSV file into "
        "the database, and re-link every profile and post when it changed. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help=f"Vocabulary CSV (default: TRELLIS_TOPICS_FILE, now {settings.TOPICS_FILE}).",
        )
        parser.add_argument(
            "--no-relink",
            action="store_true",
            help="Don't re-link members' statements to topics after a change.",
        )

    def handle(self, *args, path: Path | None, no_relink: bool, **options):
        path = path or settings.TOPICS_FILE
        if not path.is_file():
            raise CommandError(f"No vocabulary file at {path}.")
        try:
            report = vocabulary_load(path=path, relink=not no_relink)
        except VocabularyError as error:
            raise CommandError(f"{path} has problems:\n" + "\n".join(error.problems)) from None
        self.stdout.write(
            f"Topics: {report.created} created, {report.updated} updated, "
            f"{report.removed} removed, {report.unchanged} unchanged "
            f"({report.aliases} names and aliases)."
        )
        if report.relinked_members:
            self.stdout.write(f"Re-linked the profiles of {report.relinked_members} members.")
        if report.changed and not no_relink:
            posts = posts_topics_relink()
            self.stdout.write(f"Re-linked {posts} post{'s' if posts != 1 else ''} to topics.")
