"""The ask and observation linters' precision and recall on their labelled corpora.

    .venv/bin/python bench/lint_quality.py [--corpus PATH ...] [--show-misses]

For each corpus in `trellis/lint/tests/intro_*.jsonl` (or those given) and for all of them
together, prints per rule and overall (micro-averaged over rules) how many intros
are labelled with the rule, how many it fired on, the true positives, false
positives and false negatives, precision and recall, and how long linting took.
Then the same for the observation linter on `trellis/lint/tests/observation_*.jsonl`
(micro-averages there are the "all rules" row). A corpus given with `--corpus`
is an observation corpus when its name starts with "observation"; name the
corpora with `--corpus` to leave a blind set out while tuning.
`--show-misses` lists each disagreement with the labels. `trellis/lint/tests/LABELS.md`
says how the corpora were written and labelled.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trellis.lint import OBSERVATION_RULES, RULES, lint_intro, lint_observation  # noqa: E402

CORPORA = sorted((ROOT / "trellis" / "lint" / "tests").glob("intro_*.jsonl"))
OBSERVATION_CORPORA = sorted((ROOT / "trellis" / "lint" / "tests").glob("observation_*.jsonl"))


@dataclass
class Score:
    """Counts of one rule over the corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(corpus: list[dict]) -> dict[str, Score]:
    """Per-rule counts of the ask linter's findings against the labels."""
    return _score(corpus, RULES, lambda r: lint_intro(r["text"], shared=r.get("shared", [])))


def score_observations(corpus: list[dict]) -> dict[str, Score]:
    """Per-rule counts of the observation linter's findings against the labels."""
    return _score(corpus, OBSERVATION_RULES, lambda record: lint_observation(record["text"]))


def _score(corpus: list[dict], rules, lint) -> dict[str, Score]:
    scores = {rule: Score() for rule in rules}
    for record in corpus:
        # One finding per span: the rules folded into a finding fired too.
        fired = {rule for f in lint(record) for rule in (f.rule, *getattr(f, "also", ()))}
        expected = set(record["expected"])
        for rule, counts in scores.items():
            if rule in fired and rule in expected:
                counts.tp += 1
            elif rule in fired:
                counts.fp += 1
                counts.misses.append(f"false positive: {record['text']}")
            elif rule in expected:
                counts.fn += 1
                counts.misses.append(f"missed: {record['text']}")
    return scores


def overall(scores: dict[str, Score]) -> Score:
    total = Score()
    for counts in scores.values():
        total.tp += counts.tp
        total.fp += counts.fp
        total.fn += counts.fn
    return total


def report(name: str, corpus: list[dict], *, show_misses: bool, observations=False) -> None:
    began = time.perf_counter()
    scores = score_observations(corpus) if observations else score(corpus)
    elapsed = time.perf_counter() - began
    clean = sum(1 for record in corpus if not record["expected"])
    unit, total = ("note", "all rules") if observations else ("intro", "overall")
    print(f"\n{name}: {len(corpus)} {unit}s ({clean} clean)")
    print(
        f"{'rule':<20}{'labelled':>9}{'fired':>7}{'tp':>5}{'fp':>5}{'fn':>5}"
        f"{'precision':>11}{'recall':>8}"
    )
    for rule, counts in [*scores.items(), (total, overall(scores))]:
        print(
            f"{rule:<20}{counts.tp + counts.fn:>9}{counts.tp + counts.fp:>7}{counts.tp:>5}"
            f"{counts.fp:>5}{counts.fn:>5}{counts.precision:>11.3f}{counts.recall:>8.3f}"
        )
    per_message = 1000 * elapsed / max(1, len(corpus))
    print(f"linted in {elapsed:.2f} s ({per_message:.2f} ms per {unit})")
    if show_misses:
        for rule, counts in scores.items():
            for miss in counts.misses:
                print(f"  [{rule}] {miss}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a JSON Lines corpus")
    parser.add_argument("--show-misses", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    paths = args.corpus or CORPORA + OBSERVATION_CORPORA
    lint_intro("Warm up the vocabulary before timing.")
    lint_observation("Warm up the word lists before timing.")
    intros = [path for path in paths if not path.name.startswith("observation")]
    notes = [path for path in paths if path.name.startswith("observation")]
    for group, observations in ((intros, False), (notes, True)):
        everything = []
        for path in group:
            corpus = read_corpus(path)
            everything += corpus
            report(path.name, corpus, show_misses=args.show_misses, observations=observations)
        if len(group) > 1:
            name = "all observation corpora" if observations else "all corpora"
            report(name, everything, show_misses=False, observations=observations)


if __name__ == "__main__":
    main()
