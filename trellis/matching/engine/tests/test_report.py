"""A round's report, typed: settings checked in, figures to and from JSON without loss."""

import json
import math

import numpy as np
import pytest

from trellis.matching.engine.pipeline import RoundConfig, run_round
from trellis.matching.engine.report import (
    MAX_SEED,
    Comparison,
    ConfigError,
    Figures,
    MethodFigures,
    RoundReport,
    RunFacts,
    Skipped,
    config_from_json,
    config_to_json,
    plain,
)
from trellis.matching.engine.scores import Weights
from trellis.matching.engine.synthetic import synthetic_organisation
from trellis.matching.engine.tests.conftest import TOPICS

INTEREST = "shared, teach, mutual"
STORED = {
    "members": 40,
    "eligible": 36,
    "candidates": 310,
    "pairs": 30,
    "covered": 35,
    "coverage": 0.9722,
    "coverage_bound": 36,
    "mean_score": 0.61,
    "mean_shared": 0.3,
    "mean_mutual": 0.33,
    "cross_discipline": 0.5,
    "cross_team": 0.9,
    "load": {"0": 5, "1": 20, "2": 15},
    "total": 18.3,
    "upper_bound": 18.4,
    "objective": 18.3,
    "objective_bound": 18.4,
    "gap": 0.005,
    "weight_gap": 0.001,
    "seconds": {"encode": 0.2, "assign": 0.1},
    "candidates_per_member": 20,
    "trellis": {"pairs": 30, "coverage": 0.97, "violations": 0},
    "baselines": {
        "random": {"pairs": 30, "coverage": 0.9, "mean_score": 0.2, "violations": 0},
        "tfidf_greedy": {"skipped": "Not run: too many members."},
    },
    "run": {"members": 40, "opted_in": 36, "pairs": 30, "seconds": 1.25},
}


def test_a_stored_report_reads_and_writes_back_the_same():
    report = RoundReport.from_json(STORED)

    assert report.to_json() == STORED
    assert list(report.to_json()) == list(STORED)  # and in the same order


def test_it_reads_the_figures_typed():
    report = RoundReport.from_json(STORED)

    assert report.figures.coverage == 0.9722
    assert report.figures.load == {0: 5, 1: 20, 2: 15}
    assert report.run == RunFacts(members=40, opted_in=36, pairs=30, seconds=1.25)
    assert report.comparison.baselines["tfidf_greedy"] == Skipped("Not run: too many members.")
    assert report.comparison.baselines["random"].mean_score == 0.2


def test_what_an_older_or_broken_round_did_not_store_reads_as_missing():
    report = RoundReport.from_json(
        {"coverage": "lots", "load": [3, 4], "gap": True, "note": "kept", "run": "?"}
    )

    assert report.figures.coverage is None and report.figures.gap is None
    assert report.figures.load == {0: 3, 1: 4}
    assert report.figures.extra == {"note": "kept"}
    assert report.run is None and report.comparison is None
    assert RoundReport.from_json(None) == RoundReport()


def test_a_failed_comparison_keeps_its_reason():
    report = RoundReport.from_json({"coverage": 1.0, "baselines_error": "ValueError: odd"})

    assert report.comparison == Comparison(error="ValueError: odd")
    assert report.to_json() == {"coverage": 1.0, "load": {}, "baselines_error": "ValueError: odd"}


def test_a_real_rounds_figures_survive_the_trip_through_json():
    people = synthetic_organisation(120, topics_path=TOPICS, seed=3)
    result = run_round(people, config=RoundConfig(seed=3))

    stored = plain(result.metrics)
    report = RoundReport.from_json(json.loads(json.dumps(stored)))

    assert report.to_json() == stored
    assert report.figures.extra == {}
    assert report.figures.pairs == len(result.pairs)


def test_engine_numbers_become_plain_json():
    assert plain({"a": np.float64(0.5), 2: [np.int64(3)], "b": float("nan")}) == {
        "a": 0.5,
        "2": [3],
        "b": None,
    }


def test_method_figures_read_only_numbers():
    assert MethodFigures.from_json({"pairs": 3, "coverage": "x"}) == MethodFigures(pairs=3)
    assert MethodFigures.from_json("nothing") == MethodFigures()


def test_figures_keep_the_stage_times_apart_from_the_other_figures():
    figures = Figures.from_json({"seconds": {"encode": 1, "bad": "x"}, "members": 2})

    assert figures.seconds == {"encode": 1.0}
    assert figures.extra == {}


# --------------------------------------------------------------------------------------------
# Settings in
# --------------------------------------------------------------------------------------------


def test_no_settings_are_the_engines_defaults():
    assert config_from_json(None) == RoundConfig()
    assert config_from_json(config_to_json(RoundConfig())) == RoundConfig()


def test_some_settings_and_some_weights_go_on_top_of_the_defaults():
    config = config_from_json({"seed": 7, "weights": {"diversity": 2}})

    assert config.seed == 7
    assert config.weights == Weights(diversity=2.0)
    assert isinstance(config.weights.diversity, float)


@pytest.mark.parametrize(
    "given, problems",
    [
        ({"colour": "red"}, {"": "Unknown round settings: colour."}),
        ({"weights": {"charm": 1}}, {"": "Unknown round settings: weights.charm."}),
        ({"weights": {"shared": "high"}}, {"weights.shared": "Must be a number."}),
        ({"weights": {"teach": math.inf}}, {"weights.teach": "Must be a number."}),
        ({"weights": {"mutual": 11}}, {"weights.mutual": "Must be between 0 and 10."}),
        (
            {"weights": {"shared": 0, "teach": 0, "mutual": 0}},
            {"weights.shared": f"At least one of the {INTEREST} weights must be above zero."},
        ),
        ({"candidates_per_member": 2.5}, {"candidates_per_member": "Must be a whole number."}),
        ({"candidates_per_member": 0}, {"candidates_per_member": "Must be between 1 and 200."}),
        ({"exclude_siblings": "yes"}, {"exclude_siblings": "Must be true or false."}),
        ({"seed": -1}, {"seed": f"Must be a whole number from 0 to {MAX_SEED}."}),
        ({"seed": True}, {"seed": f"Must be a whole number from 0 to {MAX_SEED}."}),
    ],
)
def test_settings_a_round_cannot_run_with_are_named_with_what_is_wrong(given, problems):
    with pytest.raises(ConfigError) as error:
        config_from_json(given)

    assert error.value.problems == problems
