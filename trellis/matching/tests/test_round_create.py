"""`round_create`: what an organiser may start, and the clear refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.matching.config import default_config
from trellis.matching.models import Cohort, Round
from trellis.matching.services import round_create


def refusal(organiser, **kwargs) -> dict:
    kwargs.setdefault("cohort", "all")
    with pytest.raises(ValidationError) as error:
        round_create(organiser=organiser.user, enqueue=False, **kwargs)
    assert not Round.objects.exists()
    return error.value.message_dict


def test_it_saves_a_queued_round_with_the_engine_defaults(cohort, organiser):
    round_obj = round_create(
        organiser=organiser.user, cohort="discipline:Engineering", enqueue=False
    )

    assert round_obj.state == Round.State.QUEUED
    assert round_obj.cohort == {"kind": "discipline", "value": "Engineering"}
    assert round_obj.config == default_config()
    assert round_obj.organiser == organiser.user


def test_it_keeps_the_weights_it_was_given(cohort, organiser):
    round_obj = round_create(
        organiser=organiser.user,
        cohort=Cohort("discipline", "Engineering"),
        config={"weights": {"diversity": 2}, "seed": 7, "exclude_siblings": True},
        enqueue=False,
    )

    assert round_obj.config["weights"]["diversity"] == 2.0
    assert round_obj.config["seed"] == 7
    assert round_obj.config["exclude_siblings"] is True
    assert round_obj.config["weights"]["shared"] == default_config()["weights"]["shared"]


@pytest.mark.parametrize(
    ("cohort_text", "message"),
    [
        ("team:Nowhere", "No member is in a team called 'Nowhere'."),
        ("discipline:Alchemy", "No member has the discipline 'Alchemy'."),
        ("topic:not-a-topic", "No topic has the slug 'not-a-topic'"),
        ("open-to:gossip", "Open-to must be one of peer_learning, initiatives, helping"),
        ("colour:blue", "Unknown cohort 'colour:blue'"),
        ("team:", "needs a value"),
        ("all:of-them", "takes no value"),
    ],
)
def test_it_refuses_a_cohort_that_does_not_exist(cohort, organiser, cohort_text, message):
    problems = refusal(organiser, cohort=cohort_text)

    assert message in problems["cohort"][0]


def test_it_refuses_a_cohort_with_fewer_than_two_people_to_pair(cohort, organiser):
    problems = refusal(organiser, cohort="team:Platform")  # only Ana

    assert problems["cohort"] == [
        "This cohort has 1 member who is active and open to peer learning; "
        "a round needs at least two."
    ]


def test_people_who_paused_are_not_counted_as_pairable(make_member, organiser):
    make_member(team="Quiet", status="paused")
    make_member(team="Quiet", open_to_peer_learning=False)
    make_member(team="Quiet")

    assert "has 1 member" in refusal(organiser, cohort="team:Quiet")["cohort"][0]


@pytest.mark.parametrize(
    ("config", "field", "message"),
    [
        ({"weights": {"shared": -1}}, "weight_shared", "Must be between 0 and 10."),
        ({"weights": {"teach": 11}}, "weight_teach", "Must be between 0 and 10."),
        ({"weights": {"mutual": "lots"}}, "weight_mutual", "Must be a number."),
        ({"weights": {"diversity": float("nan")}}, "weight_diversity", "Must be a number."),
        ({"candidates_per_member": 0}, "candidates_per_member", "Must be between 1 and 200."),
        ({"candidates_per_member": 2.5}, "candidates_per_member", "Must be a whole number."),
        ({"seed": -3}, "seed", "Must be a whole number from 0"),
        ({"exclude_siblings": "yes"}, "exclude_siblings", "Must be true or false."),
        (
            {"weights": {"shared": 0, "teach": 0, "mutual": 0}},
            "weight_shared",
            "At least one of the shared, teach, mutual weights must be above zero.",
        ),
    ],
)
def test_it_refuses_bad_settings(cohort, organiser, config, field, message):
    problems = refusal(organiser, config=config)

    assert problems[field][0].startswith(message)


def test_it_refuses_unknown_settings(cohort, organiser):
    problems = refusal(organiser, config={"speed": 1, "weights": {"seniority": 1}})

    assert "Unknown round settings: speed, weights.seniority." in problems["__all__"]


def test_a_member_who_is_not_an_organiser_cannot_start_a_round(cohort, ana):
    with pytest.raises(PermissionDenied):
        round_create(organiser=ana.user, cohort="all", enqueue=False)
    assert not Round.objects.exists()


def test_it_queues_the_run_once_the_round_is_saved(
    cohort, organiser, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        round_obj = round_create(organiser=organiser.user, cohort="all")

    task = DBTaskResult.objects.get()
    assert task.task_path == "trellis.matching.tasks.run_round_task"
    assert task.args_kwargs == {"args": [], "kwargs": {"round_id": round_obj.pk}}
