"""/suggestions, /recommendations and /helpers through the API: as the home page shows them.

A suggestion is seen by its two members once its round is published, a recommendation by
the member it was worked out for; anyone else gets 404 and changes nothing. Who could
help is read as the background worker stored it: a GET asks for nothing.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trellis.api.tests.calls import NOT_FOUND_BODY, bearer
from trellis.community import services as community
from trellis.matching.models import HelperList, PossibleHelper, Round, Suggestion
from trellis.people.models import Topic


def post(client, url: str, auth: dict):
    return client.post(url, {}, content_type="application/json", **auth)


def pair(one, other) -> dict:
    a, b = sorted((one, other), key=lambda m: m.pk)
    return {"member_a": a, "member_b": b}


@pytest.fixture
def published():
    return Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())


@pytest.fixture
def suggestion(published, ana, ben):
    """Ana and Ben, suggested to each other by a published round; each reads their own why."""
    sides = pair(ana, ben)
    words = {
        "explanation_for_a": f"You and {sides['member_b'].display_name} both work on it.",
        "explanation_for_b": f"You and {sides['member_a'].display_name} both work on it.",
    }
    return Suggestion.objects.create(round=published, score=0.5, **sides, **words)


@pytest.fixture
def recommendation(ana, carla):
    """Carla, recommended to Ana alone."""
    return Suggestion.objects.create(
        kind=Suggestion.Kind.RECOMMENDATION,
        recommended_to=ana,
        score=0.7,
        explanation_for_a="You could learn Go from Carla.",
        explanation_for_b="You could learn Go from Carla.",
        **pair(ana, carla),
    )


def ids(answer) -> list[int]:
    return [item["id"] for item in answer.json()["results"]]


def test_both_members_see_a_published_suggestion_each_with_their_own_explanation(
    client, ana, ben, suggestion
):
    as_ana = client.get("/api/v1/suggestions", **bearer(ana)).json()["results"]
    as_ben = client.get("/api/v1/suggestions", **bearer(ben)).json()["results"]

    assert [(s["id"], s["other"]["display_name"]) for s in as_ana] == [
        (suggestion.pk, "Ben Okafor")
    ]
    assert as_ana[0]["explanation"] == "You and Ben Okafor both work on it."
    assert as_ben[0]["explanation"] == "You and Ana Lima both work on it."


def test_dismissing_hides_it_from_the_dismisser_alone_and_restore_undoes_it(
    client, ana, ben, suggestion
):
    dismissed = post(client, f"/api/v1/suggestions/{suggestion.pk}/dismiss", bearer(ana))

    assert dismissed.status_code == 200 and dismissed.json()["dismissed"] is True
    assert ids(client.get("/api/v1/suggestions", **bearer(ana))) == []
    assert ids(client.get("/api/v1/suggestions", **bearer(ben))) == [suggestion.pk]
    restored = post(client, f"/api/v1/suggestions/{suggestion.pk}/restore", bearer(ana))
    assert restored.status_code == 200 and restored.json()["dismissed"] is False
    assert ids(client.get("/api/v1/suggestions", **bearer(ana))) == [suggestion.pk]


def test_restoring_one_never_dismissed_is_422_and_writes_nothing(client, ana, suggestion):
    answer = post(client, f"/api/v1/suggestions/{suggestion.pk}/restore", bearer(ana))

    assert answer.status_code == 422
    assert answer.json()["detail"] == "This suggestion is not dismissed."
    suggestion.refresh_from_db()
    assert suggestion.a_dismissed_at is None and suggestion.b_dismissed_at is None


@pytest.mark.parametrize("action", ["dismiss", "restore"])
def test_someone_elses_suggestion_is_404_and_unchanged(
    client, carla, organiser, suggestion, action
):
    for stranger in (carla, organiser):
        answer = post(client, f"/api/v1/suggestions/{suggestion.pk}/{action}", bearer(stranger))
        assert answer.status_code == 404
        assert answer.json() == NOT_FOUND_BODY
        assert ids(client.get("/api/v1/suggestions", **bearer(stranger))) == []
    suggestion.refresh_from_db()
    assert suggestion.a_dismissed_at is None and suggestion.b_dismissed_at is None


def test_a_suggestion_of_an_unpublished_round_is_not_shown_to_anyone(client, ana, suggestion):
    Round.objects.filter(pk=suggestion.round_id).update(state=Round.State.WITHDRAWN)

    assert ids(client.get("/api/v1/suggestions", **bearer(ana))) == []
    answer = post(client, f"/api/v1/suggestions/{suggestion.pk}/dismiss", bearer(ana))
    assert answer.status_code == 404


def test_a_recommendation_is_its_members_alone(client, ana, carla, recommendation):
    assert ids(client.get("/api/v1/recommendations", **bearer(ana))) == [recommendation.pk]
    assert ids(client.get("/api/v1/recommendations", **bearer(carla))) == []
    answer = post(client, f"/api/v1/recommendations/{recommendation.pk}/dismiss", bearer(carla))
    assert answer.status_code == 404 and answer.json() == NOT_FOUND_BODY
    recommendation.refresh_from_db()
    assert recommendation.state == "shown"
    mine = post(client, f"/api/v1/recommendations/{recommendation.pk}/dismiss", bearer(ana))
    assert mine.status_code == 200
    assert ids(client.get("/api/v1/recommendations", **bearer(ana))) == []


def test_a_read_token_cannot_dismiss_and_no_token_is_401(client, ana, suggestion):
    refused = post(client, f"/api/v1/suggestions/{suggestion.pk}/dismiss", bearer(ana, "read"))

    assert refused.status_code == 403
    assert client.get("/api/v1/suggestions").status_code == 401
    suggestion.refresh_from_db()
    assert suggestion.state == "shown"


def test_the_suggestions_cost_the_same_queries_for_3_as_for_30(client, ana, make_member, published):
    auth = bearer(ana)
    client.get("/api/v1/suggestions", **auth)  # the token's first use is counted apart
    counts = []
    for more in (3, 27):
        for n in range(more):
            other = make_member(f"Peer {n}")
            Suggestion.objects.create(round=published, score=0.5, **pair(ana, other))
        with CaptureQueriesContext(connection) as queries:
            listed = client.get("/api/v1/suggestions", **auth)
        counts.append((len(listed.json()["results"]), len(queries)))
    assert [shown for shown, _ in counts] == [3, 10]  # as many as home shows
    assert counts[0][1] == counts[1][1]


def _listed(helper_list: HelperList, *helpers) -> None:
    for position, helper in enumerate(helpers, start=1):
        PossibleHelper.objects.create(
            helper_list=helper_list,
            helper=helper,
            position=position,
            score=1.0,
            explanation="Can help with Go, which you are learning.",
        )
    HelperList.objects.filter(pk=helper_list.pk).update(computed_at=timezone.now())


def test_who_could_help_me_is_read_as_the_worker_stored_it(client, ana, carla):
    _listed(HelperList.objects.create(about="member", member=ana), carla)

    body = client.get("/api/v1/helpers", **bearer(ana)).json()

    assert body["about"] == "member" and body["worked_out"] is True
    assert [(h["helper"]["display_name"], h["position"]) for h in body["results"]] == [
        ("Carla Mendes", 1)
    ]
    entry = PossibleHelper.objects.get()
    assert body["results"][0]["id"] == entry.pk
    assert body["results"][0]["reason"] == entry.reason


def test_before_the_worker_looked_it_says_so_and_a_get_asks_for_nothing(
    client, ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        body = client.get("/api/v1/helpers?topic=terraform", **bearer(ana)).json()

    assert body == {"about": "topic", "worked_out": False, "results": []}
    assert queued == []
    assert not HelperList.objects.exists()


def test_who_could_help_with_a_topic_never_lists_the_caller(client, ana, carla):
    topic = Topic.objects.get(slug="terraform")
    _listed(HelperList.objects.create(about="topic", topic=topic), ana, carla)

    as_ana = client.get("/api/v1/helpers?topic=terraform", **bearer(ana)).json()["results"]

    assert [h["helper"]["display_name"] for h in as_ana] == ["Carla Mendes"]


def test_who_could_help_with_a_post(client, ana, ben, carla):
    post_obj = community.post_create(
        author=ben, title="Terraform state drift", body="How do you keep it in check?"
    )
    _listed(HelperList.objects.get_or_create(about="post", post=post_obj)[0], carla)

    body = client.get(f"/api/v1/helpers?post={post_obj.pk}", **bearer(ana)).json()

    assert body["about"] == "post"
    assert [h["helper"]["display_name"] for h in body["results"]] == ["Carla Mendes"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("topic=no-such-topic", "topic"),
        ("topic=%00", "topic"),
        ("post=999999", "post"),
        ("post=1180591620717411303424", "post"),
        ("topic=go&post=1", "topic"),
    ],
)
def test_a_bad_helpers_filter_is_422_naming_the_field(client, ana, query, field):
    answer = client.get(f"/api/v1/helpers?{query}", **bearer(ana))

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field


def test_asking_for_helpers_with_a_topic_queues_the_worker_once(
    client, ana, django_capture_on_commit_callbacks
):
    auth = bearer(ana)
    with django_capture_on_commit_callbacks() as queued:
        asked = client.post("/api/v1/helpers/work-out?topic=terraform", **auth)

    assert asked.status_code == 202
    assert len(queued) == 1
    assert HelperList.objects.get(topic__slug="terraform").requested_at is not None
    with django_capture_on_commit_callbacks() as queued_again:
        client.post("/api/v1/helpers/work-out?topic=terraform", **auth)
    assert queued_again == []  # asked already: repeated asks pile nothing up


def test_asking_for_my_recommendations_queues_what_my_home_page_would(
    client, ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        asked = client.post("/api/v1/recommendations/work-out", **bearer(ana))

    assert asked.status_code == 202
    assert len(queued) == 3  # recommendations, who could help, initiatives that fit
    assert HelperList.objects.get(member=ana).requested_at is not None


def test_asking_about_a_topic_that_does_not_exist_is_422_and_queues_nothing(
    client, ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        answer = client.post("/api/v1/helpers/work-out?topic=nope", **bearer(ana))

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "topic"
    assert queued == [] and not HelperList.objects.exists()


def test_a_read_token_cannot_ask_the_worker(client, ana):
    assert client.post("/api/v1/recommendations/work-out", **bearer(ana, "read")).status_code == 403
    assert not HelperList.objects.exists()


def test_someone_elses_recommendation_cannot_be_restored(client, ana, carla, recommendation):
    post(client, f"/api/v1/recommendations/{recommendation.pk}/dismiss", bearer(ana))
    for stranger in (carla,):
        answer = post(
            client, f"/api/v1/recommendations/{recommendation.pk}/restore", bearer(stranger)
        )
        assert answer.status_code == 404 and answer.json() == NOT_FOUND_BODY
    recommendation.refresh_from_db()
    assert recommendation.state != "shown"
    mine = post(client, f"/api/v1/recommendations/{recommendation.pk}/restore", bearer(ana))
    assert mine.status_code == 200
    assert ids(client.get("/api/v1/recommendations", **bearer(ana))) == [recommendation.pk]
