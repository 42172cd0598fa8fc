"""`trellis match`: the matching engine on JSON Lines files, no database needed."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trellis.matching import presenters
from trellis.matching.engine.helpers import HelperConfig, helpers_for_people
from trellis.matching.engine.people import PeopleError, read_people
from trellis.matching.engine.pipeline import RoundConfig, recommend, run_round
from trellis.matching.engine.report import RoundReport, plain

PAIR_FIELDS = ("a", "b", "score", "shared", "teach_ab", "teach_ba", "diversity", "explanation")


class ProgressBar:
    """A one-line progress bar on stderr; silent when quiet."""

    def __init__(self, stream, *, quiet: bool, width: int = 30):
        self.stream, self.quiet, self.width = stream, quiet, width
        self.last = ""

    def __call__(self, stage: str, fraction: float) -> None:
        if self.quiet:
            return
        fraction = min(max(fraction, 0.0), 1.0)
        filled = int(fraction * self.width)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%} {stage}"
        if line != self.last:
            self.stream.write(f"\r{line:<80}")
            self.stream.flush()
            self.last = line

    def done(self) -> None:
        if not self.quiet and self.last:
            self.stream.write("\n")
            self.stream.flush()


def _write_jsonl_atomically(path: Path, records) -> Path:
    """Write to a temporary file beside `path`; the caller renames it into place."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _pair_record(pair) -> dict:
    record = asdict(pair)
    return {name: record[name] for name in PAIR_FIELDS}


def _helper_records(found, person_id: str) -> list[dict]:
    return [
        {"id": h.id, "score": h.score, "explanation": h.explanation}
        for h in found.get(person_id, [])
    ]


class Command(BaseCommand):
    help = (
        "Match people from a JSON Lines file: write the round's pairs (and optionally "
        "top-k recommendations, top-k helpers and every scored candidate) as JSON Lines. "
        "Nothing is written when the input has problems."
    )

    def add_arguments(self, parser):
        parser.add_argument("people", type=Path, help="PEOPLE.jsonl: one person per line.")
        parser.add_argument("--pairs", type=Path, required=True, help="Where to write the round.")
        parser.add_argument(
            "--top", type=int, help="How many recommendations or helpers per person (default 5)."
        )
        parser.add_argument(
            "--recommendations", type=Path, help="Where to write top-k recommendations."
        )
        parser.add_argument(
            "--helpers", type=Path, help="Where to write each person's top-k helpers."
        )
        parser.add_argument(
            "--candidates", type=Path, help="Where to write every scored candidate pair."
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(
        self,
        *args,
        people: Path,
        pairs: Path,
        top,
        recommendations,
        helpers,
        candidates,
        seed,
        quiet,
        **options,
    ):
        if top is not None and recommendations is None and helpers is None:
            raise CommandError(
                "--top needs --recommendations RECS.jsonl or --helpers HELPERS.jsonl "
                "to write them to."
            )
        if top is not None and top < 1:
            raise CommandError("--top must be at least 1.")
        top = 5 if top is None else top
        for output in (pairs, recommendations, helpers, candidates):
            if output is not None and not output.parent.is_dir():
                raise CommandError(f"{output.parent} is not a directory.")
        crowd = self._read(people)
        config = replace(RoundConfig(), seed=seed)
        bar = ProgressBar(sys.stderr, quiet=quiet or options["verbosity"] == 0)
        result = run_round(crowd, config=config, progress=bar)
        recs = recommend(crowd, k=top, config=config, progress=bar) if recommendations else None
        found = None
        if helpers is not None:
            helper_config = replace(HelperConfig(), seed=seed)
            found = helpers_for_people(crowd, k=top, config=helper_config, progress=bar)
        bar.done()
        self._write(pairs, recommendations, candidates, result, recs, crowd, (helpers, found))
        self._summarise(result, pairs)

    def _read(self, path: Path):
        try:
            with path.open(encoding="utf-8") as handle:
                return read_people(handle)
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            raise CommandError(f"{path}: line {line}: not UTF-8 text.") from None
        except PeopleError as error:
            raise CommandError(f"{path} has problems:\n" + "\n".join(error.problems)) from None

    def _write(self, pairs, recommendations, candidates, result, recs, crowd, helped) -> None:
        staged: list[tuple[Path, Path]] = []
        try:
            staged.append((_write_jsonl_atomically(pairs, map(_pair_record, result.pairs)), pairs))
            if candidates is not None:
                records = map(_pair_record, result.candidates)
                staged.append((_write_jsonl_atomically(candidates, records), candidates))
            if recommendations is not None:
                records = (
                    {"id": p.id, "recommendations": [asdict(r) for r in recs.get(p.id, [])]}
                    for p in crowd
                )
                staged.append((_write_jsonl_atomically(recommendations, records), recommendations))
            helpers, found = helped
            if helpers is not None:
                records = ({"id": p.id, "helpers": _helper_records(found, p.id)} for p in crowd)
                staged.append((_write_jsonl_atomically(helpers, records), helpers))
        except BaseException:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            raise
        for temporary, final in staged:
            os.replace(temporary, final)

    def _summarise(self, result, pairs: Path) -> None:
        report = RoundReport.from_json(plain(result.metrics))
        self.stdout.write(presenters.match_summary(report, pairs=len(result.pairs), path=pairs))
