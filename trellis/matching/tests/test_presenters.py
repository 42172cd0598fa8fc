"""One presenter for a round's report: the review page, `trellis round run`, `trellis match`."""

from pathlib import Path

from trellis.matching import presenters
from trellis.matching.engine.report import RoundReport
from trellis.matching.engine.tests.test_report import STORED

REPORT = RoundReport.from_json(STORED)


def test_the_review_leads_with_the_headline_figures_as_organisers_read_them():
    review = presenters.review(REPORT)

    assert review["headline"][:3] == [
        ("Coverage: members with at least one pair", "97%"),
        ("Members with at least one pair", "35"),
        ("Members who could be paired (active, opted in, capacity left)", "36"),
    ]
    assert ("Gap to the upper bound", "0.5%") in review["headline"]
    assert review["load"] == [(0, 5), (1, 20), (2, 15)]


def test_the_review_lists_the_other_figures_and_the_runs_facts():
    review = presenters.review(REPORT)

    assert review["other"] == [
        ("Partners searched per member", "20"),
        ("Most members any set of pairs could reach", "36"),
        ("The assignment's objective (what it maximises)", "18.30"),
        ("Upper bound on that objective", "18.40"),
        ("Gap in score to the upper bound", "0.1%"),
    ]
    assert review["facts"] == [
        ("Members in the cohort", "40"),
        ("Active and open to peer learning", "36"),
        ("Pairs", "30"),
        ("Engine time (s)", "1.25"),
    ]


def test_figures_are_rounded_and_said_in_words_never_in_full_precision():
    assert presenters.formatted(168.07875165253876) == "168.08"
    assert presenters.formatted(0.9722, as_share=True) == "97%"
    assert presenters.formatted(0.005, as_share=True) == "0.5%"
    assert presenters.formatted(0.00001, as_share=True) == "under 0.1%"
    assert presenters.summary(REPORT) == [
        "The cohort has 40 people; 36 of them are active and open to peer learning.",
        "30 pairs give 35 people of the 36 who could be paired (free capacity left) "
        "someone to meet: 97%.",
        "50% of pairs cross disciplines and 90% cross teams.",
        "The pairs reach within 0.5% of the best total score possible under the same rules.",
    ]


def test_the_comparison_has_a_row_a_method_and_says_why_a_baseline_was_skipped():
    compared = presenters.review(REPORT)["comparison"]

    names = [name for name, _ in compared["rows"]]
    assert names == [
        "Trellis (this round)",
        "Random pairing (the spreadsheet)",
        "Plain TF-IDF, greedy assignment",
    ]
    assert compared["rows"][1][1][:2] == ["30", "90%"]
    assert compared["rows"][2][1] == [None] * len(presenters.COMPARED)
    assert compared["notes"] == ["Plain TF-IDF, greedy assignment: Not run: too many members."]


def test_without_the_rounds_own_yardstick_its_headline_figures_stand_in():
    stored = {k: v for k, v in STORED.items() if k != "trellis"}

    compared = presenters.comparison(RoundReport.from_json(stored))

    assert compared["rows"][0] == (
        "Trellis (this round)",
        ["30", "97%", None, "0.30", "0.33", "0.61", "50%", None],
    )


def test_a_failed_comparison_shows_its_reason_and_a_round_without_one_shows_nothing():
    failed = RoundReport.from_json({"coverage": 1.0, "baselines_error": "ValueError: odd"})

    assert presenters.comparison(failed) == {"error": "ValueError: odd"}
    assert presenters.comparison(RoundReport.from_json({"coverage": 1.0})) is None


def test_the_command_line_prints_the_round_every_figure_and_the_comparison():
    lines = presenters.command_lines(7, REPORT)

    assert lines[0] == "Round 7: 30 pairs among 40 members (36 open to peer learning)."
    assert "  coverage: 0.9722" in lines
    assert "  load: 0=5, 1=20, 2=15" in lines
    assert "  seconds: encode=0.2000, assign=0.1000" in lines
    assert lines[-4:] == [
        "  compared with   pairs  coverage  shared  mutual  score  x-disc broken",
        "  trellis            30     97.0%       -       -      -       -      0",
        "  random             30     90.0%       -       -  0.200       -      0",
        "  tfidf_greedy   Not run: too many members.",
    ]


def test_match_says_where_the_pairs_went_and_how_good_they_are():
    summary = presenters.match_summary(REPORT, pairs=30, path=Path("pairs.jsonl"))

    assert summary == (
        "30 pairs written to pairs.jsonl; coverage 97.2%, mean score 0.610, "
        "gap to the upper bound 0.50%."
    )
