"""People JSONL contract and reporting chains."""

from __future__ import annotations

import json

import numpy as np
import pytest

from trellis.matching.engine.people import PeopleError, Person, chain_index, read_people


def record(**overrides) -> dict:
    fields = {
        "id": "ana",
        "name": "Ana Lima",
        "discipline": "Design",
        "team": "Checkout",
        "level": 3,
        "manager": None,
        "background": ["physics"],
        "capacity": 2,
        "working_on": "Kubernetes upgrades",
        "curious_about": "Rust",
        "can_help_with": "Terraform",
        "learning": "Go",
    }
    fields.update(overrides)
    return fields


def lines(*records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


def problems_of(*records) -> list[str]:
    with pytest.raises(PeopleError) as caught:
        read_people(lines(*records))
    return caught.value.problems


def test_it_reads_every_field_of_a_valid_file():
    people = read_people(lines(record(), record(id="ben", manager="ana", opted_in=False)))
    assert people[0] == Person(
        id="ana",
        name="Ana Lima",
        discipline="Design",
        team="Checkout",
        level=3,
        manager=None,
        background=("physics",),
        capacity=2,
        working_on="Kubernetes upgrades",
        curious_about="Rust",
        can_help_with="Terraform",
        learning="Go",
    )
    assert people[0].opted_in is True and people[1].opted_in is False
    assert people[1].manager == "ana"


def test_it_skips_blank_lines_but_counts_them():
    assert len(read_people(["", json.dumps(record()), "   \n"])) == 1
    assert problems_of("", "{oops") == [
        "line 2: bad JSON: Expecting property name enclosed in double quotes (column 2)"
    ]


def test_it_reads_optional_posts_and_ignores_unknown_fields():
    [person] = read_people(lines(record(posts=["Our k8s upgrade"], timezone="Europe/Lisbon")))
    assert person.posts == ("Our k8s upgrade",)


def test_it_names_the_line_of_bad_json():
    [problem] = problems_of(record(), "{not json")
    assert problem.startswith("line 2: bad JSON")


def test_it_rejects_a_line_that_is_not_an_object():
    assert problems_of("[1, 2]") == ["line 1: expected a JSON object, got list"]


@pytest.mark.parametrize(
    "field",
    [
        "id",
        "name",
        "discipline",
        "team",
        "level",
        "manager",
        "background",
        "capacity",
        "working_on",
        "curious_about",
        "can_help_with",
        "learning",
    ],
)
def test_it_names_a_missing_field_and_its_line(field):
    broken = record(id="ben")
    del broken[field]
    assert problems_of(record(), broken) == [f"line 2: field {field!r} is missing"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", "", "a non-empty string"),
        ("id", 7, "a non-empty string"),
        ("name", None, "a string"),
        ("discipline", 1, "a string"),
        ("team", ["Checkout"], "a string"),
        ("level", "3", "an integer"),
        ("level", True, "an integer"),
        ("level", 3.0, "an integer"),
        ("manager", 5, "an id or null"),
        ("manager", "", "an id or null"),
        ("background", "physics", "a list of strings"),
        ("background", ["physics", 3], "a list of strings"),
        ("capacity", -1, "an integer >= 0"),
        ("capacity", False, "an integer >= 0"),
        ("working_on", None, "a string"),
        ("curious_about", 1, "a string"),
        ("can_help_with", [], "a string"),
        ("learning", {}, "a string"),
        ("opted_in", "yes", "true or false"),
        ("posts", "one post", "a list of strings"),
    ],
)
def test_it_names_a_wrong_typed_field_and_its_line(field, value, expected):
    [problem] = problems_of(record(id="zed"), record(**{"id": "ben", field: value}))
    assert problem == f"line 2: field {field!r} must be {expected}, got {value!r}"


def test_it_reads_optional_helped_with_as_a_tuple():
    helped = ["Sam's Terraform state lock", "a first Go service"]
    first, second = read_people(lines(record(helped_with=helped), record(id="ben")))
    assert first.helped_with == tuple(helped)
    assert second.helped_with == ()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Terraform", "line 2: field 'helped_with' must be a list of strings, got 'Terraform'"),
        (["Terraform", 7], "line 2: field 'helped_with': entry 2 must be a string, got 7"),
        (
            ["help"] * 1_001,
            "line 2: field 'helped_with' has 1,001 entries; at most 1,000",
        ),
        (
            ["ok", "x" * 2_001],
            "line 2: field 'helped_with': entry 2 has 2,001 characters; at most 2,000",
        ),
    ],
    ids=["not-a-list", "not-a-string", "too-many", "too-long"],
)
def test_it_refuses_a_bad_helped_with_naming_line_and_field(value, problem):
    assert problems_of(record(), record(id="ben", helped_with=value)) == [problem]


def test_it_accepts_helped_with_at_its_limits():
    [person] = read_people(lines(record(helped_with=["x" * 2_000] * 1_000)))
    assert len(person.helped_with) == 1_000


