"""A matching round through the app, phase by phase: what `trellis round run` does.

    .venv/bin/python bench/round_run.py --members 100000 [--seed 42]
    .venv/bin/python bench/round_run.py --data-dir PATH [--rounds 2] [--pairs-out FILE]

With --members it seeds a demo organisation of that size first (`bench/seed_demo.py`, in
its own process, so its memory is not counted); with --data-dir it runs on a copy of that
data directory's SQLite file (the original is never written). Then, in this process, it
creates a round over everyone and runs it as the command does (`services.round_create`,
`runs.round_run`), and prints the time of each phase: reading the cohort, loading the
encoder, the engine's stages (encode, candidates, score, assign, explain), each member's
explanations, the baselines, who is in no pair, writing; the total, the rows written, the
queries the run made, and peak memory (the process's maximum resident set, ru_maxrss).
With --rounds N it runs N rounds one after another in the same process (a worker runs
many): the second and later show what is kept between rounds.
With --pairs-out it writes every pair of the (last) round, one a line, to compare two
versions of the code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--members", type=int, help="Seed a demo organisation of this size.")
    source.add_argument("--data-dir", type=Path, help="Run on a copy of this data directory.")
    parser.add_argument("--seed", type=int, default=42, help="The demo's seed (--members).")
    parser.add_argument("--rounds", type=int, default=1, help="Rounds run one after another.")
    parser.add_argument("--pairs-out", type=Path, help="Write the last round's pairs here.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary directory.")
    parser.add_argument(
        "--profile", type=Path, help="Profile the last round with pyinstrument into this file."
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="trellis-round-"))
    try:
        database = _prepared_database(args, work)
        os.environ["TRELLIS_DATA_DIR"] = str(work)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
        sys.path.insert(0, str(ROOT))
        for number in range(1, args.rounds + 1):
            last = number == args.rounds
            _one_round(number, args.pairs_out if last else None, args.profile if last else None)
        return 0
    finally:
        if args.keep:
            print(f"data directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _prepared_database(args, work: Path) -> Path:
    """The SQLite file this run writes to, in `work`: seeded, or copied from --data-dir."""
    if args.members:
        seeded = Path(tempfile.mkdtemp(prefix="trellis-seed-"))
        env = {**os.environ, "TMPDIR": str(seeded)}
        run = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "seed_demo.py"), "--members",
             str(args.members), "--seed", str(args.seed), "--keep"],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        kept = Path(run.stdout.strip().splitlines()[-1].removeprefix("data directory kept: "))
        source = kept
    else:
        seeded, source = None, args.data_dir
    files = sorted(source.glob("*.sqlite3"))
    if len(files) != 1:
        raise SystemExit(f"expected one *.sqlite3 file in {source}, found {len(files)}")
    for extra in ("secret_key",):
        if (source / extra).exists():
            shutil.copy(source / extra, work / extra)
    database = work / files[0].name
    started = time.perf_counter()
    shutil.copy(files[0], database)
    print(f"database: {files[0]} copied in {time.perf_counter() - started:.1f} s")
    if seeded is not None:
        shutil.rmtree(seeded, ignore_errors=True)
    return database


class _Clock:
    """Seconds spent in each named phase, in the order first seen."""

    def __init__(self):
        self.phases: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.current, self.since, self.cpu_since = "", time.perf_counter(), time.process_time()

    def enter(self, phase: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        if self.current:
            self.phases[self.current] = self.phases.get(self.current, 0.0) + now - self.since
            self.cpu[self.current] = self.cpu.get(self.current, 0.0) + cpu - self.cpu_since
        self.current, self.since, self.cpu_since = phase, now, cpu

    def timed(self, phase: str, function: Callable, then: str) -> Callable:
        def wrapper(*args, **kwargs):
            self.enter(phase)
            try:
                return function(*args, **kwargs)
            finally:
                self.enter(then)

        return wrapper

    def progress(self, stage: str, _fraction: float) -> None:
        """The run's progress reports: the engine's stages are named by the engine."""
        if stage in ENGINE_STAGES:
            self.enter(stage)


ENGINE_STAGES = ("encode", "candidates", "score", "assign", "explain")


def _one_round(number: int, pairs_out: Path | None, profile: Path | None) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trellis.matching import runs, selectors, services
    from trellis.matching.models import Round, Suggestion, UnpairedMember

    clock = _Clock()
    # Each phase is timed by wrapping what runs it; whatever is left over is "other".
    wrapped = {
        "read the cohort": (selectors, "cohort_people"),
        "load the encoder": (runs, "make_encoder"),
        "explanations for each member": (runs.review, "addressed_explanations"),
        "baselines": (runs, "_baselines_compared"),
        "who is in no pair": (runs, "_unpaired_rows"),
        "write": (runs, "_round_finish"),
    }
    with ExitStack() as stack:
        for phase, (module, name) in wrapped.items():
            function = getattr(module, name)
            stack.enter_context(
                mock.patch.object(module, name, clock.timed(phase, function, "other"))
            )
        queries = stack.enter_context(CaptureQueriesContext(connection))
        if profile:
            from pyinstrument import Profiler  # not a dependency: pip install it to profile

            profiler = Profiler(interval=0.01)
            profiler.start()
            stack.callback(lambda: profile.write_text(_stopped(profiler)))
        started, cpu_started = time.perf_counter(), time.process_time()
        clock.enter("create the round")
        round_obj = services.round_create(organiser=None, cohort="all", enqueue=False)
        clock.enter("other")
        round_obj = runs.round_run(round_id=round_obj.pk, progress=clock.progress)
        clock.enter("")
        total, cpu_total = time.perf_counter() - started, time.process_time() - cpu_started
    if round_obj.state != Round.State.DONE:
        reason = round_obj.failure_reason
        raise SystemExit(f"round {round_obj.pk} ended {round_obj.state}: {reason}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    pairs = Suggestion.objects.filter(round=round_obj).count()
    unpaired = UnpairedMember.objects.filter(round=round_obj).count()
    members = round_obj.report.run.members if round_obj.report.run else "?"
    print(f"round {number} (id {round_obj.pk}): {members} members, {pairs} pairs, "
          f"{unpaired} in no pair")  # fmt: skip
    engine = sum(clock.phases.get(stage, 0.0) for stage in ENGINE_STAGES)
    engine_cpu = sum(clock.cpu.get(stage, 0.0) for stage in ENGINE_STAGES)
    print(f"  {'phase':<32}{'wall s':>8} {'cpu s':>8}")
    for phase, seconds in clock.phases.items():
        mark = "  (engine)" if phase in ENGINE_STAGES else ""
        print(f"  {phase:<32}{seconds:8.1f} {clock.cpu[phase]:8.1f}{mark}")
    print(f"  {'engine stages':<32}{engine:8.1f} {engine_cpu:8.1f}")
    print(f"  {'outside the engine':<32}{total - engine:8.1f} {cpu_total - engine_cpu:8.1f}")
    print(f"  {'total':<32}{total:8.1f} {cpu_total:8.1f}")
    print("  (cpu s: this process's processor time, all its threads; on a busy machine the")
    print("  wall time stretches and the cpu time much less)")
    print(f"  queries: {len(queries.captured_queries)}")
    if profile:
        print(f"  profile written to {profile}")
    print(f"  peak memory (ru_maxrss): {peak / 2**30:.2f} GiB ({peak / 1e9:.2f} GB)")
    if pairs_out:
        _write_pairs(pairs_out, round_obj)


def _stopped(profiler) -> str:
    profiler.stop()
    return profiler.output_text(color=False, unicode=True, show_all=False)


def _write_pairs(path: Path, round_obj) -> None:
    """Every pair and everyone in none, in a stable order, to compare two runs line by line."""
    from trellis.matching.models import Suggestion, UnpairedMember

    fields = ("member_a_id", "member_b_id", "score", "shared", "teach_ab", "teach_ba",
              "diversity", "explanation", "explanation_for_a", "explanation_for_b")  # fmt: skip
    with path.open("w") as out:
        for row in (
            Suggestion.objects.filter(round=round_obj)
            .order_by("member_a_id", "member_b_id")
            .values_list(*fields)
        ):
            out.write("\t".join(map(str, row)) + "\n")
        for row in (
            UnpairedMember.objects.filter(round=round_obj)
            .order_by("member_id")
            .values_list("member_id", "reason", "detail")
        ):
            out.write("unpaired\t" + "\t".join(map(str, row)) + "\n")
        # The report, less the run's own timings (they differ from run to run).
        report = {key: value for key, value in round_obj.metrics.items() if key != "run"}
        report.pop("seconds", None)
        out.write("report\t" + json.dumps(report, sort_keys=True) + "\n")
    print(f"  pairs written to {path}")


if __name__ == "__main__":
    sys.exit(main())
