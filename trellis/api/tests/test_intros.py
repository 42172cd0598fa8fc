"""/intros through the API: the same rules as the intro pages and the composer.

A sender never learns of a decline, a decline's reason is its decliner's alone, drafts are
their writer's alone, someone else's intro is 404 with no data, and a refused send is 422
with the reason and nothing written.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trellis.accounts.access_tokens import token_create
from trellis.api.tests.calls import NOT_FOUND_BODY, bearer
from trellis.connections import services
from trellis.connections.models import Intro, Relationship
from trellis.connections.tests.conftest import GROUNDED
from trellis.notifications.models import Notification

SECRET_REASON = "SECRET-REASON-only-ben-reads"
MENTOR_ASK = "Will you be my mentor?"


def post(client, url: str, body: dict, auth: dict):
    return client.post(url, body, content_type="application/json", **auth)


@pytest.fixture
def sent_intro(ana, ben) -> Intro:
    """Ana's grounded intro to Ben, waiting for his answer."""
    return services.intro_send(sender=ana, recipient=ben, message=GROUNDED)


def test_sending_an_intro_answers_201_with_the_linters_findings_and_tells_the_recipient(
    client, ana, ben
):
    sent = post(client, "/api/v1/intros", {"to": ben.pk, "message": MENTOR_ASK}, bearer(ana))

    assert sent.status_code == 201
    body = sent.json()
    assert body["state"] == "sent" and body["direction"] == "sent"
    assert body["findings"], "the ask linter notices a bare mentor ask"
    intro = Intro.objects.get(pk=body["id"])
    assert (intro.sender, intro.recipient, intro.state) == (ana, ben, Intro.State.SENT)
    assert Notification.objects.filter(
        recipient=ben, kind=Notification.Kind.INTRO_RECEIVED
    ).exists()


def test_the_recipient_reads_the_message_but_never_the_senders_findings(client, ana, ben):
    sent = post(client, "/api/v1/intros", {"to": ben.pk, "message": MENTOR_ASK}, bearer(ana))

    seen = client.get(f"/api/v1/intros/{sent.json()['id']}", **bearer(ben)).json()

    assert seen["message"] == MENTOR_ASK
    assert seen["findings"] == []
    assert seen["state"] == "sent" and seen["state_label"] == "Waiting for your answer"


def test_a_refused_send_is_422_with_the_reason_and_writes_nothing(client, ana, ben, sent_intro):
    before = Notification.objects.count()

    again = post(client, "/api/v1/intros", {"to": ben.pk, "message": GROUNDED}, bearer(ana))

    assert again.status_code == 422
    assert "You already have an intro waiting for Ben Okafor's answer." in again.json()["detail"]
    assert Intro.objects.count() == 1
    assert Notification.objects.count() == before


@pytest.mark.parametrize(
    ("message", "words"),
    [("   ", "Write a message before sending."), ("Hi\x07 Ben", "cannot contain")],
)
def test_a_bad_message_names_the_field_and_writes_nothing(client, ana, ben, message, words):
    refused = post(client, "/api/v1/intros", {"to": ben.pk, "message": message}, bearer(ana))

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "message"
    assert words in refused.json()["detail"]
    assert not Intro.objects.exists()


def test_compose_lints_the_message_and_sends_nothing(client, ana, ben):
    linted = post(
        client, "/api/v1/intros/compose", {"to": ben.pk, "message": MENTOR_ASK}, bearer(ana)
    )

    assert linted.status_code == 200
    body = linted.json()
    assert body["findings"] and body["findings"][0]["quote"]
    assert body["refusal"] is None and body["has_draft"] is False
    assert not Intro.objects.exists()
    assert not Notification.objects.exists()


def test_compose_without_a_message_offers_the_composers_grounded_draft(client, ana, ben):
    body = post(client, "/api/v1/intros/compose", {"to": ben.pk}, bearer(ana)).json()

    assert "k8s" in body["message"]
    assert body["shared"]


def test_compose_says_why_an_intro_cannot_be_sent(client, ana):
    body = post(client, "/api/v1/intros/compose", {"to": ana.pk}, bearer(ana)).json()

    assert body["refusal"] == "You can't send an intro to yourself."