def test_a_bad_helped_with_is_reported_with_every_other_problem():
    found = problems_of(record(helped_with=[1]), record(id="ben", level="high"))
    assert found == [
        "line 1: field 'helped_with': entry 1 must be a string, got 1",
        "line 2: field 'level' must be an integer, got 'high'",
    ]


def test_it_names_the_first_line_of_a_duplicate_id():
    assert problems_of(record(), record(id="ben"), record()) == [
        "line 3: field 'id': duplicate id 'ana' (first on line 1)"
    ]


def test_it_rejects_an_unknown_manager():
    assert problems_of(record(manager="nobody")) == [
        "line 1: field 'manager': unknown manager id 'nobody'"
    ]


def test_it_rejects_a_person_who_manages_themselves():
    assert problems_of(record(manager="ana")) == [
        "line 1: field 'manager': 'ana' is their own manager"
    ]


def test_it_names_the_chain_of_a_reporting_cycle():
    assert problems_of(
        record(id="a", manager="c"), record(id="b", manager="a"), record(id="c", manager="b")
    ) == ["line 1: field 'manager': reporting cycle 'a' -> 'c' -> 'b' -> 'a'"]


def test_it_reports_every_problem_at_once_in_line_order():
    problems = problems_of(
        record(id="a", level="high"), "[]", record(id="b", manager="ghost"), record(id="a")
    )
    assert [p.split(":")[0] for p in problems] == ["line 1", "line 2", "line 3", "line 4"]


def test_a_manager_on_a_later_line_is_known():
    people = read_people(lines(record(id="ben", manager="ana"), record(id="ana")))
    assert [p.id for p in people] == ["ben", "ana"]


def organisation() -> list[Person]:
    """ceo -> (vp1 -> (m1 -> (ic1, ic2)), vp2 -> (ic3)); loner has no manager."""
    shape = {
        "ceo": None,
        "vp1": "ceo",
        "vp2": "ceo",
        "m1": "vp1",
        "ic1": "m1",
        "ic2": "m1",
        "ic3": "vp2",
        "loner": None,
    }
    return read_people(lines(*(record(id=i, manager=m) for i, m in shape.items())))


def chain(people, pairs, **options) -> list[bool]:
    at = {p.id: i for i, p in enumerate(people)}
    index = chain_index(people)
    a = np.array([at[x] for x, _ in pairs])
    b = np.array([at[y] for _, y in pairs])
    return index.in_reporting_chain(a, b, **options).tolist()


def test_every_manager_above_is_in_the_chain():
    people = organisation()
    assert chain(people, [("ic1", "m1"), ("ic1", "vp1"), ("ic1", "ceo")]) == [True] * 3


def test_every_report_below_is_in_the_chain():
    people = organisation()
    assert chain(people, [("ceo", "ic1"), ("vp1", "ic2"), ("m1", "ic1")]) == [True] * 3


def test_people_outside_each_others_line_are_not_in_the_chain():
    people = organisation()
    pairs = [("ic1", "ic2"), ("ic1", "vp2"), ("ic3", "m1"), ("loner", "ceo"), ("vp1", "vp2")]
    assert chain(people, pairs) == [False] * 5


def test_siblings_are_excluded_only_when_asked():
    people = organisation()
    pairs = [("ic1", "ic2"), ("vp1", "vp2"), ("ic1", "ic3"), ("loner", "ceo")]
    assert chain(people, pairs, siblings=True) == [True, True, False, False]


def test_a_person_is_in_their_own_chain():
    people = organisation()
    assert chain(people, [("ic3", "ic3")]) == [True]


def test_managers_outside_the_cohort_still_link_their_line():
    everyone = {p.id: p for p in organisation()}
    cohort = [everyone["ceo"], everyone["ic1"], everyone["ic3"]]
    managers = {p.id: p.manager for p in everyone.values()}
    index = chain_index(cohort, managers)
    assert index.in_reporting_chain(np.array([1, 1]), np.array([0, 2])).tolist() == [True, False]


def test_chain_index_rejects_a_cycle():
    people = [Person(**{**record(id=i, manager=m), "background": ()}) for i, m in ("ab", "ba")]
    with pytest.raises(ValueError, match="cycle"):
        chain_index(people)


def test_chain_checks_are_vectorised_over_many_pairs():
    people = read_people(
        lines(
            *(record(id=str(i), manager=None if i == 0 else str((i - 1) // 3)) for i in range(400))
        )
    )
    index = chain_index(people)
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 400, 5000), rng.integers(0, 400, 5000)
    expected = [_naive_linked(int(x), int(y)) for x, y in zip(a, b, strict=True)]
    assert index.in_reporting_chain(a, b).tolist() == expected


def _naive_linked(a: int, b: int) -> bool:
    def above(x):
        out = {x}
        while x:
            x = (x - 1) // 3
            out.add(x)
        return out

    return b in above(a) or a in above(b)
