"""The figures of a round and the yardsticks any list of pairs is measured with."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from trellis.matching.engine.metrics import pair_quality, round_metrics, truth_quality
from trellis.matching.engine.pipeline import RoundConfig, run_round
from trellis.matching.engine.synthetic import synthetic_organisation
from trellis.matching.engine.tests.conftest import TOPICS

ROUND_FIGURES = [
    "members",
    "eligible",
    "candidates",
    "pairs",
    "covered",
    "coverage",
    "coverage_bound",
    "mean_score",
    "mean_shared",
    "mean_mutual",
    "cross_discipline",
    "cross_team",
    "load",
    "total",
    "upper_bound",
    "objective",
    "objective_bound",
    "gap",
    "weight_gap",
    "seconds",
    "candidates_per_member",
]


def test_round_metrics(small_org):
    metrics = round_metrics(small_org, [("ann", "cat"), ("boss", "cat")])
    assert metrics["pairs"] == 2
    assert metrics["coverage"] == pytest.approx(3 / 4)  # boss, ann, bob, cat are eligible
    assert metrics["cross_discipline"] == 1.0
    assert metrics["cross_team"] == 1.0


def test_pair_quality_uses_the_engine_scores(small_org):
    n = len(small_org)
    vectors = np.zeros((n, 2), np.float32)
    vectors[1] = vectors[3] = [1, 0]  # ann and cat share an interest
    vectors[0] = [0, 1]
    profiles = SimpleNamespace(offers=vectors, wants=vectors, working=vectors, interest=vectors)
    quality = pair_quality(small_org, [("ann", "cat"), ("boss", "bob")], profiles)
    assert quality["shared"] == pytest.approx(0.5)
    assert quality["zero_score"] == pytest.approx(0.5)
    assert quality["useful_coverage"] == pytest.approx(2 / 4)
    assert pair_quality(small_org, [], profiles)["shared"] == 0.0


def test_truth_quality_reads_the_topics_behind_statements():
    def topics(working=(), helps=(), learns=()):
        return {
            "working_on": frozenset(working),
            "curious_about": frozenset(),
            "can_help_with": frozenset(helps),
            "learning": frozenset(learns),
        }

    truth = {
        "a": topics(working={"Kubernetes"}, helps={"Go"}, learns={"Terraform"}),
        "b": topics(working={"Kubernetes"}),
        "c": topics(helps={"Terraform"}, learns={"Go"}),
        "d": topics(learns={"Go"}),
    }
    quality = truth_quality([("a", "b"), ("a", "c"), ("a", "d"), ("b", "d")], truth)
    assert quality == {"true_shared": 0.25, "true_teach": 0.5, "true_mutual": 0.5}
    assert truth_quality([], truth)["true_shared"] == 0.0


def test_a_round_stores_its_figures_in_order_and_measures_itself_as_any_method_is():
    people = synthetic_organisation(200, topics_path=TOPICS, seed=4)
    result = run_round(people, config=RoundConfig(seed=4))
    metrics = result.metrics
    assert list(metrics) == ROUND_FIGURES  # `trellis round` prints them in this order
    shape = round_metrics(people, [(p.a, p.b) for p in result.pairs])
    assert {key: metrics[key] for key in shape} == shape
    assert metrics["covered"] == sum(v for n, v in metrics["load"].items() if n != "0")
    assert metrics["covered"] == len({x for p in result.pairs for x in (p.a, p.b)})
