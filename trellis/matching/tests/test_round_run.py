"""`round_run`: a round runs whole or not at all, and says why when it fails."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from trellis.matching import runs, services
from trellis.matching.engine import pipeline
from trellis.matching.models import Round, Suggestion
from trellis.people.hooks import pair_key


@pytest.fixture
def queued(cohort, organiser) -> Round:
    return services.round_create(organiser=organiser.user, cohort="all", enqueue=False)


def test_a_run_saves_every_pair_and_the_metrics(fake_engine, queued):
    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.state == Round.State.DONE
    assert round_obj.progress == 1.0
    assert round_obj.started_at <= round_obj.finished_at
    pairs = Suggestion.objects.filter(round=round_obj)
    assert pairs.count() == 4 == round_obj.metrics["run"]["pairs"]
    assert round_obj.metrics["coverage"] == 1.0
    assert round_obj.metrics["run"]["members"] == 5
    assert all(p.kind == Suggestion.Kind.ROUND and p.explanation for p in pairs)


def test_pairs_are_stored_lower_id_first_with_the_teaching_directions_swapped(
    fake_engine, queued, ana, ben
):
    runs.round_run(round_id=queued.pk)

    # The engine named the pair (ben, ana) with teach_ab 0.3 (Ben -> Ana).
    pair = Suggestion.objects.get(member_a=ana, member_b=ben)
    assert (pair.teach_ab, pair.teach_ba) == (0.6, 0.3)


def test_the_engine_gets_the_cohort_as_people_with_their_settings(
    fake_engine, cohort, organiser, ana, dev
):
    round_obj = services.round_create(
        organiser=organiser.user,
        cohort="discipline:Engineering",
        config={"seed": 5, "weights": {"teach": 2}},
        enqueue=False,
    )

    runs.round_run(round_id=round_obj.pk)

    call = fake_engine.calls[-1]
    assert [p.id for p in call["people"]] == [str(ana.pk), str(dev.pk)]
    person = call["people"][0]
    assert (person.name, person.team, person.capacity) == ("Ana Lima", "Platform", 2)
    assert person.working_on == "Kubernetes upgrades, on-call load"
    assert person.opted_in
    assert (call["config"].seed, call["config"].weights.teach) == (5, 2.0)


def test_paused_and_opted_out_members_are_passed_as_not_opted_in(
    fake_engine, make_member, organiser
):
    paused = make_member(team="T", status="paused")
    opted_out = make_member(team="T", open_to_peer_learning=False)
    make_member(team="T")
    make_member(team="T")
    round_obj = services.round_create(organiser=organiser.user, cohort="team:T", enqueue=False)

    runs.round_run(round_id=round_obj.pk)

    people = {p.id: p for p in fake_engine.calls[-1]["people"]}
    assert not people[str(paused.pk)].opted_in
    assert not people[str(opted_out.pk)].opted_in
    assert sum(p.opted_in for p in people.values()) == 2


def test_people_who_left_are_not_in_the_cohort(fake_engine, make_member, organiser):
    gone = make_member(team="T", status="left")
    make_member(team="T")
    make_member(team="T")
    round_obj = services.round_create(organiser=organiser.user, cohort="team:T", enqueue=False)

    runs.round_run(round_id=round_obj.pk)

    assert str(gone.pk) not in {p.id for p in fake_engine.calls[-1]["people"]}


def test_a_reporting_chain_through_someone_outside_the_cohort_is_still_kept_apart(
    fake_engine, make_member, organiser
):
    head = make_member(team="Core")
    lead = make_member(team="Elsewhere", manager=head)
    report = make_member(team="Core", manager=lead)
    make_member(team="Core")
    round_obj = services.round_create(organiser=organiser.user, cohort="team:Core", enqueue=False)

    runs.round_run(round_id=round_obj.pk)

    assert pair_key(head.pk, report.pk) in fake_engine.calls[-1]["blocked"]
    assert not Suggestion.objects.filter(member_a=head, member_b=report).exists()


def test_progress_is_written_to_the_round_as_it_goes(fake_engine, queued, monkeypatch):
    seen = []

    def run_round(people, **kwargs):
        kwargs["progress"]("Scoring pairs", 0.4)
        seen.append(Round.objects.values_list("state", "stage", "progress").get(pk=queued.pk))
        return fake_engine.run_round(people, **kwargs)

    monkeypatch.setattr(pipeline, "run_round", run_round)

    runs.round_run(round_id=queued.pk)

    assert seen == [(Round.State.RUNNING, "Scoring pairs", 0.4)]


def test_a_failing_run_records_the_reason_and_writes_no_pairs(fake_engine, queued):
    fake_engine.fail_with = ValueError("The reporting lines contain a cycle.")

    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.state == Round.State.FAILED
    assert round_obj.failure_reason == "ValueError: The reporting lines contain a cycle."
    assert round_obj.finished_at is not None
    assert not Suggestion.objects.exists()


def test_a_missing_engine_is_reported_as_such(fake_engine, queued):
    fake_engine.fail_with = NotImplementedError("being integrated")

    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.failure_reason.startswith("The matching engine is not available")


def test_a_run_interrupted_while_writing_leaves_no_pairs_and_can_run_again(
    fake_engine, queued, monkeypatch
):
    real_bulk_create = Suggestion.objects.bulk_create
    crashes = [RuntimeError("killed while writing")]

    def write_some_then_die(rows, **kwargs):
        if not crashes:
            return real_bulk_create(rows, **kwargs)
        real_bulk_create(rows[:2], **kwargs)
        assert Suggestion.objects.count() == 2  # rows were written before the crash
        raise crashes.pop()

    monkeypatch.setattr(Suggestion.objects, "bulk_create", write_some_then_die)

    failed = runs.round_run(round_id=queued.pk)

    assert failed.state == Round.State.FAILED
    assert "killed while writing" in failed.failure_reason
    assert not Suggestion.objects.exists()

    again = runs.round_run(round_id=queued.pk)

    assert again.state == Round.State.DONE
    assert again.failure_reason == ""
    assert Suggestion.objects.filter(round=again).count() == 4


def test_a_round_left_running_by_a_killed_worker_runs_again(fake_engine, queued):
    # What kill -9 leaves: the claim committed, the pairs never did.
    Round.objects.filter(pk=queued.pk).update(
        state=Round.State.RUNNING,
        run_token="dead-worker",
        heartbeat_at=timezone.now() - timedelta(hours=1),
        progress=0.7,
    )

    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.state == Round.State.DONE
    assert Suggestion.objects.filter(round=round_obj).count() == 4


def test_a_run_whose_round_was_started_again_elsewhere_writes_nothing(
    fake_engine, queued, monkeypatch
):
    def run_round(people, **kwargs):
        Round.objects.filter(pk=queued.pk).update(run_token="another-run")
        return fake_engine.run_round(people, **kwargs)

    monkeypatch.setattr(pipeline, "run_round", run_round)

    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.state == Round.State.RUNNING  # the other run owns it now
    assert not Suggestion.objects.exists()


def test_a_finished_round_is_not_run_twice(fake_engine, done_round):
    calls = len(fake_engine.calls)

    again = runs.round_run(round_id=done_round.pk)

    assert again.state == Round.State.DONE
    assert len(fake_engine.calls) == calls
    assert Suggestion.objects.filter(round=done_round).count() == 4


def test_dismissed_pairs_are_kept_apart_in_the_next_round(
    fake_engine, published_round, organiser, ana, ben
):
    suggestion = Suggestion.objects.get(round=published_round, member_a=ana, member_b=ben)
    services.suggestion_dismiss(suggestion_id=suggestion.pk, member=ben)
    next_round = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)

    runs.round_run(round_id=next_round.pk)

    assert (str(ana.pk), str(ben.pk)) in fake_engine.calls[-1]["blocked"]
    pairs = Suggestion.objects.filter(round=next_round)
    assert pairs.exists()
    assert not pairs.filter(Q(member_a=ana, member_b=ben)).exists()


def test_progress_from_the_engines_helper_threads_is_written_by_the_runs_own_thread(
    fake_engine, queued, monkeypatch
):
    import threading

    seen = []

    def run_round(people, **kwargs):
        helper = threading.Thread(target=kwargs["progress"], args=("Encoding", 0.3))
        helper.start()
        helper.join()  # from another thread: kept, not written (another connection)
        seen.append(Round.objects.values_list("stage", flat=True).get(pk=queued.pk))
        kwargs["progress"]("Scoring", 0.5)  # the run's own thread writes both
        seen.append(Round.objects.values_list("stage", flat=True).get(pk=queued.pk))
        return fake_engine.run_round(people, **kwargs)

    monkeypatch.setattr(pipeline, "run_round", run_round)

    round_obj = runs.round_run(round_id=queued.pk)

    assert round_obj.state == Round.State.DONE
    assert seen == ["Reading the cohort", "Scoring"]
