"""The evaluation helpers: Stack Exchange hit@k, popularity, constraints and round baselines."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from trellis.matching.engine import evaluation as ev
from trellis.matching.engine.people import Person, chain_index

TOPICS = Path(__file__).resolve().parents[4] / "data" / "topics.csv"

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
    return ev.read_posts(path)


def test_strip_html_drops_tags_and_decodes_entities():
    assert (
        ev.strip_html("<p>Fridge or <b>freezer</b> &amp; why?</p>\n") == "Fridge or freezer & why?"
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
    history = ev.histories(posts, "2015-01-03")
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
    cases = ev.later_questions(posts, "2015-01-03")
    # Question 7 has no answer; question 4's accepted answer is the asker's own.
    assert [c.question for c in cases] == ["4"]
    case = cases[0]
    assert case.asker == "40"
    assert case.answerers == frozenset({"30"})
    assert case.accepted is None
    assert case.person().learning == case.text
    everything = ev.later_questions(posts, "2015-01-01", "2015-01-03")
    assert everything[0].answerers == frozenset({"20", "30"})
    assert everything[0].accepted == "30"


def test_hit_at_k_and_hit_rate():
    assert ev.hit_at_k(["a", "b", "c"], {"c"}, 3)
    assert not ev.hit_at_k(["a", "b", "c"], {"c"}, 2)
    assert not ev.hit_at_k(["a"], set(), 5)
    rankings = [["a", "b"], ["b", "a"], ["c", "d"]]
    relevant = [{"a"}, {"a"}, {"x"}]
    assert ev.hit_rate(rankings, relevant, 1) == pytest.approx(1 / 3)
    assert ev.hit_rate(rankings, relevant, 2) == pytest.approx(2 / 3)
    assert ev.hit_rate([], [], 5) == 0.0


def test_popularity_ranks_by_answers_then_questions_then_id():
    history = {
        "9": ev.History("9", asked=["q"], answered=["a"]),
        "12": ev.History("12", answered=["a", "b"]),
        "3": ev.History("3", answered=["a"]),
        "5": ev.History("5", asked=["q"]),
    }
    assert ev.popularity_ranking(history) == ["12", "9", "3", "5"]
    assert ev.activity_prior(history, ["12", "3", "5", "unknown"]).tolist() == pytest.approx(
        [1.0, np.log(2) / np.log(3), 0.0, 0.0]
    )


def test_rank_by_score_leaves_out_the_asker_and_keeps_ties_in_order():
    users = ["a", "b", "c", "d"]
    assert ev.rank_by_score(users, np.array([0.1, 0.5, 0.5, 0.9]), "d") == ["b", "c", "a"]


def test_tfidf_scores_find_the_helper_who_wrote_about_it():
    helpers = ["espresso grind size, tamping", "milk frothing for lattes", ""]
    scores = ev.tfidf_scores(helpers, ["what grind size for espresso?"])
    assert scores.shape == (1, 3)
    assert scores[0].argmax() == 0
    assert scores[0, 2] == 0.0


def test_answer_concentration(posts):
    share, top, total = ev.answer_concentration(posts, top=1)
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

    helpers = [ev._plain_person("h0"), ev._plain_person("h1")]
    stub = Stub()
    scores = ev.teach_matrix(stub, helpers, [ev._plain_person("q")])
    assert stub.fitted_on == ["h0", "h1"]
    assert scores.tolist() == [[0.0, 1.0]]


# --- rounds ---------------------------------------------------------------------------------


def person(id, manager=None, *, capacity=1, opted_in=True, level=3, discipline="Eng", team="A"):
    return Person(
        id=id,
        name=id,
        discipline=discipline,
        team=team,
        level=level,
        manager=manager,
        background=(),
        capacity=capacity,
        working_on="",
        curious_about="",
        can_help_with="",
        learning="",
        opted_in=opted_in,
    )


@pytest.fixture
def small_org():
    return [
        person("boss", capacity=2, level=6),
        person("ann", "boss", capacity=2, level=4),
        person("bob", "ann", capacity=1, level=2),
        person("cat", capacity=1, level=3, discipline="Data", team="B"),
        person("dan", capacity=0),
        person("eve", capacity=2, opted_in=False),
    ]


def test_violations_count_every_kind(small_org):
    pairs = [
        ("cat", "cat"),  # same person
        ("boss", "bob"),  # reporting chain (two levels down)
        ("ann", "cat"),
        ("ann", "cat"),  # duplicate, and cat is now over capacity
        ("dan", "bob"),  # dan has capacity 0; bob is over capacity now
        ("eve", "ann"),  # eve has not opted in; ann over capacity
    ]
    found = ev.violations(small_org, pairs, blocked=[("cat", "ann")])
    load = Counter(x for pair in pairs for x in pair)
    over = sum(max(0, load[p.id] - p.capacity) for p in small_org)
    assert over == 6  # ann 1, bob 1, cat 3, dan 1
    assert found == {
        "same_person": 1,
        "reporting_chain": 1,
        "over_capacity": over,
        "opted_out": 1,
        "blocked": 2,
        "duplicate": 1,
    }
    assert ev.violations(small_org, [("ann", "cat")]) == dict.fromkeys(found, 0)


def test_rules_allow_only_open_unrelated_unblocked_pairs(small_org):
    rules = ev.Rules(small_org, blocked=[("cat", "bob")])
    at = {p.id: i for i, p in enumerate(small_org)}

    def ok(a, b):
        return bool(rules.allowed(at[a], at[b])[0])

    assert ok("ann", "cat")
    assert not ok("cat", "cat")
    assert not ok("boss", "bob") and not ok("bob", "boss")
    assert not ok("bob", "cat")  # blocked
    assert not ok("dan", "cat")  # no capacity
    assert not ok("eve", "cat")  # not opted in


def test_round_metrics(small_org):
    metrics = ev.round_metrics(small_org, [("ann", "cat"), ("boss", "cat")])
    assert metrics["pairs"] == 2
    assert metrics["coverage"] == pytest.approx(3 / 4)  # boss, ann, bob, cat are eligible
    assert metrics["cross_discipline"] == 1.0
    assert metrics["cross_team"] == 1.0


def test_greedy_pairs_take_the_heaviest_within_capacity():
    i = np.array([0, 0, 1, 2, 3])
    j = np.array([1, 2, 2, 3, 3])
    w = np.array([0.9, 0.8, 0.7, 0.6, 1.0])
    # (3, 3) is no pair; 0 is full after (0, 1), so 1 (capacity 2) takes 2 before 2 meets 3.
    assert ev.greedy_pairs(i, j, w, capacity=[1, 2, 1, 1]) == [(0, 1), (1, 2)]


def test_pair_quality_uses_the_engine_scores(small_org):
    n = len(small_org)
    vectors = np.zeros((n, 2), np.float32)
    vectors[1] = vectors[3] = [1, 0]  # ann and cat share an interest
    vectors[0] = [0, 1]
    profiles = SimpleNamespace(offers=vectors, wants=vectors, working=vectors, interest=vectors)
    quality = ev.pair_quality(small_org, [("ann", "cat"), ("boss", "bob")], profiles)
    assert quality["shared"] == pytest.approx(0.5)
    assert quality["zero_score"] == pytest.approx(0.5)
    assert quality["useful_coverage"] == pytest.approx(2 / 4)
    assert ev.pair_quality(small_org, [], profiles)["shared"] == 0.0


@pytest.fixture(scope="module")
def organisation():
    return ev.synthetic_organisation(300, topics_path=TOPICS, seed=3)


def test_synthetic_organisation_is_a_valid_deterministic_tree(organisation):
    assert len(organisation) == 300
    assert len({p.id for p in organisation}) == 300
    assert ev.synthetic_organisation(300, topics_path=TOPICS, seed=3) == organisation
    chain_index(organisation)  # no cycles, every manager known
    by_id = {p.id: p for p in organisation}
    assert sum(p.manager is None for p in organisation) == 1
    assert all(p.level <= by_id[p.manager].level for p in organisation if p.manager)
    assert len({p.discipline for p in organisation}) == len(ev.DISCIPLINES)
    assert all(p.working_on for p in organisation)
    assert any(not p.opted_in for p in organisation)
    assert any(p.capacity == 0 for p in organisation)
    assert [len(ev.synthetic_organisation(n, topics_path=TOPICS)) for n in (1, 2, 13)] == [1, 2, 13]


BASELINES = [
    ("random", lambda people, rules: ev.random_pairs(people, seed=1, rules=rules)),
    ("hierarchy", lambda people, rules: ev.hierarchy_pairs(people, rules=rules)),
    ("tfidf", lambda people, rules: ev.tfidf_greedy_pairs(people, rules=rules)),
]


@pytest.mark.parametrize(("name", "baseline"), BASELINES, ids=[b[0] for b in BASELINES])
@pytest.mark.parametrize("with_rules", [False, True])
def test_baselines_respect_capacity_and_never_pair_anyone_with_themselves(
    organisation, name, baseline, with_rules
):
    rules = ev.Rules(organisation) if with_rules else None
    pairs = baseline(organisation, rules)
    assert pairs
    assert pairs == baseline(organisation, rules)  # deterministic
    found = ev.violations(organisation, pairs)
    assert found["same_person"] == 0
    assert found["over_capacity"] == 0
    assert found["duplicate"] == 0
    if with_rules:
        assert found == dict.fromkeys(found, 0)
        assert ev.round_metrics(organisation, pairs)["coverage"] > 0.5


def test_hierarchy_pairs_senior_with_junior_in_one_discipline(organisation):
    by_id = {p.id: p for p in organisation}
    pairs = ev.hierarchy_pairs(organisation)
    assert all(by_id[a].discipline == by_id[b].discipline for a, b in pairs)
    assert all(by_id[a].level >= by_id[b].level for a, b in pairs)
    assert np.mean([by_id[a].level - by_id[b].level for a, b in pairs]) > 1


def test_random_pairs_depend_on_the_seed(organisation):
    assert ev.random_pairs(organisation, seed=1) != ev.random_pairs(organisation, seed=2)


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
    quality = ev.truth_quality([("a", "b"), ("a", "c"), ("a", "d"), ("b", "d")], truth)
    assert quality == {"true_shared": 0.25, "true_teach": 0.5, "true_mutual": 0.5}
    assert ev.truth_quality([], truth)["true_shared"] == 0.0


def test_synthetic_truth_covers_every_statement(organisation):
    people, truth = ev.synthetic_organisation_with_truth(300, topics_path=TOPICS, seed=3)
    assert people == organisation
    assert set(truth) == {p.id for p in people}
    for p in people:
        assert truth[p.id]["working_on"]  # everyone works on something
        for statement, used in truth[p.id].items():
            assert bool(used) == bool(getattr(p, statement))