def test_compose_from_a_post_that_is_not_the_recipients_is_404(client, ana, ben):
    answer = post(client, "/api/v1/intros/compose", {"to": ben.pk, "post": 999999}, bearer(ana))

    assert answer.status_code == 404
    assert answer.json() == NOT_FOUND_BODY


def test_the_sender_never_learns_of_a_decline(client, ana, ben, organiser, sent_intro):
    declined = post(
        client,
        f"/api/v1/intros/{sent_intro.pk}/decline",
        {"reason": SECRET_REASON},
        bearer(ben),
    )
    assert declined.status_code == 200
    assert declined.json()["state"] == "declined"
    assert declined.json()["decline_reason"] == SECRET_REASON

    as_sender = client.get(f"/api/v1/intros/{sent_intro.pk}", **bearer(ana))
    assert as_sender.json()["state"] == "sent"
    assert as_sender.json()["decline_reason"] is None
    assert SECRET_REASON not in as_sender.content.decode()
    assert "declined" not in as_sender.content.decode()
    ana_auth = bearer(ana)
    declined_list = client.get("/api/v1/intros?box=sent&state=declined", **ana_auth).json()
    waiting_list = client.get("/api/v1/intros?box=sent&state=sent", **ana_auth).json()
    assert declined_list["results"] == []
    assert [intro["id"] for intro in waiting_list["results"]] == [sent_intro.pk]
    as_organiser = client.get(f"/api/v1/intros/{sent_intro.pk}", **bearer(organiser))
    assert as_organiser.status_code == 404 and SECRET_REASON not in as_organiser.content.decode()


def test_past_its_expiry_a_declined_intro_reads_no_longer_open_to_its_sender(
    client, ana, ben, sent_intro
):
    services.intro_decline(intro=sent_intro, member=ben, reason="no")
    Intro.objects.filter(pk=sent_intro.pk).update(expires_at=timezone.now() - timedelta(days=1))

    listed = client.get("/api/v1/intros?box=sent&state=no_longer_open", **bearer(ana)).json()

    assert [intro["state"] for intro in listed["results"]] == ["no_longer_open"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("post", "/accept"),
        ("post", "/decline"),
        ("post", "/withdraw"),
    ],
)
def test_another_members_intro_is_404_with_no_data(
    client, carla, organiser, sent_intro, method, path
):
    for stranger in (carla, organiser):
        answer = getattr(client, method)(
            f"/api/v1/intros/{sent_intro.pk}{path}",
            content_type="application/json",
            **bearer(stranger),
        )
        assert answer.status_code == 404
        assert answer.json() == NOT_FOUND_BODY
    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.SENT


def test_its_sender_cannot_accept_or_decline_their_own_intro(client, ana, sent_intro):
    for action in ("accept", "decline"):
        answer = post(client, f"/api/v1/intros/{sent_intro.pk}/{action}", {}, bearer(ana))
        assert answer.status_code == 404
    assert not Relationship.objects.exists()


def test_accepting_starts_a_relationship_and_shows_how_to_reach_the_other(
    client, ana, ben, sent_intro
):
    accepted = post(client, f"/api/v1/intros/{sent_intro.pk}/accept", {}, bearer(ben))

    assert accepted.status_code == 200
    body = accepted.json()
    assert body["state"] == "accepted"
    assert body["relationship_id"] == Relationship.objects.get().pk
    assert body["contact"]["email"] == "ana@example.org"


def test_a_decline_reason_too_long_is_422_and_the_intro_still_waits(client, ben, sent_intro):
    too_long = post(
        client, f"/api/v1/intros/{sent_intro.pk}/decline", {"reason": "x" * 1001}, bearer(ben)
    )

    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "reason"
    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.SENT and sent_intro.decline_reason == ""


def test_accepting_an_intro_no_longer_open_is_422_and_writes_nothing(client, ana, ben, sent_intro):
    services.intro_withdraw(intro=sent_intro, member=ana)

    refused = post(client, f"/api/v1/intros/{sent_intro.pk}/accept", {}, bearer(ben))

    assert refused.status_code == 422
    assert refused.json()["detail"] == "This intro is no longer open."
    assert not Relationship.objects.exists()


