"""/initiatives, /volunteers, /contributions and /observations in the JSON API.

People come from the root conftest and the initiatives tests' fixtures: Carla leads an
open initiative, Ana volunteers for it (and is welcomed onto the team), Ben and Dev look
on, Olga organises. Each object-level rule is checked with two users: anyone else gets
the same 404 body as for something missing, and nothing is written.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trellis.api.tests.calls import bearer
from trellis.initiatives import services
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.initiatives.tests import conftest as initiative_fixtures

make_initiative = initiative_fixtures.make_initiative
initiative = initiative_fixtures.initiative
draft = initiative_fixtures.draft
offer = initiative_fixtures.offer
on_team = initiative_fixtures.on_team
contribution = initiative_fixtures.contribution
snapshot = initiative_fixtures.snapshot

API = "/api/v1"
NOT_FOUND = {"detail": "Not found.", "errors": []}


def in_days(days: int):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def query_count(call) -> int:
    """Queries of one call, after a first (a token's first call of a minute starts its count)."""
    call()
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.content
    return len(queries)


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


# --- who may call ----------------------------------------------------------------------


def test_it_refuses_a_caller_without_a_token(client, initiative):
    response = client.get(f"{API}/initiatives")
    assert response.status_code == 401


def test_a_read_token_may_not_write_and_nothing_is_written(client, ana):
    response = client.post(
        f"{API}/initiatives",
        {"title": "Cost reports", "problem": "Nobody knows", "ends_on": in_days(30)},
        content_type="application/json",
        **bearer(ana, "read"),
    )
    assert response.status_code == 403
    assert not Initiative.objects.exists()


# --- the list ----------------------------------------------------------------------------


def test_the_list_shows_open_initiatives_and_no_one_elses_draft(client, ben, initiative, draft):
    response = client.get(f"{API}/initiatives", **bearer(ben))
    assert response.status_code == 200
    listed = [item["id"] for item in response.json()["results"]]
    assert listed == [initiative.pk]
    assert response.json()["results"][0]["lead"]["display_name"] == "Carla Mendes"


def test_the_lead_finds_their_own_draft_among_those_they_lead(client, carla, initiative, draft):
    response = client.get(f"{API}/initiatives?show=led", **bearer(carla))
    assert {item["id"] for item in response.json()["results"]} == {initiative.pk, draft.pk}


def test_done_initiatives_are_their_own_tab(client, ben, carla, initiative):
    services.initiative_move(initiative=initiative, member=carla, to="done")
    assert client.get(f"{API}/initiatives", **bearer(ben)).json()["results"] == []
    done = client.get(f"{API}/initiatives?show=done", **bearer(ben)).json()["results"]
    assert [item["id"] for item in done] == [initiative.pk]


def test_joined_lists_the_initiatives_whose_team_you_are_on(client, ana, on_team, initiative):
    response = client.get(f"{API}/initiatives?show=joined", **bearer(ana))
    assert [item["id"] for item in response.json()["results"]] == [initiative.pk]


def test_a_bad_filter_is_a_422_naming_it(client, ben):
    response = client.get(f"{API}/initiatives?show=everything", **bearer(ben))
    assert response.status_code == 422
    assert fields_of(response) == {"show"}


def test_the_list_costs_the_same_queries_at_3_and_30_initiatives(client, ben, make_initiative):
    headers = bearer(ben)
    for n in range(3):
        make_initiative(title=f"Initiative {n}")
    few = query_count(lambda: client.get(f"{API}/initiatives", **headers))
    for n in range(27):
        make_initiative(title=f"More {n}")
    many = query_count(lambda: client.get(f"{API}/initiatives", **headers))
    assert few == many


# --- one initiative ------------------------------------------------------------------------


def test_writing_an_initiative_makes_a_draft_only_its_lead_sees(client, ana, ben):
    payload = {
        "title": "Kubernetes cost reports",
        "problem": "Nobody can say what each cluster costs.",
        "ends_on": in_days(30),
        "helpers_wanted": 3,
    }
    response = client.post(
        f"{API}/initiatives", payload, content_type="application/json", **bearer(ana)
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["state"] == "draft"
    assert made["is_lead"] is True
    assert made["next_states"] == ["open", "cancelled"]
    assert made["lead"]["id"] == ana.pk
    assert client.get(f"{API}/initiatives/{made['id']}", **bearer(ben)).json() == NOT_FOUND


def test_an_initiative_ending_in_the_past_is_refused_and_nothing_is_written(client, ana):
    payload = {"title": "Cost reports", "problem": "Nobody knows.", "ends_on": in_days(-1)}
    response = client.post(
        f"{API}/initiatives", payload, content_type="application/json", **bearer(ana)
    )
    assert response.status_code == 422
    assert "has passed" in response.json()["detail"]
    assert fields_of(response) == {"ends_on"}
    assert not Initiative.objects.exists()


def test_a_published_initiative_reads_as_its_page_shows_it(client, ben, initiative):
    response = client.get(f"{API}/initiatives/{initiative.pk}", **bearer(ben))
    assert response.status_code == 200
    seen = response.json()
    assert seen["title"] == "Kubernetes cost reports"
    assert seen["is_lead"] is False
    assert seen["on_team"] is False
    assert seen["next_states"] == []
    assert seen["offer_refusal"] is None


@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_someone_elses_draft_is_not_found(client, draft, who, request):
    caller = request.getfixturevalue(who)
    response = client.get(f"{API}/initiatives/{draft.pk}", **bearer(caller))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_its_lead_changes_it(client, carla, initiative):
    response = client.patch(
        f"{API}/initiatives/{initiative.pk}",
        {"title": "Cluster cost reports"},
        content_type="application/json",
        **bearer(carla),
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Cluster cost reports"
    initiative.refresh_from_db()
    assert initiative.title == "Cluster cost reports"


def test_nobody_else_changes_it_and_nothing_is_written(client, ben, initiative):
    before = snapshot()
    response = client.patch(
        f"{API}/initiatives/{initiative.pk}",
        {"title": "Mine now"},
        content_type="application/json",
        **bearer(ben),
    )
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert snapshot() == before


def test_a_change_the_service_refuses_is_a_422_and_nothing_is_written(client, carla, initiative):
    before = snapshot()
    response = client.patch(
        f"{API}/initiatives/{initiative.pk}",
        {"helpers_wanted": 0, "title": "Changed"},
        content_type="application/json",
        **bearer(carla),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "helpers_wanted", "message": "Ask for at least one helper."}
    ]
    assert snapshot() == before


def test_its_lead_opens_a_draft_and_then_marks_it_done(client, carla, draft):
    headers = bearer(carla)
    opened = client.post(
        f"{API}/initiatives/{draft.pk}/move",
        {"to": "open"},
        content_type="application/json",
        **headers,
    )
    assert opened.status_code == 200, opened.content
    assert opened.json()["state"] == "open"
    done = client.post(
        f"{API}/initiatives/{draft.pk}/move",
        {"to": "done"},
        content_type="application/json",
        **headers,
    )
    assert done.json()["state"] == "done"
    assert done.json()["next_states"] == []


def test_a_move_the_initiative_does_not_allow_is_a_422_and_nothing_is_written(
    client, carla, initiative
):
    services.initiative_move(initiative=initiative, member=carla, to="cancelled")
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/move",
        {"to": "open"},
        content_type="application/json",
        **bearer(carla),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "An initiative that is cancelled can't be moved to open."
    assert snapshot() == before


def test_only_its_lead_moves_it(client, ana, on_team, initiative):
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/move",
        {"to": "cancelled"},
        content_type="application/json",
        **bearer(ana),
    )
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert snapshot() == before


# --- volunteers ----------------------------------------------------------------------------


def test_the_lead_reads_every_offer_with_what_each_brings(client, carla, offer, initiative):
    response = client.get(f"{API}/initiatives/{initiative.pk}/volunteers", **bearer(carla))
    assert response.status_code == 200
    seen = response.json()
    assert [o["member"]["display_name"] for o in seen["offers"]] == ["Ana Lima"]
    assert seen["offers"][0]["brings"] == "I wrote our Terraform modules for the clusters."
    assert seen["offers"][0]["fit_score"] is None  # not worked out yet: nothing scored here
    assert seen["places_left"] == 2


def test_anyone_else_sees_the_team_but_no_offer_nor_what_it_brings(client, ben, offer, initiative):
    response = client.get(f"{API}/initiatives/{initiative.pk}/volunteers", **bearer(ben))
    seen = response.json()
    assert seen["offers"] is None
    assert seen["yours"] is None
    assert [m["display_name"] for m in seen["team"]] == ["Carla Mendes"]
    assert "Terraform modules" not in response.content.decode()


def test_a_volunteer_reads_their_own_offer(client, ana, offer, initiative):
    seen = client.get(f"{API}/initiatives/{initiative.pk}/volunteers", **bearer(ana)).json()
    assert seen["yours"]["id"] == offer.pk
    assert seen["yours"]["state"] == "applied"
    assert seen["offers"] is None


def test_a_member_offers_to_help(client, ben, carla, initiative):
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/volunteers",
        {"brings": "Usability testing of the report.", "wants_to_learn": "Go"},
        content_type="application/json",
        **bearer(ben),
    )
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "applied"
    assert Volunteer.objects.get(initiative=initiative, member=ben).brings.startswith("Usability")


