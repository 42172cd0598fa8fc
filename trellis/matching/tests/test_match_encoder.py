"""`trellis match --encoder`: statements read by the encoder named, a bad name refused."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from trellis.matching.tests.test_match_command import match, person, write_people

PEOPLE = [
    person("nurse", working_on="VAP bundle audits on the ICU"),
    person("doctor", working_on="ventilator associated pneumonia prevention"),
    person("baker", working_on="sourdough starter hydration"),
    person("chef", working_on="bread proving times in the kitchen"),
]


@pytest.mark.parametrize("name", ["semantic", "vocabulary", "sentence"])
def test_each_named_encoder_writes_a_round(tmp_path, name):
    write_people(tmp_path / "people.jsonl", PEOPLE)
    match(tmp_path / "people.jsonl", "--pairs", tmp_path / "pairs.jsonl", "--encoder", name)
    pairs = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text().splitlines()]
    assert pairs and all(p["explanation"] for p in pairs)


def test_the_default_encoder_pairs_an_acronym_with_its_expansion(tmp_path):
    write_people(tmp_path / "people.jsonl", PEOPLE)
    match(tmp_path / "people.jsonl", "--pairs", tmp_path / "pairs.jsonl")
    pairs = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text().splitlines()]
    assert {"nurse", "doctor"} in [{p["a"], p["b"]} for p in pairs]


def test_an_unknown_encoder_is_refused_and_nothing_is_written(tmp_path):
    write_people(tmp_path / "people.jsonl", PEOPLE)
    with pytest.raises(CommandError, match="Unknown encoder 'bert'; use one of semantic"):
        match(tmp_path / "people.jsonl", "--pairs", tmp_path / "pairs.jsonl", "--encoder", "bert")
    assert list(tmp_path.iterdir()) == [tmp_path / "people.jsonl"]