def test_its_sender_withdraws_an_intro(client, ana, sent_intro):
    withdrawn = post(client, f"/api/v1/intros/{sent_intro.pk}/withdraw", {}, bearer(ana))

    assert withdrawn.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"


def test_drafts_are_their_writers_alone(client, ana, ben, carla, organiser):
    saved = post(client, "/api/v1/intros/drafts", {"to": ben.pk}, bearer(ana))
    assert saved.status_code == 201
    draft_id = saved.json()["id"]
    assert saved.json()["state"] == "draft"

    for stranger in (ben, carla, organiser):
        auth = bearer(stranger)
        for url in (f"/api/v1/intros/drafts/{draft_id}", f"/api/v1/intros/{draft_id}"):
            assert client.get(url, **auth).json() == NOT_FOUND_BODY
        assert client.delete(f"/api/v1/intros/drafts/{draft_id}", **auth).status_code == 404
        assert client.get("/api/v1/intros/drafts", **auth).json()["results"] == []
    assert Intro.objects.filter(pk=draft_id).exists()

    mine = client.get("/api/v1/intros/drafts", **bearer(ana)).json()["results"]
    assert [draft["id"] for draft in mine] == [draft_id]
    assert client.delete(f"/api/v1/intros/drafts/{draft_id}", **bearer(ana)).status_code == 204
    assert not Intro.objects.exists()


def test_sending_uses_the_saved_draft(client, ana, ben):
    draft_id = post(client, "/api/v1/intros/drafts", {"to": ben.pk}, bearer(ana)).json()["id"]

    sent = post(client, "/api/v1/intros", {"to": ben.pk, "message": GROUNDED}, bearer(ana))

    assert sent.json()["id"] == draft_id
    assert Intro.objects.get().state == Intro.State.SENT


def test_a_sent_intro_is_not_a_draft_to_delete(client, ana, sent_intro):
    answer = client.delete(f"/api/v1/intros/drafts/{sent_intro.pk}", **bearer(ana))

    assert answer.status_code == 404
    assert Intro.objects.get().state == Intro.State.SENT


def test_a_bad_filter_is_422_naming_the_field(client, ana):
    answer = client.get("/api/v1/intros?box=inbox", **bearer(ana))

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "box"


def test_a_read_token_cannot_send_and_no_token_is_401(client, ana, ben):
    refused = post(
        client, "/api/v1/intros", {"to": ben.pk, "message": GROUNDED}, bearer(ana, "read")
    )
    assert refused.status_code == 403
    assert client.get("/api/v1/intros").status_code == 401
    assert not Intro.objects.exists()


def _received_by(ana, make_member, count: int) -> None:
    now = timezone.now()
    senders = [make_member(f"Sender {n}") for n in range(count)]
    Intro.objects.bulk_create(
        Intro(
            sender=sender,
            recipient=ana,
            message="Hello",
            state=Intro.State.SENT,
            sent_at=now,
            expires_at=now + timedelta(days=14),
        )
        for sender in senders
    )


def test_the_list_costs_the_same_queries_for_3_intros_as_for_30(client, ana, make_member):
    auth = bearer(ana)
    client.get("/api/v1/intros", **auth)  # the token's first use of the minute is counted apart
    counts = []
    for more in (3, 27):
        _received_by(ana, make_member, more)
        with CaptureQueriesContext(connection) as queries:
            listed = client.get("/api/v1/intros?box=received", **auth)
        assert listed.status_code == 200
        counts.append((len(listed.json()["results"]), len(queries)))
    assert [shown for shown, _ in counts] == [3, 30]
    assert counts[0][1] == counts[1][1]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/intros", "/api/v1/relationships", "/api/v1/reflections", "/api/v1/suggestions"],
)
def test_an_operator_without_a_member_profile_gets_404_as_on_the_pages(
    client, django_user_model, sent_intro, path
):
    operator = django_user_model.objects.create_superuser("root@example.org", "pw-long-enough")
    secret = token_create(user=operator, name="ops", scope="read").secret

    answer = client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert answer.status_code == 404
    assert answer.json() == NOT_FOUND_BODY
