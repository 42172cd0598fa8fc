"""The Stack Exchange evaluation: posts, histories, hit@k, popularity and the baselines."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from bench import stackexchange as se

POSTS_XML = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="3" CreationDate="2015-01-01T10:00:00.000"
       OwnerUserId="10" Title="How to store beans?" Tags="&lt;storage&gt;&lt;whole-bean&gt;"
       Body="&lt;p&gt;Fridge or &lt;b&gt;freezer&lt;/b&gt; &amp;amp; why?&lt;/p&gt;" />
  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2015-01-01T11:00:00.000"
       OwnerUserId="20" Body="&lt;p&gt;Airtight jar, away from light.&lt;/p&gt;" />
  <row Id="3" PostTypeId="2" ParentId="1" CreationDate="2015-01-01T12:00:00.000"
       OwnerUserId="30" Body="&lt;p&gt;Freeze in small portions.&lt;/p&gt;" />
  <row Id="4" PostTypeId="1" AcceptedAnswerId="6" CreationDate="2015-01-05T10:00:00.000"
       OwnerUserId="40" Title="Grind size for espresso" Tags="&lt;espresso&gt;&lt;grinding&gt;"
       Body="&lt;p&gt;How fine?&lt;/p&gt;" />
  <row Id="5" PostTypeId="2" ParentId="4" CreationDate="2015-01-05T11:00:00.000"
       OwnerUserId="30" Body="&lt;p&gt;Fine, like flour.&lt;/p&gt;" />
  <row Id="6" PostTypeId="2" ParentId="4" CreationDate="2015-01-05T12:00:00.000"
       OwnerUserId="40" Body="&lt;p&gt;Self answer.&lt;/p&gt;" />
  <row Id="7" PostTypeId="1" CreationDate="2015-01-06T10:00:00.000" OwnerUserId="20"
       Title="Unanswered" Tags="&lt;milk&gt;" Body="&lt;p&gt;Anyone?&lt;/p&gt;" />
  <row Id="8" PostTypeId="4" CreationDate="2015-01-02T10:00:00.000" OwnerUserId="-1"
       Body="&lt;p&gt;Tag wiki&lt;/p&gt;" />
</posts>
"""


@pytest.fixture
def posts(tmp_path):
    path = tmp_path / "Posts.xml"
    path.write_text(POSTS_XML, encoding="utf-8")
    return se.read_posts(path)


def test_strip_html_drops_tags_and_decodes_entities():
    assert (
        se.strip_html("<p>Fridge or <b>freezer</b> &amp; why?</p>\n") == "Fridge or freezer & why?"
    )


def test_read_posts_keeps_questions_and_answers_oldest_first(posts):
    assert [p.id for p in posts] == ["1", "2", "3", "4", "5", "6", "7"]
    first = posts[0]
    assert first.kind == "question"
    assert first.tags == ("storage", "whole-bean")
    assert first.body == "Fridge or freezer & why?"
    assert first.accepted == "3"
    assert posts[1].parent == "1"


def test_histories_use_only_posts_before_the_cutoff(posts):
    history = se.histories(posts, "2015-01-03")
    assert set(history) == {"10", "20", "30"}
    assert history["10"].answers == 0
    assert "How to store beans?" in history["10"].asked[0]
    # An answer comes with its question's title and tags.
    assert history["30"].answered == [
        "How to store beans?; storage, whole bean; Freeze in small portions."
    ]
    person = history["30"].person()
    assert person.can_help_with.endswith("Freeze in small portions.")
    assert person.learning == ""


def test_later_questions_list_answerers_other_than_the_asker(posts):
    cases = se.later_questions(posts, "2015-01-03")
    # Question 7 has no answer; question 4's accepted answer is the asker's own.
    assert [c.question for c in cases] == ["4"]
    case = cases[0]
    assert case.asker == "40"
    assert case.answerers == frozenset({"30"})
    assert case.accepted is None
    assert case.person().learning == case.text
    everything = se.later_questions(posts, "2015-01-01", "2015-01-03")
    assert everything[0].answerers == frozenset({"20", "30"})
    assert everything[0].accepted == "30"


def test_hit_at_k_and_hit_rate():
    assert se.hit_at_k(["a", "b", "c"], {"c"}, 3)
    assert not se.hit_at_k(["a", "b", "c"], {"c"}, 2)
    assert not se.hit_at_k(["a"], set(), 5)
    rankings = [["a", "b"], ["b", "a"], ["c", "d"]]
    relevant = [{"a"}, {"a"}, {"x"}]
    assert se.hit_rate(rankings, relevant, 1) == pytest.approx(1 / 3)
    assert se.hit_rate(rankings, relevant, 2) == pytest.approx(2 / 3)
    assert se.hit_rate([], [], 5) == 0.0


def test_popularity_ranks_by_answers_then_questions_then_id():
    history = {
        "9": se.History("9", asked=["q"], answered=["a"]),
        "12": se.History("12", answered=["a", "b"]),
        "3": se.History("3", answered=["a"]),
        "5": se.History("5", asked=["q"]),
    }
    assert se.popularity_ranking(history) == ["12", "9", "3", "5"]
    assert se.activity_prior(history, ["12", "3", "5", "unknown"]).tolist() == pytest.approx(
        [1.0, np.log(2) / np.log(3), 0.0, 0.0]
    )


