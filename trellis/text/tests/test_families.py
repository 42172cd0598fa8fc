"""Word families: words derived from one root share a key, in any trade."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.text.families import MIN_ROOT, family
from trellis.text.spelling import american

FAMILIES = [
    # software and infrastructure
    ("migration", "migrate", "migrating", "migrations"),
    ("scalability", "scalable", "scaling", "scale"),
    ("automation", "automate", "automating", "automated", "automatic"),
    ("optimisation", "optimization", "optimising", "optimize", "optimal"),
    ("reliability", "reliable"),
    ("availability", "available"),
    ("documentation", "document", "documenting"),
    ("installation", "install", "installer"),
    ("simulation", "simulate", "simulator"),
    # buildings, plant and the trades
    ("ventilation", "ventilating", "ventilate", "ventilator"),
    ("durable", "durability"),
    ("welding", "welder", "weld", "welded"),
    ("inspection", "inspector", "inspecting"),
    ("maintenance", "maintain", "maintaining", "maintainable"),
    # health and care
    ("prescription", "prescribe", "prescribing", "prescriber"),
    ("vaccination", "vaccinate", "vaccine"),
    ("sterilisation", "sterilise", "sterile", "sterility"),
    ("supervision", "supervise", "supervisor", "supervising"),
    # money, law and people
    ("reconciliation", "reconcile", "reconciling"),
    ("compliance", "comply", "compliant"),
    ("allocation", "allocate", "allocating"),
    ("negotiation", "negotiate", "negotiator"),
    ("litigation", "litigate", "litigator"),
    ("recruitment", "recruit", "recruiter", "recruiting"),
    ("profitability", "profitable", "profit"),
    ("budgeting", "budget", "budgetary"),
    ("forecasting", "forecast", "forecaster"),
    ("procurement", "procure", "procuring"),
    # land, food and making things
    ("irrigation", "irrigate", "irrigating"),
    ("fermentation", "ferment", "fermenting"),
    ("production", "produce", "producing", "productivity"),
    ("reduction", "reduce", "reducing"),
    ("retention", "retain", "retaining"),
    ("decision", "decide", "deciding"),
    ("description", "describe", "describing"),
    ("analysis", "analyse", "analyze", "analyst", "analytics"),
    ("organisation", "organization", "organise", "organizing"),
    ("certification", "certify", "certified"),
    ("verification", "verify", "verifiable"),
    ("sustainability", "sustainable", "sustain"),
]


@pytest.mark.parametrize("words", FAMILIES, ids=lambda words: words[0])
def test_words_of_one_family_share_a_key_whatever_their_ending(words):
    keys = {family(american(word)) for word in words}
    assert len(keys) == 1, {word: family(american(word)) for word in words}


@pytest.mark.parametrize(
    ("left", "right"),
    [("pricing", "prison"), ("tax", "taxi"), ("welding", "wedding"), ("audit", "audio")],
)
def test_words_of_different_roots_keep_different_keys(left, right):
    assert family(left) != family(right)


def test_short_words_and_words_with_digits_are_their_own_family():
    assert family("ci") == "ci"
    assert family("k8s") == "k8s"
    assert family("s3") == "s3"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=20))
def test_a_key_is_never_shorter_than_a_root_and_always_a_prefix_like_stem(word):
    key = family(word)
    assert len(key) >= MIN_ROOT
    assert key.isalpha()
