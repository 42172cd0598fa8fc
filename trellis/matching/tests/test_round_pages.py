"""The organiser's round pages: list, new, detail with progress and review, publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.matching import config as round_config
from trellis.matching import runs, services
from trellis.matching.models import Round, Suggestion

LIST = reverse("matching:round_list")
NEW = reverse("matching:round_new")


def detail(round_obj) -> str:
    return reverse("matching:round_detail", args=[round_obj.pk])


def publish(round_obj) -> str:
    return reverse("matching:round_publish", args=[round_obj.pk])


def restart(round_obj) -> str:
    return reverse("matching:round_restart", args=[round_obj.pk])


VALID_FORM = {
    "cohort_kind": "all",
    "cohort_value": "",
    "weight_shared": "0.5",
    "weight_teach": "0.5",
    "weight_mutual": "1",
    "weight_diversity": "0.5",
    "candidates_per_member": "20",
    "seed": "0",
}


def test_members_get_a_404_on_every_round_page(client, ana, done_round):
    client.force_login(ana.user)

    for url in (LIST, NEW, detail(done_round)):
        assert client.get(url).status_code == 404
    for url in (NEW, publish(done_round), restart(done_round)):
        assert client.post(url, VALID_FORM).status_code == 404
    done_round.refresh_from_db()
    assert done_round.state == Round.State.DONE
    assert Round.objects.count() == 1


def test_the_list_shows_every_round_newest_first(organiser_client, done_round, organiser):
    newer = services.round_create(organiser=organiser.user, cohort="open-to:helping", enqueue=False)

    content = organiser_client.get(LIST).content.decode()

    assert content.index(f"Round {newer.pk}") < content.index(f"Round {done_round.pk}")
    assert "Open to helping" in content
    assert "Ready to review" in content


def test_the_form_shows_the_engine_defaults(organiser_client, cohort):
    response = organiser_client.get(NEW)

    form = response.context["form"]
    assert form["weight_mutual"].value() == round_config.default_config()["weights"]["mutual"]
    assert form["candidates_per_member"].value() == 20
    content = response.content.decode()
    assert "capacity on their profile" in content
    assert '<option value="Platform">team</option>' in content


def test_an_organiser_starts_a_round_from_the_form(
    organiser_client, cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = organiser_client.post(
            NEW, VALID_FORM | {"cohort_kind": "team", "cohort_value": "Platform "}, follow=False
        )

    assert response.status_code == 200  # only Ana is in Platform: refused
    assert "a round needs at least two" in response.content.decode()
    assert not Round.objects.exists() and not queued

    with django_capture_on_commit_callbacks() as queued:
        response = organiser_client.post(
            NEW, VALID_FORM | {"cohort_kind": "topic", "cohort_value": "k8s", "seed": "3"}
        )

    round_obj = Round.objects.get()
    assert response.status_code == 302
    assert response.url == detail(round_obj)
    assert round_obj.cohort == {"kind": "topic", "value": "kubernetes"}
    assert round_obj.config["seed"] == 3
    assert len(queued) == 1  # the run is queued for the worker


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_shared": "-1"}, "weight_shared", "Must be between 0 and 10."),
        ({"weight_diversity": "many"}, "weight_diversity", "Enter a number."),
        ({"candidates_per_member": "0"}, "candidates_per_member", "Must be between 1 and 200."),
        ({"cohort_kind": "topic", "cohort_value": "basket weaving"}, "cohort_value", "No topic"),
        ({"cohort_kind": "team", "cohort_value": "Nowhere"}, "cohort_value", "No member is in"),
        ({"cohort_kind": "open-to", "cohort_value": "gossip"}, "cohort_value", "Open-to must"),
        ({"cohort_kind": "cabal"}, "cohort_kind", "Select a valid choice."),
    ],
)
def test_a_bad_form_says_what_is_wrong_and_starts_nothing(
    organiser_client, cohort, changes, field, message
):
    response = organiser_client.post(NEW, VALID_FORM | changes)

    assert response.status_code == 200
    assert any(e.startswith(message) for e in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Round.objects.exists()


def test_a_queued_round_shows_progress_and_polls_for_more(organiser_client, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    Round.objects.filter(pk=round_obj.pk).update(
        state=Round.State.RUNNING, stage="Scoring pairs", progress=0.42
    )

    content = organiser_client.get(detail(round_obj)).content.decode()

    assert 'hx-trigger="every 2s"' in content
    assert "Scoring pairs" in content and "42%" in content
    assert "Publish" not in content


def test_the_poll_returns_only_the_status_fragment(organiser_client, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)

    response = organiser_client.get(detail(round_obj), headers={"HX-Request": "true"})

    assert [t.name for t in response.templates] == ["matching/partials/round_status.html"]
    assert "<html" not in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_the_poll_reloads_the_page_once_the_round_has_finished(organiser_client, done_round):
    response = organiser_client.get(detail(done_round), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"


def test_a_finished_round_shows_its_review_and_pairs_without_polling(organiser_client, done_round):
    content = organiser_client.get(detail(done_round)).content.decode()

    assert 'hx-trigger="every' not in content  # no polling (the type-ahead has its own)
    assert "Coverage: members with at least one pair" in content and "100%" in content
    assert "Pairs across teams" in content and "75%" in content
    assert "Compared with the baselines" in content and "Random" in content
    assert "Load: how many pairs each member has" in content
    assert "Ana Lima and Ben Okafor both work on Kubernetes." in content
    assert f'action="{publish(done_round)}"' in content


def test_the_pair_list_costs_the_same_queries_whatever_its_length(
    organiser_client, done_round, make_member, fake_engine, organiser
):
    def queries(round_obj) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert organiser_client.get(detail(round_obj)).status_code == 200
        return len(captured)

    few = queries(done_round)
    for _ in range(12):
        make_member(working_on="Kubernetes")
    bigger = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    bigger = runs.round_run(round_id=bigger.pk)
    assert Suggestion.objects.filter(round=bigger).count() > 10

    assert queries(bigger) == few


def test_pairs_are_paginated(organiser_client, done_round, monkeypatch):
    from trellis.matching import views

    monkeypatch.setattr(views, "PAIRS_PER_PAGE", 3)

    first = organiser_client.get(detail(done_round)).content.decode()
    second = organiser_client.get(detail(done_round) + "?page=2").content.decode()

    assert "Page 1 of 2" in first and "Page 2 of 2" in second


def test_a_failed_round_shows_its_reason_and_can_be_run_again(
    organiser_client, cohort, organiser, fake_engine, django_capture_on_commit_callbacks
):
    fake_engine.fail_with = ValueError("no shared interest anywhere")
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    runs.round_run(round_id=round_obj.pk)

    content = organiser_client.get(detail(round_obj)).content.decode()

    assert "The round failed" in content
    assert "ValueError: no shared interest anywhere" in content
    with django_capture_on_commit_callbacks() as queued:
        response = organiser_client.post(restart(round_obj))
    assert response.status_code == 302
    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.QUEUED and round_obj.failure_reason == ""
    assert len(queued) == 1


def test_a_round_still_running_cannot_be_restarted(organiser_client, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    Round.objects.filter(pk=round_obj.pk).update(state=Round.State.RUNNING)

    response = organiser_client.post(restart(round_obj), follow=True)

    assert "Only a failed round" in response.content.decode()
    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.RUNNING


def test_publishing_is_a_post_and_makes_the_round_published(
    organiser_client, done_round, organiser
):
    assert organiser_client.get(publish(done_round)).status_code == 405

    response = organiser_client.post(publish(done_round), follow=True)

    done_round.refresh_from_db()
    assert done_round.state == Round.State.PUBLISHED
    assert done_round.published_by == organiser.user
    assert "both members of each pair now see it" in response.content.decode()


def test_a_round_that_has_not_finished_cannot_be_published(organiser_client, cohort, organiser):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)

    response = organiser_client.post(publish(round_obj), follow=True)

    assert "Only a round ready to review can be published" in response.content.decode()
    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.QUEUED


def test_an_unknown_round_is_a_404(organiser_client, db):
    assert organiser_client.get(reverse("matching:round_detail", args=[999])).status_code == 404
    assert organiser_client.post(reverse("matching:round_publish", args=[999])).status_code == 404


def test_only_organisers_see_the_rounds_link(client, ana, organiser):
    client.force_login(ana.user)
    assert LIST not in client.get(reverse("home:home")).content.decode()

    client.force_login(organiser.user)
    assert LIST in client.get(reverse("home:home")).content.decode()
