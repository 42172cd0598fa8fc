"""Who can help with this: topical evidence, diminishing returns, exclusions, loose texts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trellis.matching.engine.helpers import (
    Helper,
    HelperConfig,
    helpers_for_people,
    helpers_for_texts,
)
from trellis.matching.engine.people import Person

NO_PRIOR = HelperConfig(prior=0.0)


def member(id: str, manager: str | None = None, **fields) -> Person:
    base = {
        "id": id,
        "name": id.title(),
        "discipline": "Engineering",
        "team": f"Team {id}",
        "level": 3,
        "manager": manager,
        "background": (),
        "capacity": 2,
        "working_on": "",
        "curious_about": "",
        "can_help_with": "",
        "learning": "",
    }
    return Person(**(base | fields))


def terraform_helps(count: int) -> tuple[str, ...]:
    return tuple(f"Terraform state locking for the team {i}" for i in range(count))


def react_helps(count: int) -> tuple[str, ...]:
    return tuple(f"React hooks and component tests, question {i}" for i in range(count))


def background(count: int = 8) -> list[Person]:
    """People who give the encoder an organisation to weigh words against."""
    topics = ["payroll audits", "warehouse slotting", "brand strategy", "clinical trials"]
    return [
        member(f"bg{i}", working_on=topics[i % len(topics)], learning=topics[(i + 1) % 4])
        for i in range(count)
    ]


def ids(found: list[Helper]) -> list[str]:
    return [h.id for h in found]


def score_of(found: list[Helper], helper: str) -> float:
    return next(h.score for h in found if h.id == helper)


def test_help_on_x_never_raises_a_helper_for_y():
    # Two equal Terraform helpers; one also helped thirty people with React.
    people = [
        member("asker", learning="Terraform"),
        member("plain", can_help_with="Terraform"),
        member("react", can_help_with="Terraform", helped_with=react_helps(30)),
        *background(),
    ]
    # (The activity prior, a bounded term of its own, is off: see the next tests.)
    found = helpers_for_people(people, for_ids=["asker"], config=NO_PRIOR)["asker"]
    assert score_of(found, "react") == pytest.approx(score_of(found, "plain"))
    assert all(h.evidence == () for h in found)


def test_someone_who_only_helped_with_x_is_not_listed_for_y():
    people = [
        member("asker", learning="Terraform"),
        member("tf", can_help_with="Terraform"),
        member("react", can_help_with="React", helped_with=react_helps(30)),
        *background(),
    ]
    found = helpers_for_people(people, for_ids=["asker"], config=HelperConfig(prior=1.0))
    assert ids(found["asker"]) == ["tf"]


def test_more_matching_helps_rank_higher_with_diminishing_returns():
    people = [
        member("asker", learning="Terraform state"),
        member("none", can_help_with="Terraform"),
        member("one", can_help_with="Terraform", helped_with=terraform_helps(1)),
        member("three", can_help_with="Terraform", helped_with=terraform_helps(3)),
        member("thirty", can_help_with="Terraform", helped_with=terraform_helps(30)),
        *background(),
    ]
    found = helpers_for_people(people, for_ids=["asker"], config=NO_PRIOR)["asker"]
    assert ids(found) == ["thirty", "three", "one", "none"]
    gain = {h.id: h.score - score_of(found, "none") for h in found}
    assert gain["three"] > gain["one"] > 0
    assert gain["thirty"] < 2 * gain["three"]  # ten times the helps, not ten times the weight


def test_evidence_points_at_the_matching_helps_and_the_reason_counts_them():
    helps = ("React hooks review", "Terraform state locking", "Terraform module layout")
    people = [
        member("asker", learning="Terraform"),
        member("tf", can_help_with="Terraform", helped_with=helps),
        *background(),
    ]
    [helper] = helpers_for_people(people, for_ids=["asker"])["asker"]
    assert sorted(helper.evidence) == [1, 2]
    assert helper.explanation == (
        "Helped 2 people with Terraform; can help with Terraform, which you are learning."
    )


def test_the_long_tail_helper_is_found_beside_a_very_active_one():
    # Rui helped twice with lab freezers; Vic helped two hundred people with React.
    people = [
        member("asker", learning="ultra-low freezer maintenance"),
        member("rui", working_on="lab operations", helped_with=("ultra-low freezer defrost",) * 2),
        member("vic", can_help_with="React", helped_with=react_helps(200)),
        member("ola", can_help_with="React, Terraform", helped_with=react_helps(50)),
        *background(),
    ]
    for config in (NO_PRIOR, HelperConfig(prior=1.0)):
        found = helpers_for_people(people, for_ids=["asker"], config=config)["asker"]
        assert ids(found)[:1] == ["rui"]
        assert "vic" not in ids(found)


def test_the_activity_prior_reorders_equals_but_stays_bounded():
    people = [
        member("asker", learning="Terraform"),
        member("quiet", can_help_with="Terraform"),
        member("busy", can_help_with="Terraform", helped_with=react_helps(40)),
        *background(),
    ]
    found = helpers_for_people(people, for_ids=["asker"], config=HelperConfig(prior=0.5))
    assert ids(found["asker"]) == ["busy", "quiet"]
    assert score_of(found["asker"], "busy") - score_of(found["asker"], "quiet") <= 0.5


@pytest.fixture
def crowd() -> list[Person]:
    """Everyone could help Ana with Terraform; who may is the question."""
    offer = {"can_help_with": "Terraform", "helped_with": terraform_helps(2)}
    return [
        member("boss", **offer),
        member("ana", "boss", learning="Terraform", **offer),
        member("ana_report", "ana", **offer),
        member("peer", "boss", **offer),
        member("blocked", **offer),
        member("paused", **offer),
        member("opted_out", opted_in=False, **offer),
        member("free", **offer),
        *background(),
    ]


def test_self_chain_blocked_unavailable_and_opted_out_are_never_returned(crowd):
    found = helpers_for_people(
        crowd,
        for_ids=["ana"],
        k=20,
        blocked=[("blocked", "ana")],
        unavailable=["paused"],
    )
    assert sorted(ids(found["ana"])) == ["free", "peer"]


def test_people_are_returned_for_everyone_when_no_ids_are_given(crowd):
    found = helpers_for_people(crowd, k=1)
    assert set(found) == {p.id for p in crowd}
    assert ids(found["ana"]) in (["free"], ["peer"])
    assert all(len(helpers) <= 1 for helpers in found.values())


def test_an_unknown_id_is_refused(crowd):
    with pytest.raises(KeyError, match="nobody"):
        helpers_for_people(crowd, for_ids=["nobody"])


def test_texts_find_helpers_and_exclude_the_given_ids(crowd):
    texts = ["How do I split a Terraform state file?", "Terraform module versions"]
    found = helpers_for_texts(
        crowd, texts, k=20, exclude=[["free", "boss"], []], unavailable=["paused"]
    )
    assert len(found) == 2
    first, second = (set(ids(f)) for f in found)
    assert not first & {"free", "boss", "paused", "opted_out"}
    assert {"free", "boss", "ana"} <= second
    assert "paused" not in second and "opted_out" not in second
    assert found[0][0].explanation.startswith("Helped 2 people with Terraform")
    assert found[0][0].explanation.endswith("can help with Terraform, which this is about.")


def test_exclude_must_match_the_queries(crowd):
    with pytest.raises(ValueError, match="1 entries for 2 queries"):
        helpers_for_texts(crowd, ["a", "b"], exclude=[[]])


def test_nobody_is_listed_for_a_need_nobody_can_meet(crowd):
    assert helpers_for_texts(crowd, ["sourdough starter hydration"]) == [[]]


def test_only_the_latest_entries_are_compared_and_indices_stay_the_helpers(crowd):
    old_then_new = (*react_helps(5), *terraform_helps(2))
    people = [replace(p, helped_with=old_then_new) if p.id == "free" else p for p in crowd]
    config = HelperConfig(entries=2)
    found = helpers_for_texts(people, ["Terraform state"], k=20, config=config)[0]
    assert next(h for h in found if h.id == "free").evidence in ((5, 6), (6, 5))


@pytest.mark.parametrize(
    ("field", "value"),
    [("prior", -0.1), ("half_helps", 0), ("candidates", 0), ("entries", 1.5), ("evidence", True)],
)
def test_a_bad_config_is_refused(field, value):
    with pytest.raises(ValueError, match=field):
        HelperConfig(**{field: value})


def test_an_organisation_with_nobody_in_it_has_no_helpers():
    assert helpers_for_texts([], ["Terraform"]) == [[]]
    assert helpers_for_people([]) == {}


def test_an_id_asked_for_twice_is_answered_once(crowd):
    assert list(helpers_for_people(crowd, for_ids=["ana", "ana"])) == ["ana"]


def test_scoring_in_small_batches_gives_the_same_helpers(crowd, monkeypatch):
    from trellis.matching.engine import helpers

    whole = helpers_for_people(crowd, k=3)
    monkeypatch.setattr(helpers, "PAIR_BATCH", 3)
    assert helpers_for_people(crowd, k=3) == whole