def test_offering_twice_is_refused_and_nothing_is_written(client, ana, offer, initiative):
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/volunteers",
        {"brings": "Again"},
        content_type="application/json",
        **bearer(ana),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "You have already offered to help with this initiative."
    assert snapshot() == before


def test_nobody_offers_to_help_with_someone_elses_draft(client, ben, draft):
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{draft.pk}/volunteers",
        {"brings": "Anything"},
        content_type="application/json",
        **bearer(ben),
    )
    assert response.json() == NOT_FOUND
    assert snapshot() == before


def test_a_volunteer_withdraws_their_own_offer(client, ana, offer, initiative):
    response = client.delete(f"{API}/initiatives/{initiative.pk}/volunteers/mine", **bearer(ana))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"
    offer.refresh_from_db()
    assert offer.state == Volunteer.State.WITHDRAWN


def test_withdrawing_without_an_offer_is_not_found_and_leaves_others_offers(
    client, ben, offer, initiative
):
    response = client.delete(f"{API}/initiatives/{initiative.pk}/volunteers/mine", **bearer(ben))
    assert response.json() == NOT_FOUND
    offer.refresh_from_db()
    assert offer.state == Volunteer.State.APPLIED


def test_the_lead_welcomes_a_volunteer(client, carla, offer):
    response = client.post(f"{API}/volunteers/{offer.pk}/accept", **bearer(carla))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted"


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_nobody_but_the_lead_answers_an_offer(client, ana, ben, offer, answer):
    for caller in (ana, ben):
        before = snapshot()
        response = client.post(f"{API}/volunteers/{offer.pk}/{answer}", **bearer(caller))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        assert snapshot() == before


