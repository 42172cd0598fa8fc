"""`trellis match`: the JSON Lines contract, from a file to pairs, with no database."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def person(pid: str, **fields) -> dict:
    record = {
        "id": pid,
        "name": f"Person {pid}",
        "discipline": "Engineering",
        "team": "Platform",
        "level": 3,
        "manager": None,
        "background": [],
        "capacity": 2,
        "working_on": "",
        "curious_about": "",
        "can_help_with": "",
        "learning": "",
    }
    return record | fields


def write_people(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def match(*args) -> str:
    out = StringIO()
    call_command("match", *map(str, args), "--quiet", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_bad_line_is_named_and_nothing_is_written(tmp_path):
    people, pairs = tmp_path / "people.jsonl", tmp_path / "pairs.jsonl"
    people.write_text(json.dumps(person("a")) + "\n{not json\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"line 2: bad JSON"):
        match(people, "--pairs", pairs)

    assert list(tmp_path.iterdir()) == [people]


def test_an_unknown_manager_and_a_cycle_are_reported_with_their_lines(tmp_path):
    people, pairs = tmp_path / "people.jsonl", tmp_path / "pairs.jsonl"
    write_people(
        people,
        [person("a", manager="b"), person("b", manager="a"), person("c", manager="nobody")],
    )

    with pytest.raises(CommandError) as error:
        match(people, "--pairs", pairs)

    message = str(error.value)
    assert "line 3: field 'manager': unknown manager id 'nobody'" in message
    assert "reporting cycle" in message
    assert not pairs.exists()


def test_a_duplicate_id_and_a_wrong_type_are_reported(tmp_path):
    people, pairs = tmp_path / "people.jsonl", tmp_path / "pairs.jsonl"
    write_people(people, [person("a"), person("a"), person("b", capacity="two")])

    with pytest.raises(CommandError) as error:
        match(people, "--pairs", pairs)

    assert "line 2: field 'id': duplicate id 'a' (first on line 1)" in str(error.value)
    assert "line 3: field 'capacity' must be an integer >= 0, got 'two'" in str(error.value)
    assert not pairs.exists()


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    people, pairs = tmp_path / "people.jsonl", tmp_path / "pairs.jsonl"
    people.write_bytes(json.dumps(person("a")).encode() + b"\n\xff\xfe\n")

    with pytest.raises(CommandError, match=r"line 2: not UTF-8"):
        match(people, "--pairs", pairs)
    assert not pairs.exists()


def test_top_without_a_recommendations_file_is_refused(tmp_path):
    people = tmp_path / "people.jsonl"
    write_people(people, [person("a")])

    with pytest.raises(CommandError, match="--top needs --recommendations"):
        match(people, "--pairs", tmp_path / "p.jsonl", "--top", "3")


def small_organisation() -> list[dict]:
    return [
        person("boss", name="Ines Boss", team="Leadership", level=7),
        person(
            "ana",
            name="Ana Lima",
            manager="boss",
            working_on="Kubernetes upgrades, on-call load",
            can_help_with="Terraform",
            learning="Go",
        ),
        person(
            "ben",
            name="Ben Okafor",
            discipline="Design",
            team="Checkout",
            working_on="migrating our k8s clusters",
            can_help_with="golang services",
            learning="terraform modules",
        ),
        person(
            "cy",
            name="Cy Park",
            discipline="Data",
            team="Insights",
            working_on="a11y audit of our dashboards",
            learning="accessibility testing",
        ),
        person(
            "dee",
            name="Dee Roy",
            discipline="Design",
            team="Web",
            working_on="accessibility of our forms",
            can_help_with="screen reader testing",
            opted_in=False,
        ),
    ]


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_it_writes_pairs_recommendations_and_candidates_as_the_contract_says(tmp_path):
    people = tmp_path / "people.jsonl"
    write_people(people, small_organisation())
    pairs, recs, cands = (tmp_path / f"{n}.jsonl" for n in ("pairs", "recs", "cands"))

    output = match(
        people, "--pairs", pairs, "--top", "3", "--recommendations", recs, "--candidates", cands
    )

    round_pairs = read_jsonl(pairs)
    assert {(p["a"], p["b"]) for p in round_pairs} == {("ana", "ben")}
    fields = ["a", "b", "score", "shared", "teach_ab", "teach_ba", "diversity", "explanation"]
    assert all(list(p) == fields for p in round_pairs + read_jsonl(cands))
    assert "Kubernetes" in round_pairs[0]["explanation"]
    recommendations = {r["id"]: r["recommendations"] for r in read_jsonl(recs)}
    assert set(recommendations) == {"boss", "ana", "ben", "cy", "dee"}
    assert [r["id"] for r in recommendations["ana"]][:1] == ["ben"]
    assert recommendations["dee"] == []  # not opted in
    assert "1 pairs written" in output


def test_nobody_is_paired_with_their_manager_or_someone_who_opted_out(tmp_path):
    people = tmp_path / "people.jsonl"
    organisation = small_organisation()
    organisation[0]["working_on"] = "Kubernetes upgrades"  # the boss shares Ana's problem
    write_people(people, organisation)
    pairs = tmp_path / "pairs.jsonl"

    match(people, "--pairs", pairs)

    chosen = {frozenset((p["a"], p["b"])) for p in read_jsonl(pairs)}
    assert frozenset(("boss", "ana")) not in chosen
    assert not any("dee" in pair for pair in chosen)
