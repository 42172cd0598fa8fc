"""Acronyms an organisation spells out in its own writing are learned, in any trade."""

from __future__ import annotations

from trellis.text.acronyms import AcronymIndex, acronym_key


def test_a_word_is_an_acronym_when_written_with_capitals():
    assert acronym_key("VAP") == "vap"
    assert acronym_key("IaC") == "iac"
    assert acronym_key("DoLS") == "dols"
    assert acronym_key("Terraform") is None  # one capital: a name, not an acronym
    assert acronym_key("vap") is None
    assert acronym_key("K8S") is None  # digits: a product name
    assert acronym_key("ABCDEFG") is None  # too long to be spelled out


def test_an_acronym_is_expanded_by_the_words_someone_else_wrote():
    index = AcronymIndex.learn(
        [
            "VAP bundle",
            "ventilator-associated pneumonia prevention",
            "MEP coordination",
            "mechanical electrical plumbing clashes",
        ]
    )
    assert index.expand("VAP") == (("ventilator", "associated", "pneumonia"),)
    assert index.expand("MEP") == (("mechanical", "electrical", "plumbing"),)


def test_small_words_may_or_may_not_be_part_of_the_acronym():
    index = AcronymIndex.learn(
        [
            "IaC reviews",
            "infrastructure as code",
            "LCOE",
            "the levelised cost of energy",
            "DoLS",
            "deprivation of liberty safeguards",
        ]
    )
    assert index.expand("IaC") == (("infrastructure", "as", "code"),)
    assert index.expand("LCOE") == (("levelised", "cost", "of", "energy"),)
    assert index.expand("DoLS") == (("deprivation", "of", "liberty", "safeguards"),)


def test_an_acronym_nobody_spells_out_has_no_expansion():
    index = AcronymIndex.learn(["SLA breaches", "quarterly planning"])
    assert index.expand("SLA") == ()
    assert index.expand("planning") == ()
    assert len(index) == 0


def test_the_most_written_expansions_are_kept():
    phrases = [
        "EV fleet",
        "electric vehicle charging",
        "electric vehicle range",
        "electric vehicle fleet",
        "every vendor",
    ]
    index = AcronymIndex.learn(phrases)
    assert index.expand("EV")[0] == ("electric", "vehicle")
    assert ("every", "vendor") not in index.expand("EV")  # written a third as often


def test_words_with_digits_never_spell_an_acronym():
    index = AcronymIndex.learn(["SRE", "s3 retention engine", "site reliability engineering"])
    assert index.expand("SRE") == (("site", "reliability", "engineering"),)


def test_a_run_must_begin_and_end_with_a_word_of_substance():
    index = AcronymIndex.learn(["API", "data visualisation and process improvement", "AI in"])
    assert index.expand("API") == ()  # "and process improvement" is no expansion
    assert index.expand("AI") == ()  # nor is "AI in" its own expansion


def test_a_two_letter_acronym_needs_its_expansion_written_twice():
    once = AcronymIndex.learn(["CD", "sales calls demos"])
    twice = AcronymIndex.learn(["CD", "continuous delivery", "continuous delivery pipelines"])
    assert once.expand("CD") == ()
    assert twice.expand("CD") == (("continuous", "delivery"),)


def test_acronyms_already_understood_can_be_left_out():
    index = AcronymIndex.learn(["API", "application programming interface"])
    assert index.without(lambda key: key == "api").expand("API") == ()