def test_answering_an_offer_twice_is_refused_and_nothing_is_written(client, carla, on_team):
    before = snapshot()
    response = client.post(f"{API}/volunteers/{on_team.pk}/decline", **bearer(carla))
    assert response.status_code == 422
    assert response.json()["detail"] == "This offer was answered already or withdrawn."
    assert snapshot() == before


# --- contributions -------------------------------------------------------------------------


def test_the_team_reads_its_contribution_log(client, carla, contribution, initiative):
    response = client.get(f"{API}/initiatives/{initiative.pk}/contributions", **bearer(carla))
    assert response.status_code == 200
    logged = response.json()["results"]
    assert [item["id"] for item in logged] == [contribution.pk]
    assert logged[0]["member"]["display_name"] == "Ana Lima"


@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_nobody_outside_the_team_reads_the_log(client, contribution, initiative, who, request):
    caller = request.getfixturevalue(who)
    response = client.get(f"{API}/initiatives/{initiative.pk}/contributions", **bearer(caller))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_the_log_costs_the_same_queries_at_3_and_30_contributions(
    client, carla, ana, on_team, initiative
):
    headers = bearer(carla)
    for n in range(3):
        services.contribution_log(initiative=initiative, member=ana, text=f"Step {n}")
    url = f"{API}/initiatives/{initiative.pk}/contributions"
    few = query_count(lambda: client.get(url, **headers))
    for n in range(27):
        services.contribution_log(initiative=initiative, member=ana, text=f"More {n}")
    assert query_count(lambda: client.get(url, **headers)) == few


def test_a_team_member_logs_what_they_did(client, ana, on_team, initiative):
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/contributions",
        {"text": "Wrote the cost query.", "link": "https://git.example.org/pull/7"},
        content_type="application/json",
        **bearer(ana),
    )
    assert response.status_code == 201, response.content
    assert Contribution.objects.get(pk=response.json()["id"]).text == "Wrote the cost query."


