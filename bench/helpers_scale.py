"""How long "who can help with this" takes for a whole organisation, stage by stage.

    .venv/bin/python bench/helpers_scale.py --sizes 10000,100000

The synthetic organisation of the other matching benches, where each member helped
a few colleagues (Poisson, mean 3) with something they can help with, ranked with
`helpers_for_people` for everyone (as the app's background worker does), k = 5.
Prints seconds per stage, peak memory of the process and how many helpers each
member got.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine_version import engine_version  # noqa: E402
from trellis.matching.engine.helpers import helpers_for_people  # noqa: E402
from trellis.matching.engine.people import Person  # noqa: E402
from trellis.matching.engine.synthetic import synthetic_organisation  # noqa: E402
from trellis.text.normalise import split_phrases  # noqa: E402

TOPICS = ROOT / "data" / "topics.csv"


def organisation(size: int, seed: int = 1) -> list[Person]:
    """The synthetic organisation, each member with a few helps on what they offer."""
    rng = np.random.default_rng(seed)
    people = []
    for person in synthetic_organisation(size, topics_path=TOPICS, seed=seed):
        offers = split_phrases(person.can_help_with) or split_phrases(person.working_on)
        count = int(rng.poisson(3)) if offers else 0
        helped = tuple(
            f"helped a colleague with {offers[rng.integers(len(offers))]}" for _ in range(count)
        )
        people.append(replace(person, helped_with=helped))
    return people


class Stages:
    """Seconds spent in each stage the progress callback names."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.stage, self.started = "", time.perf_counter()

    def __call__(self, stage: str, _fraction: float) -> None:
        if stage != self.stage:
            now = time.perf_counter()
            if self.stage:
                self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + now - self.started
            self.stage, self.started = stage, now


def measure(size: int) -> None:
    people = organisation(size)
    entries = sum(len(p.helped_with) for p in people)
    stages = Stages()
    started = time.perf_counter()
    found = helpers_for_people(people, k=5, progress=stages)
    total = time.perf_counter() - started
    stages("end", 1.0)
    listed = np.array([len(helpers) for helpers in found.values()])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parts = ", ".join(
        f"{name.removeprefix('helpers: ')} {s:.1f}" for name, s in stages.seconds.items()
    )
    print(
        f"{size:>9,} members, {entries:,} helps: {total:.1f} s ({parts}); peak memory "
        f"{peak:,.0f} MB; helpers listed per member: mean {listed.mean():.2f}, "
        f"none for {np.mean(listed == 0):.1%}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated member counts")
    args = parser.parse_args(argv)
    print(f"Engine: {engine_version()}")
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
