"""/rounds in the JSON API: organisers start, follow, review, run again, publish and
withdraw rounds; to a member every round operation is 404, as the pages are.

Rounds run with the matching tests' stand-in engine (`fake_engine`): instant pairs in id
order over Ana, Ben, Carla and Dev.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.api.tests.calls import bearer
from trellis.matching import runs, services
from trellis.matching.models import Round, Suggestion
from trellis.matching.tests import conftest as matching_fixtures

fake_engine = matching_fixtures.fake_engine
cohort = matching_fixtures.cohort
done_round = matching_fixtures.done_round
published_round = matching_fixtures.published_round

API = "/api/v1"
NOT_FOUND = {"detail": "Not found.", "errors": []}


def rounds_snapshot() -> list:
    return [
        list(Round.objects.order_by("pk").values()),
        list(Suggestion.objects.order_by("pk").values()),
    ]


def post(client, url: str, headers: dict, payload: dict | None = None):
    return client.post(url, payload or {}, content_type="application/json", **headers)


def test_a_member_gets_404_from_every_round_operation(client, ana, done_round):
    headers = bearer(ana)
    before = rounds_snapshot()
    for url in (
        f"{API}/rounds",
        f"{API}/rounds/{done_round.pk}",
        f"{API}/rounds/{done_round.pk}/pairs",
    ):
        response = client.get(url, **headers)
        assert response.status_code == 404, url
        assert response.json() == NOT_FOUND
    for action in ("run", "publish", "withdraw"):
        response = post(client, f"{API}/rounds/{done_round.pk}/{action}", headers)
        assert response.json() == NOT_FOUND
    assert post(client, f"{API}/rounds", headers).json() == NOT_FOUND
    assert rounds_snapshot() == before


def test_a_read_token_may_not_start_a_round(client, organiser, cohort):
    response = post(client, f"{API}/rounds", bearer(organiser, "read"))
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_an_organiser_lists_every_round_newest_first(client, organiser, cohort, done_round):
    later = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    response = client.get(f"{API}/rounds", **bearer(organiser))
    assert response.status_code == 200
    listed = response.json()["results"]
    assert [item["id"] for item in listed] == [later.pk, done_round.pk]
    assert listed[1]["state"] == "done"
    assert listed[1]["cohort"] == {"kind": "all", "value": "", "label": "Everyone"}


def test_the_list_costs_the_same_queries_at_3_and_30_rounds(client, organiser, cohort):
    headers = bearer(organiser)

    def queries() -> int:
        client.get(f"{API}/rounds", **headers)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/rounds", **headers).status_code == 200
        return len(captured)

    for _ in range(3):
        services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    few = queries()
    for _ in range(27):
        services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    assert queries() == few


def test_an_organiser_starts_a_round_with_the_pages_options_and_it_is_queued(
    client, organiser, cohort, django_capture_on_commit_callbacks
):
    payload = {"cohort_kind": "topic", "cohort_value": "k8s", "seed": 3, "weight_mutual": 2}
    with django_capture_on_commit_callbacks() as queued:
        response = post(client, f"{API}/rounds", bearer(organiser), payload)
    assert response.status_code == 202, response.content
    started = response.json()
    assert started["state"] == "queued"
    assert started["cohort"]["value"] == "kubernetes"  # the synonym, as the page reads it
    round_obj = Round.objects.get(pk=started["id"])
    assert round_obj.config["seed"] == 3
    assert round_obj.config["weights"]["mutual"] == 2
    assert len(queued) == 1  # the run is the worker's


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_shared": -1}, "weight_shared", "Must be between 0 and 10."),
        ({"candidates_per_member": 0}, "candidates_per_member", "Must be between 1 and 200."),
        ({"cohort_kind": "topic", "cohort_value": "basket weaving"}, "cohort_value", "No topic"),
        ({"cohort_kind": "team", "cohort_value": "Nowhere"}, "cohort_value", "No member is in"),
        ({"cohort_kind": "open-to", "cohort_value": "gossip"}, "cohort_value", "Open-to must"),
        ({"cohort_kind": "cabal"}, "cohort_kind", "cohort_kind: Input should be"),
    ],
)
def test_a_round_the_page_would_refuse_is_a_422_and_nothing_starts(
    client, organiser, cohort, changes, field, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = post(client, f"{API}/rounds", bearer(organiser), changes)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and e["message"].startswith(message) for e in errors), errors
    assert not Round.objects.exists() and not queued


def test_a_finished_round_reads_as_its_review(client, organiser, done_round):
    response = client.get(f"{API}/rounds/{done_round.pk}", **bearer(organiser))
    assert response.status_code == 200
    review = response.json()
    assert review["state"] == "done"
    assert review["progress_percent"] == 100
    assert review["summary"][0].startswith("The cohort has 5 people")
    assert any(f["label"].startswith("Coverage") for f in review["headline"])
    assert "weights" in review["config"]


def test_its_pairs_come_best_first_with_the_organisers_explanation(client, organiser, done_round):
    response = client.get(f"{API}/rounds/{done_round.pk}/pairs", **bearer(organiser))
    assert response.status_code == 200
    pairs = response.json()["results"]
    stored = list(Suggestion.objects.filter(round=done_round).order_by("-score", "id"))
    assert [p["id"] for p in pairs] == [s.pk for s in stored]
    assert pairs[0]["explanation"].endswith("both work on Kubernetes.")


def test_an_unknown_round_is_not_found(client, organiser, db):
    response = client.get(f"{API}/rounds/999999", **bearer(organiser))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_an_organiser_runs_a_failed_round_again_in_the_worker(
    client, organiser, cohort, fake_engine, django_capture_on_commit_callbacks
):
    fake_engine.fail_with = ValueError("no shared interest anywhere")
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    runs.round_run(round_id=round_obj.pk)
    with django_capture_on_commit_callbacks() as queued:
        response = post(client, f"{API}/rounds/{round_obj.pk}/run", bearer(organiser))
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "queued"
    assert len(queued) == 1


def test_a_round_that_ran_is_not_run_again_and_nothing_changes(client, organiser, done_round):
    before = rounds_snapshot()
    response = post(client, f"{API}/rounds/{done_round.pk}/run", bearer(organiser))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Only a failed round")
    assert rounds_snapshot() == before


def test_an_organiser_publishes_a_finished_round(client, organiser, done_round):
    response = post(client, f"{API}/rounds/{done_round.pk}/publish", bearer(organiser))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "published"
    done_round.refresh_from_db()
    assert done_round.published_by == organiser.user


def test_a_round_still_queued_is_not_published_and_nothing_changes(client, organiser, cohort):
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    before = rounds_snapshot()
    response = post(client, f"{API}/rounds/{round_obj.pk}/publish", bearer(organiser))
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Only a round ready to review can be published; this one is queued."
    )
    assert rounds_snapshot() == before


def test_an_organiser_withdraws_a_published_round(client, organiser, published_round):
    response = post(client, f"{API}/rounds/{published_round.pk}/withdraw", bearer(organiser))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"


def test_the_pairs_cost_the_same_queries_at_3_and_30_pairs(
    client, organiser, make_member, done_round
):
    headers = bearer(organiser)
    url = f"{API}/rounds/{done_round.pk}/pairs?page_size=100"
    people = [make_member(f"Paired {n}") for n in range(9)]
    couples = iter([(a, b) for i, a in enumerate(people) for b in people[i + 1 :]])

    def pair_more(count: int) -> None:
        for _ in range(count):
            a, b = next(couples)
            Suggestion.objects.create(round=done_round, member_a=a, member_b=b, score=0.5)

    def queries() -> tuple[int, int]:
        client.get(url, **headers)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **headers)
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    Suggestion.objects.filter(round=done_round).delete()
    pair_more(3)
    few, listed = queries()
    assert listed == 3
    pair_more(27)
    many, listed = queries()
    assert (many, listed) == (few, 30)


def test_no_token_is_401(client, done_round):
    assert client.get(f"{API}/rounds/{done_round.pk}").status_code == 401
