"""`trellis import-roster PATH [--dry-run] [--invite]`: create and update members from a CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from trellis.people.roster import COLUMNS, RosterError, roster_import, roster_size_problem
from trellis.web.readonly import storage_errors_as_command_error

SHOWN_PROBLEMS = 500


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks (the column list) kept."""


def _description() -> str:
    width = max(len(column) for column in COLUMNS)
    columns = "\n".join(f"  {column:<{width}}  {text}" for column, text in COLUMNS.items())
    return (
        "Create and update members from a roster CSV with a header row. Members are\n"
        "matched by e-mail; columns left out of the file, and members not in it, are\n"
        "left as they are. The whole file is checked first: if anything is wrong,\n"
        "every problem is listed and nothing is written.\n\n"
        f"Columns (header names are case-insensitive):\n{columns}"
    )


class Command(BaseCommand):
    help = _description()

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        return parser

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The roster CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change; write nothing.",
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help="After importing, e-mail an invitation to every member in the file who "
            "has not claimed an account yet. Without it, no e-mail is sent.",
        )

    # A data directory or database that cannot be written: one line, not a traceback.
    @storage_errors_as_command_error()
    def handle(self, *args, path: Path, dry_run: bool, invite: bool, **options) -> None:
        try:
            problem = roster_size_problem(path.stat().st_size)
            data = b"" if problem else path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        try:
            if problem:
                raise RosterError([problem])
            report = roster_import(data=data, dry_run=dry_run, invite=invite)
        except RosterError as error:
            self._print_problems(error.problems)
            count = len(error.problems)
            raise CommandError(
                f"{path} was refused ({count} problem{'s' if count != 1 else ''}); "
                "nothing was written."
            ) from None
        self.stdout.write(self.style.SUCCESS(report.summary))
        if invite and not dry_run:
            self.stdout.write(
                f"Invited {report.invited} member(s) who have not claimed an account."
            )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))

    def _print_problems(self, problems) -> None:
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stderr.write(str(problem))
        if len(problems) > SHOWN_PROBLEMS:
            self.stderr.write(f"… and {len(problems) - SHOWN_PROBLEMS} more problems.")