def test_rank_by_score_leaves_out_the_asker_and_keeps_ties_in_order():
    users = ["a", "b", "c", "d"]
    assert se.rank_by_score(users, np.array([0.1, 0.5, 0.5, 0.9]), "d") == ["b", "c", "a"]


def test_tfidf_scores_find_the_helper_who_wrote_about_it():
    helpers = ["espresso grind size, tamping", "milk frothing for lattes", ""]
    scores = se.tfidf_scores(helpers, ["what grind size for espresso?"])
    assert scores.shape == (1, 3)
    assert scores[0].argmax() == 0
    assert scores[0, 2] == 0.0


def test_answer_concentration(posts):
    share, top, total = se.answer_concentration(posts, top=1)
    assert (top, total) == (2, 4)  # user 30 wrote two of the four answers
    assert share == 0.5


def test_teach_matrix_fits_on_helpers_and_scores_helper_to_asker():
    class Stub:
        fitted_on: list[str] = []

        def fit(self, people):
            self.fitted_on = [p.id for p in people]
            return self

        def encode(self, people):
            n = len(people)
            offers = np.zeros((n, 2), np.float32)
            wants = np.zeros((n, 2), np.float32)
            offers[0] = [1, 0]  # helper h0 offers topic 0
            offers[1] = [0, 1]  # helper h1 offers topic 1
            wants[2] = [0, 1]  # the asker wants topic 1
            zero = np.zeros((n, 2), np.float32)
            return SimpleNamespace(offers=offers, wants=wants, working=zero, interest=zero)

    helpers = [se.plain_person("h0"), se.plain_person("h1")]
    stub = Stub()
    scores = se.teach_matrix(stub, helpers, [se.plain_person("q")])
    assert stub.fitted_on == ["h0", "h1"]
    assert scores.tolist() == [[0.0, 1.0]]


def test_each_answered_question_is_one_time_its_answerer_helped(posts):
    history = se.histories(posts, "2015-01-06")
    assert history["30"].helped == [
        "How to store beans?; storage, whole bean",
        "Grind size for espresso; espresso, grinding",
    ]
    assert history["30"].person().helped_with == tuple(history["30"].helped)
    assert history["10"].person().helped_with == ()


def test_chance_of_a_hit_is_one_minus_the_chance_of_missing_every_relevant():
    assert se.chance_hit_at_k(10, 1, 5) == pytest.approx(0.5)
    assert se.chance_hit_at_k(10, 2, 5) == pytest.approx(1 - (5 * 4) / (10 * 9))
    assert se.chance_hit_at_k(10, 0, 5) == 0.0
    assert se.chance_hit_at_k(4, 1, 10) == 1.0


def test_top_share_is_the_largest_share_of_lists_one_person_is_in():
    rankings = [["a", "b"], ["a", "c"], ["c", "d"], ["e", "a"]]
    assert se.top_share(rankings, 2) == (0.75, "a")
    assert se.top_share(rankings, 1) == (0.5, "a")
    assert se.top_share([], 10) == (0.0, None)


def test_the_busiest_answerers_are_those_with_most_answers_before_the_cutoff(posts):
    history = se.histories(posts, "2015-01-06")
    assert se.busiest_answerers(history, 1) == {"30"}
    assert se.busiest_answerers(history, 10) == {"20", "30", "40"}  # 10 never answered


def test_default_cutoff_and_validation_window_come_from_the_questions_dates(posts):
    assert se.median_day(posts) == "2015-01-05"
    assert se.validation_day(posts, "2015-01-06") == "2015-01-05"
    assert se.validation_day(posts, "2015-01-05") == "2015-01-01"
    with pytest.raises(ValueError, match="No questions before"):
        se.validation_day(posts, "2014-12-31")


def test_the_helpers_report_measures_hits_overall_and_on_the_long_tail(posts):
    from bench import stackexchange_helpers as sh

    cases = se.later_questions(posts, "2015-01-03")
    tail = np.array([True])
    assert sh.measure([["20", "30"]], cases, tail) == {
        "hit@5": 1.0,
        "tail@5": 1.0,
        "hit@10": 1.0,
        "tail@10": 1.0,
        "top share": 1.0,
        "top person": "20",
        "people": 2,
    }
    assert sh.measure([["20"]], cases, np.array([False]))["tail@10"] == 0.0


def test_helpers_never_rank_the_asker_and_popularity_skips_them_too(posts):
    from bench import stackexchange_helpers as sh
    from trellis.matching.engine.helpers import HelperConfig

    history = se.histories(posts, "2015-01-03")
    cases = [se.Case("9", "30", "Freezer storage for beans", frozenset({"20"}), None)]
    users = sorted(history, key=se.user_key)
    assert "30" not in sh.helper_rankings(history, users, cases, HelperConfig())[0]
    assert sh.popularity_rankings(history, cases) == [["20", "10"]]
    assert sh.chance_hits(users, cases, 1) == pytest.approx([0.5])
