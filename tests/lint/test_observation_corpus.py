"""The labelled observation corpora: well formed, big enough, and the linter's quality on them.

The floors sit a little below today's figures (`bench/lint_quality.py` prints
them) so a change that makes a rule worse fails here. The main corpus was
written before the rules and the rules were developed on it; the holdout was
written after they were frozen and never tuned on, so its figures are the honest
ones (`LABELS.md`).
"""

import json
import runpy
from pathlib import Path

import pytest

from trellis.lint import OBSERVATION_RULES

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "observation_corpus.jsonl"
HOLDOUT = HERE / "observation_holdout.jsonl"
BENCH = HERE.parents[1] / "bench" / "lint_quality.py"
# Precision / recall floors per rule. On the holdout, vague praise is the weak
# rule: a note that names a place or an event ("the conference booth", "the
# reorg") or an unknown verb beside a noun reads as specific.
FLOORS = {
    CORPUS: {rule: (0.95, 0.95) for rule in OBSERVATION_RULES},
    HOLDOUT: {
        "vague-praise": (0.7, 0.4),
        "about-the-person": (0.95, 0.75),
        "rating": (0.95, 0.6),
    },
}


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def bench():
    return runpy.run_path(str(BENCH))


def test_the_corpus_has_at_least_eighty_notes_and_thirty_clean_ones():
    corpus = records(CORPUS)
    assert len(corpus) >= 80
    assert sum(1 for record in corpus if not record["expected"]) >= 30


def test_the_holdout_has_at_least_forty_notes():
    assert len(records(HOLDOUT)) >= 40


@pytest.mark.parametrize("path", [CORPUS, HOLDOUT], ids=lambda path: path.name)
def test_every_record_is_well_formed(path):
    for record in records(path):
        assert set(record) == {"text", "expected"}
        assert record["text"].strip()
        assert set(record["expected"]) <= set(OBSERVATION_RULES)


def test_no_note_appears_twice():
    texts = [record["text"] for path in (CORPUS, HOLDOUT) for record in records(path)]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("path", [CORPUS, HOLDOUT], ids=lambda path: path.name)
@pytest.mark.parametrize("rule", list(OBSERVATION_RULES))
def test_each_rule_keeps_its_precision_and_recall(path, rule, bench):
    counts = bench["score_observations"](records(path))[rule]
    precision_floor, recall_floor = FLOORS[path][rule]
    assert counts.precision >= precision_floor, counts.misses
    assert counts.recall >= recall_floor, counts.misses


def test_the_bench_reports_each_observation_corpus_and_both_together(bench, capsys):
    bench["main"]([])
    out = capsys.readouterr().out
    assert CORPUS.name in out and HOLDOUT.name in out
    assert "all observation corpora" in out
    assert out.count("all rules") == 3


def test_the_bench_takes_an_observation_corpus_on_its_own(bench, capsys):
    bench["main"](["--corpus", str(HOLDOUT)])
    out = capsys.readouterr().out
    assert HOLDOUT.name in out and "vague-praise" in out
    assert "mentor-ask" not in out
