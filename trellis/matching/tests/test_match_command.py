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


def test_top_without_a_recommendations_or_helpers_file_is_refused(tmp_path):
    people = tmp_path / "people.jsonl"
    write_people(people, [person("a")])

    with pytest.raises(
        CommandError, match=r"--top needs --recommendations RECS\.jsonl or --helpers"
    ):
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


def helping_organisation() -> list[dict]:
    """Ana learns Terraform under Ines; Ines, Raj and Tom could all help with it."""
    return [
        person(
            "ines",
            name="Ines Boss",
            can_help_with="Terraform",
            helped_with=["Terraform state for the payments team"] * 3,
        ),
        person("ana", name="Ana Lima", manager="ines", learning="Terraform modules"),
        person(
            "raj",
            name="Raj Patel",
            team="Infra",
            can_help_with="Terraform, AWS",
            helped_with=["a Terraform module review", "Terraform import of old buckets"],
        ),
        person("tom", name="Tom Wu", team="Web", can_help_with="Terraform"),
        person(
            "zoe",
            name="Zoe Ng",
            team="Web",
            can_help_with="React",
            helped_with=[f"React hooks question {i}" for i in range(30)],
        ),
    ]


def test_it_writes_each_persons_helpers_best_first_with_reasons(tmp_path):
    people, pairs, helpers = (tmp_path / f"{n}.jsonl" for n in ("people", "pairs", "helpers"))
    write_people(people, helping_organisation())

    match(people, "--pairs", pairs, "--helpers", helpers, "--top", "2")

    lines = read_jsonl(helpers)
    assert [line["id"] for line in lines] == ["ines", "ana", "raj", "tom", "zoe"]
    found = {line["id"]: line["helpers"] for line in lines}
    assert [h["id"] for h in found["ana"]] == ["raj", "tom"]  # never Ines, her manager
    assert all(list(h) == ["id", "score", "explanation"] for h in found["ana"])
    assert found["ana"][0]["score"] > found["ana"][1]["score"]
    assert found["ana"][0]["explanation"].startswith("Helped 2 people with Terraform")
    assert found["zoe"] == []  # nobody can help with what Zoe has not asked for
    assert pairs.exists()


def test_helpers_default_to_five_and_never_include_the_person(tmp_path):
    people, pairs, helpers = (tmp_path / f"{n}.jsonl" for n in ("people", "pairs", "helpers"))
    crowd = [
        person(f"p{i}", team=f"T{i}", learning="Terraform", can_help_with="Terraform")
        for i in range(8)
    ]
    write_people(people, crowd)

    match(people, "--pairs", pairs, "--helpers", helpers)

    for line in read_jsonl(helpers):
        assert len(line["helpers"]) == 5
        assert line["id"] not in {h["id"] for h in line["helpers"]}


def test_a_bad_helped_with_is_named_and_nothing_is_written(tmp_path):
    people, pairs, helpers = (tmp_path / f"{n}.jsonl" for n in ("people", "pairs", "helpers"))
    write_people(people, [person("a"), person("b"), person("c", helped_with=["ok"] * 1_001)])

    with pytest.raises(CommandError) as error:
        match(people, "--pairs", pairs, "--helpers", helpers)

    assert "line 3: field 'helped_with' has 1,001 entries; at most 1,000" in str(error.value)
    assert list(tmp_path.iterdir()) == [people]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Terraform", "line 1: field 'helped_with' must be a list of strings, got 'Terraform'"),
        ([3], "line 1: field 'helped_with': entry 1 must be a string, got 3"),
        (["y" * 2_001], "line 1: field 'helped_with': entry 1 has 2,001 characters; at most 2,000"),
    ],
    ids=["not-a-list", "not-a-string", "too-long"],
)
def test_every_kind_of_bad_helped_with_writes_nothing(tmp_path, value, problem):
    people, pairs, helpers = (tmp_path / f"{n}.jsonl" for n in ("people", "pairs", "helpers"))
    write_people(people, [person("a", helped_with=value), person("b")])

    with pytest.raises(CommandError) as error:
        match(people, "--pairs", pairs, "--helpers", helpers, "--top", "3")

    assert problem in str(error.value)
    assert list(tmp_path.iterdir()) == [people]


def test_top_with_only_a_helpers_file_is_accepted(tmp_path):
    people, pairs, helpers = (tmp_path / f"{n}.jsonl" for n in ("people", "pairs", "helpers"))
    write_people(people, helping_organisation())

    match(people, "--pairs", pairs, "--helpers", helpers, "--top", "1")

    assert all(len(line["helpers"]) <= 1 for line in read_jsonl(helpers))
    assert not (tmp_path / "recs.jsonl").exists()