def test_nobody_outside_the_team_logs_work_and_nothing_is_written(client, ben, initiative):
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/contributions",
        {"text": "I did it all."},
        content_type="application/json",
        **bearer(ben),
    )
    assert response.json() == NOT_FOUND
    assert snapshot() == before


def test_a_contribution_with_a_bad_link_is_refused_and_nothing_is_written(
    client, ana, on_team, initiative
):
    before = snapshot()
    response = client.post(
        f"{API}/initiatives/{initiative.pk}/contributions",
        {"text": "Wrote the cost query.", "link": "javascript:alert(1)"},
        content_type="application/json",
        **bearer(ana),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "link", "message": "Give a web address starting with https:// or http://."}
    ]
    assert snapshot() == before


# --- observations --------------------------------------------------------------------------

SEEN = "Ana walked the team through the node-pool tags and wrote the runbook for them."


def test_a_teammate_records_what_they_saw_with_the_linters_findings(
    client, carla, ana, contribution
):
    response = client.post(
        f"{API}/contributions/{contribution.pk}/observations",
        {"text": "She is great and very smart.", "seen_on": in_days(0)},
        content_type="application/json",
        **bearer(carla),
    )
    assert response.status_code == 201, response.content
    recorded = response.json()
    assert recorded["subject"]["id"] == ana.pk
    assert recorded["initiative_id"] == contribution.initiative_id
    assert recorded["findings"], "the linter notices praise that names no work"
    first = recorded["findings"][0]
    assert first["quote"] == recorded["text"][first["start"] : first["end"]]
    assert Observation.objects.get(pk=recorded["id"]).observer_id == carla.pk


def test_observing_ones_own_contribution_is_refused_and_nothing_is_written(
    client, ana, contribution
):
    before = snapshot()
    response = client.post(
        f"{API}/contributions/{contribution.pk}/observations",
        {"text": SEEN, "seen_on": in_days(0)},
        content_type="application/json",
        **bearer(ana),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "You can't record an observation about yourself."
    assert snapshot() == before


def test_an_observation_dated_in_the_future_is_refused_and_nothing_is_written(
    client, carla, contribution
):
    before = snapshot()
    response = client.post(
        f"{API}/contributions/{contribution.pk}/observations",
        {"text": SEEN, "seen_on": in_days(3)},
        content_type="application/json",
        **bearer(carla),
    )
    assert response.status_code == 422
    assert fields_of(response) == {"seen_on"}
    assert snapshot() == before


@pytest.fixture
def observation(carla, ana, contribution) -> Observation:
    """Carla's observation of Ana's work on the initiative, not shown on Ana's profile."""
    return services.observation_record(
        observer=carla,
        subject=ana,
        initiative=contribution.initiative,
        text=SEEN,
        seen_on=timezone.localdate(),
    )


@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_nobody_outside_the_team_reads_or_observes_a_contribution(
    client, contribution, observation, who, request
):
    headers = bearer(request.getfixturevalue(who))
    url = f"{API}/contributions/{contribution.pk}/observations"
    assert client.get(url, **headers).json() == NOT_FOUND
    before = snapshot()
    posted = client.post(
        url, {"text": SEEN, "seen_on": in_days(0)}, content_type="application/json", **headers
    )
    assert posted.json() == NOT_FOUND
    assert snapshot() == before


def test_the_subject_reads_the_observations_of_their_contribution(
    client, ana, contribution, observation
):
    response = client.get(f"{API}/contributions/{contribution.pk}/observations", **bearer(ana))
    assert [item["text"] for item in response.json()["results"]] == [SEEN]


def test_an_observation_is_its_observers_and_its_subjects_alone(
    client, carla, ana, ben, organiser, observation
):
    url = f"{API}/observations/{observation.pk}"
    assert client.get(url, **bearer(carla)).json()["text"] == SEEN
    assert client.get(url, **bearer(ana)).json()["text"] == SEEN
    for outsider in (ben, organiser):
        response = client.get(url, **bearer(outsider))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def test_only_the_subject_shows_an_observation_on_their_profile(client, carla, ana, observation):
    url = f"{API}/observations/{observation.pk}"
    refused = client.patch(
        url, {"shown_on_profile": True}, content_type="application/json", **bearer(carla)
    )
    assert refused.json() == NOT_FOUND
    observation.refresh_from_db()
    assert observation.shown_on_profile is False
    shown = client.patch(
        url, {"shown_on_profile": True}, content_type="application/json", **bearer(ana)
    )
    assert shown.status_code == 200, shown.content
    observation.refresh_from_db()
    assert observation.shown_on_profile is True


def test_only_the_observer_takes_an_observation_back(client, carla, ana, ben, observation):
    url = f"{API}/observations/{observation.pk}"
    for someone_else in (ana, ben):
        response = client.delete(url, **bearer(someone_else))
        assert response.json() == NOT_FOUND
        assert Observation.objects.filter(pk=observation.pk).exists()
    taken_back = client.delete(url, **bearer(carla))
    assert taken_back.status_code == 200, taken_back.content
    assert taken_back.json()["id"] == observation.pk
    assert not Observation.objects.filter(pk=observation.pk).exists()


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("get", "", None),
        ("patch", "", {"title": "Mine now"}),
        ("post", "/move", {"to": "open"}),
        ("get", "/volunteers", None),
        ("post", "/volunteers", {"brings": "Everything"}),
        ("delete", "/volunteers/mine", None),
        ("get", "/contributions", None),
        ("post", "/contributions", {"text": "I did it."}),
    ],
)
@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_every_operation_on_someone_elses_draft_is_not_found_and_writes_nothing(
    client, draft, who, method, path, payload, request
):
    headers = bearer(request.getfixturevalue(who))
    before = snapshot()
    url = f"{API}/initiatives/{draft.pk}{path}"
    if payload is None:
        response = getattr(client, method)(url, **headers)
    else:
        response = getattr(client, method)(url, payload, content_type="application/json", **headers)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert snapshot() == before


