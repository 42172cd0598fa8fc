from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.text.vocabulary import (
    AREAS,
    AliasIndex,
    TopicMatcher,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
    slugify,
)

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "topics.csv"

SMALL = """name,area,synonyms,abbreviations
Kubernetes,infrastructure,container orchestration;kube cluster,k8s;kube
Accessibility,design,inclusive design;web accessibility,a11y
Explainable AI,data,model interpretability;interpretable machine learning,XAI
Go programming,engineering,golang,=Go
Data pipelines,data,data pipeline;data ingestion,ETL
Incident response,engineering,incident management;on-call,
"""


@pytest.fixture(scope="module")
def matcher():
    return TopicMatcher.from_entries(parse_vocabulary(SMALL))


def test_the_alias_scan_says_where_each_mention_starts_and_how_many_words_it_takes():
    index = AliasIndex([("kubernet upgrad", "upgrades"), ("kubernet", "k8s"), ("=Go", "go")])
    words = [("Kubernetes", "kubernet"), ("upgrades", "upgrad"), ("in", "in"), ("Go", "go")]
    assert index.scan(words) == [("upgrades", 0, 2), ("go", 3, 1)]
    assert index.scan([("go", "go")]) == []  # a case-sensitive alias matches only as written
    assert len(index) == 3


def test_abbreviations_find_their_topic(matcher):
    assert matcher.topics("upgrading our k8s clusters") == ["kubernetes"]
    assert matcher.topics("an a11y audit") == ["accessibility"]
    assert matcher.topics("XAI for credit models") == ["explainable-ai"]


def test_abbreviations_are_case_insensitive_unless_marked(matcher):
    assert matcher.topics("K8S and Kube") == ["kubernetes"]
    assert matcher.topics("I want to go home") == []
    assert matcher.topics("rewriting the service in Go") == ["go-programming"]


def test_synonyms_and_plurals_find_their_topic(matcher):
    assert matcher.topics("our data pipelines keep breaking") == ["data-pipelines"]
    assert matcher.topics("interpretable machine learning") == ["explainable-ai"]
    assert matcher.topics("Container Orchestration") == ["kubernetes"]


def test_the_longest_phrase_wins_and_mentions_do_not_overlap(matcher):
    mentions = matcher.mentions("web accessibility and on-call")
    assert [(m.slug, m.text) for m in mentions] == [
        ("accessibility", "web accessibility"),
        ("incident-response", "on-call"),
    ]


def test_topics_are_listed_once_in_order_of_first_mention(matcher):
    assert matcher.topics("k8s, ETL, Kubernetes again") == ["kubernetes", "data-pipelines"]


def test_an_alias_that_names_two_topics_is_refused_with_its_line():
    text = SMALL + "Container platforms,infrastructure,container orchestration,\n"
    with pytest.raises(VocabularyError) as error:
        parse_vocabulary(text)
    assert "line 8" in str(error.value)
    assert "'container orchestration' already names 'Kubernetes' (line 2)" in str(error.value)


def test_an_unknown_area_and_a_wrong_header_are_refused():
    with pytest.raises(VocabularyError, match="line 2: unknown area 'astrology'"):
        parse_vocabulary("name,area,synonyms,abbreviations\nTarot,astrology,,\n")
    with pytest.raises(VocabularyError, match="line 1: the header must be"):
        parse_vocabulary("topic,area\nX,data\n")


def test_slugs_keep_cplusplus_and_csharp_apart():
    assert len({slugify("C"), slugify("C++"), slugify("C#")}) == 3


def test_the_shipped_vocabulary_is_valid_and_broad():
    entries = load_vocabulary(SHIPPED)
    assert len(entries) >= 300
    areas = {entry.area for entry in entries}
    required = set(AREAS) - {"security", "infrastructure", "communication"}
    assert required <= areas


def test_the_shipped_vocabulary_knows_the_abbreviations_people_use():
    matcher = TopicMatcher.from_entries(load_vocabulary(SHIPPED))
    names = {e.slug: e.name for e in load_vocabulary(SHIPPED)}
    found = {p: [names[s] for s in matcher.topics(p)] for p in ("k8s", "a11y", "XAI")}
    assert found["k8s"] == ["Kubernetes"]
    assert found["a11y"] == ["Accessibility"]
    assert found["XAI"] == ["Explainable AI"]


@given(st.text(max_size=200))
def test_matching_any_text_never_fails(text):
    matcher = TopicMatcher.from_entries(parse_vocabulary(SMALL))
    for mention in matcher.mentions(text):
        assert text[mention.start : mention.end] == mention.text


def test_letter_and_letter_abbreviations_are_not_read_in_everyday_contractions():
    matcher = TopicMatcher.from_entries(load_vocabulary(SHIPPED))
    assert matcher.topics("I'm a nurse; I'd like to learn") == ["nursing"]
    assert matcher.topics("M&A due diligence") == ["mergers-and-acquisitions", "due-diligence"]
    assert matcher.topics("our L&D budget") == ["learning-and-development", "budgeting"]
