"""The labelled corpora: well formed, big enough, and the linter's quality on them.

The floors sit below today's figures (`bench/lint_quality.py` prints them) so a
change that makes a rule worse fails here; they are not the figures to quote.
`LABELS.md` says how the corpora were written and which figures were blind.
"""

import json
import runpy
from pathlib import Path

import pytest

from trellis.lint import RULES

HERE = Path(__file__).resolve().parent
CORPORA = sorted(HERE.glob("intro_*.jsonl"))
BENCH = HERE.parents[2] / "bench" / "lint_quality.py"
# Measured on all corpora together: precision / recall per rule. Shared-mention
# precision is the weakest (0.55 since the offers' blind set of issue 13: a two-word
# item named by one of its words, "night-time falls" for "inpatient falls", reads as
# not mentioned; loosening that costs the older corpora recall, so it is kept as a miss).
FLOORS = {rule: (0.9, 0.9) for rule in RULES} | {"no-shared-mention": (0.5, 0.9)}


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def bench():
    return runpy.run_path(str(BENCH))


def test_the_main_corpus_has_at_least_sixty_intros_and_twenty_five_clean_ones():
    corpus = records(HERE / "intro_corpus.jsonl")
    assert len(corpus) >= 60
    assert sum(1 for record in corpus if not record["expected"]) >= 25


@pytest.mark.parametrize("path", CORPORA, ids=lambda path: path.name)
def test_every_record_is_well_formed(path):
    for record in records(path):
        assert set(record) == {"text", "shared", "expected"}
        assert record["text"].strip()
        assert all(isinstance(item, str) and item.strip() for item in record["shared"])
        assert set(record["expected"]) <= set(RULES)
        assert "no-shared-mention" not in record["expected"] or record["shared"]


def test_no_intro_appears_twice():
    texts = [record["text"] for path in CORPORA for record in records(path)]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_keeps_its_precision_and_recall_on_the_corpora(rule, bench):
    everything = [record for path in CORPORA for record in records(path)]
    counts = bench["score"](everything)[rule]
    precision_floor, recall_floor = FLOORS[rule]
    assert counts.precision >= precision_floor, counts.misses
    assert counts.recall >= recall_floor, counts.misses


def test_the_bench_prints_a_table_per_corpus_and_one_for_all(bench, capsys):
    bench["main"]([])
    out = capsys.readouterr().out
    assert all(path.name in out for path in CORPORA)
    assert "all corpora" in out
    assert out.count("overall") == len(CORPORA) + 1