def test_an_id_that_is_not_a_number_answers_the_api_404_even_with_a_session_cookie(ana):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ana.user)
    browser.cookies["csrftoken"] = "x" * 32
    response = browser.patch(
        f"{API}/initiatives/3.5e-161", {"title": "X"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_the_observations_of_a_contribution_cost_the_same_queries_at_3_and_30(
    client, carla, ana, contribution
):
    headers = bearer(ana)
    url = f"{API}/contributions/{contribution.pk}/observations"

    def observe(count: int) -> None:
        for n in range(count):
            services.observation_record(
                observer=carla,
                subject=ana,
                initiative=contribution.initiative,
                text=f"{SEEN} ({n})",
                seen_on=timezone.localdate(),
            )

    observe(3)
    few = query_count(lambda: client.get(url, **headers))
    observe(27)
    assert query_count(lambda: client.get(url, **headers)) == few
    assert len(client.get(url, **headers).json()["results"]) == 30


def test_a_member_lists_the_observations_about_them_and_those_they_wrote(
    client, carla, ana, ben, observation
):
    about = client.get(f"{API}/observations", **bearer(ana)).json()["results"]
    assert [item["id"] for item in about] == [observation.pk]
    written = client.get(f"{API}/observations?show=written", **bearer(carla)).json()["results"]
    assert [item["id"] for item in written] == [observation.pk]
    assert client.get(f"{API}/observations?show=written", **bearer(ana)).json()["results"] == []
    for outsider_list in ("about_me", "written"):
        response = client.get(f"{API}/observations?show={outsider_list}", **bearer(ben))
        assert response.json()["results"] == []


def test_a_bad_observation_list_is_a_422_naming_it(client, ana):
    response = client.get(f"{API}/observations?show=everyone", **bearer(ana))
    assert response.status_code == 422
    assert fields_of(response) == {"show"}


def test_the_observations_about_a_member_cost_the_same_queries_at_3_and_30(
    client, carla, ana, contribution
):
    headers = bearer(ana)

    def observe(count: int) -> None:
        for n in range(count):
            services.observation_record(
                observer=carla, subject=ana, text=f"{SEEN} ({n})", seen_on=timezone.localdate()
            )

    observe(3)
    few = query_count(lambda: client.get(f"{API}/observations", **headers))
    observe(27)
    assert query_count(lambda: client.get(f"{API}/observations", **headers)) == few


def test_a_member_removes_their_own_contribution_and_nobody_elses(
    client, carla, ana, ben, contribution
):
    url = f"{API}/contributions/{contribution.pk}"
    for someone_else in (carla, ben):  # the lead reads the log, but it is Ana's to remove
        before = snapshot()
        response = client.delete(url, **bearer(someone_else))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        assert snapshot() == before
    removed = client.delete(url, **bearer(ana))
    assert removed.status_code == 200, removed.content
    assert removed.json()["id"] == contribution.pk
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
