"""Sending in the worker, against a real HTTP receiver on 127.0.0.1: signatures checked,
timeouts, retries with backoff, Retry-After, giving up, and addresses refused at delivery."""

import json
import time
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from trellis.integrations.chat import services
from trellis.integrations.chat.models import Delivery, Webhook
from trellis.integrations.chat.tests.conftest import Reply
from trellis.integrations.chat.tests.test_formats import verify

Status = Delivery.Status


def send_test(webhook: Webhook, organiser) -> tuple[Delivery, datetime]:
    """Queue a test message and have the worker try it: the delivery, and when it tried."""
    delivery = services.webhook_test_send(webhook_id=webhook.pk, organiser=organiser.user)
    now = timezone.now()
    services.deliveries_send_due(now=now)
    delivery.refresh_from_db()
    return delivery, now


def test_a_signed_message_reaches_the_receiver_which_verifies_its_signature(
    receiver, make_webhook, organiser
):
    webhook, secret = make_webhook(receiver.url)

    delivery, _ = send_test(webhook, organiser)

    (got,) = receiver.received
    assert verify(secret, got.headers, got.body, now=int(time.time()))
    assert got.headers["X-Trellis-Delivery"] == str(delivery.uid)
    assert got.headers["X-Trellis-Event"] == "test"
    assert got.path == "/hooks/T000/B000/XXXX"
    assert json.loads(got.body)["delivery"] == str(delivery.uid)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Status.SENT, 1, 200)
    assert delivery.sent_at is not None and delivery.next_attempt_at is None


def test_the_worker_sends_what_a_request_queued_once_it_commits(
    receiver, make_webhook, organiser, django_capture_on_commit_callbacks
):
    webhook, _ = make_webhook(receiver.url, Webhook.Format.SLACK)

    with django_capture_on_commit_callbacks(execute=True):
        services.webhook_test_send(webhook_id=webhook.pk, organiser=organiser.user)

    assert Delivery.objects.get().status == Status.SENT
    assert set(json.loads(receiver.received[0].body)) == {"text", "blocks"}
    assert "X-Trellis-Signature" not in receiver.received[0].headers


def test_a_receiver_slower_than_the_timeout_fails_the_attempt_and_it_is_retried_later(
    receiver, make_webhook, organiser
):
    receiver.answer(Reply(sleep=2.5))  # the timeout is 1 s
    webhook, _ = make_webhook(receiver.url)
    delivery, before = send_test(webhook, organiser)

    assert delivery.status == Status.FAILED
    assert delivery.attempts == 1 and delivery.last_status_code is None
    assert "No answer within 1 s" in delivery.last_error
    # The first retry waits a minute, give or take a fifth.
    wait = delivery.next_attempt_at - before
    assert timedelta(seconds=48) <= wait <= timedelta(seconds=72)


def test_a_500_then_a_200_is_sent_on_the_retry_with_both_attempts_recorded(
    receiver, make_webhook, organiser
):
    receiver.answer(Reply(status=500), Reply(status=200))
    webhook, secret = make_webhook(receiver.url)
    delivery, now = send_test(webhook, organiser)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        Status.FAILED,
        1,
        500,
    )
    # Not due yet: nothing is sent again before the backoff has passed.
    assert services.deliveries_send_due(now=now + timedelta(seconds=30)).tried == 0

    report = services.deliveries_send_due(now=now + timedelta(minutes=2))
    delivery.refresh_from_db()

    assert report.sent == 1
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Status.SENT, 2, 200)
    first, second = receiver.received
    # The same delivery id both times (receivers drop duplicates), signed afresh each time.
    assert first.headers["X-Trellis-Delivery"] == second.headers["X-Trellis-Delivery"]
    assert first.body == second.body
    assert verify(secret, second.headers, second.body, now=int(time.time()))


def test_a_410_is_given_up_at_once(receiver, make_webhook, organiser):
    receiver.answer(Reply(status=410))
    webhook, _ = make_webhook(receiver.url)

    delivery, _ = send_test(webhook, organiser)

    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        Status.GIVEN_UP,
        1,
        410,
    )
    assert delivery.next_attempt_at is None
    assert services.deliveries_send_due(now=timezone.now() + timedelta(days=2)).tried == 0
    assert len(receiver.received) == 1


@pytest.mark.parametrize("status", [408, 429, 502, 503])
def test_408_429_and_5xx_are_retried(receiver, make_webhook, organiser, status):
    receiver.answer(Reply(status=status))
    webhook, _ = make_webhook(receiver.url)

    assert send_test(webhook, organiser)[0].status == Status.FAILED


def test_retry_after_is_honoured(receiver, make_webhook, organiser):
    receiver.answer(Reply(status=429, headers={"Retry-After": "7200"}))
    webhook, _ = make_webhook(receiver.url)
    delivery, now = send_test(webhook, organiser)

    assert delivery.next_attempt_at - now >= timedelta(hours=2)
    assert services.deliveries_send_due(now=now + timedelta(hours=1)).tried == 0


def test_the_backoff_grows_and_the_last_attempt_gives_up(
    receiver, make_webhook, organiser, settings
):
    settings.CHAT_MAX_ATTEMPTS = 4
    receiver.answer(Reply(status=503))
    webhook, _ = make_webhook(receiver.url)
    delivery, now = send_test(webhook, organiser)
    waits = []
    while delivery.status == Status.FAILED:
        waits.append(delivery.next_attempt_at - now)
        now = delivery.next_attempt_at
        services.deliveries_send_due(now=now)
        delivery.refresh_from_db()

    assert delivery.status == Status.GIVEN_UP
    assert delivery.attempts == 4 and len(receiver.received) == 4
    steps = [round(w.total_seconds() / s) for w, s in zip(waits, (60, 300, 1800), strict=True)]
    assert steps == [1, 1, 1]  # about 1 min, 5 min, 30 min


def test_an_address_allowed_when_saved_but_refused_when_sent_is_given_up_unsent(
    receiver, make_webhook, organiser, settings
):
    webhook, _ = make_webhook(receiver.url.replace("127.0.0.1", "localhost"))
    settings.CHAT_ALLOW_HTTP_LOOPBACK = False  # e.g. a setting changed since

    delivery, _ = send_test(webhook, organiser)

    assert delivery.status == Status.GIVEN_UP
    assert delivery.last_error.startswith("Refused:")
    assert receiver.received == []


def test_an_address_nobody_listens_on_is_a_connection_error_retried(
    make_webhook, organiser, receiver
):
    url = receiver.url
    receiver.stop()  # the port is free again: the connection is refused
    webhook, _ = make_webhook(url)

    delivery, _ = send_test(webhook, organiser)

    assert delivery.status == Status.FAILED
    assert "ConnectionRefusedError" in delivery.last_error


def test_two_workers_never_send_one_delivery_twice(receiver, make_webhook, organiser):
    webhook, _ = make_webhook(receiver.url)
    delivery = services.webhook_test_send(webhook_id=webhook.pk, organiser=organiser.user)
    now = timezone.now()

    first = services.delivery_attempt(delivery_id=delivery.pk, now=now)
    second = services.delivery_attempt(delivery_id=delivery.pk, now=now)

    assert (first, second) == (Status.SENT, None)
    assert len(receiver.received) == 1


def test_nothing_is_sent_once_chat_webhooks_are_switched_off(
    receiver, make_webhook, organiser, settings
):
    webhook, _ = make_webhook(receiver.url)
    settings.CHAT_WEBHOOKS_ENABLED = False

    delivery, _ = send_test(webhook, organiser)

    assert delivery.status == Status.GIVEN_UP
    assert receiver.received == []


def test_finished_deliveries_are_deleted_after_thirty_days_and_waiting_ones_kept(
    make_webhook, receiver, organiser
):
    webhook, _ = make_webhook(receiver.url)
    old = timezone.now() - timedelta(days=31)
    for status in (Status.SENT, Status.GIVEN_UP, Status.FAILED, Status.PENDING):
        delivery = Delivery.objects.create(webhook=webhook, event="test", body="{}", status=status)
        Delivery.objects.filter(pk=delivery.pk).update(created_at=old)
    recent = Delivery.objects.create(webhook=webhook, event="test", body="{}", status=Status.SENT)

    assert services.deliveries_prune() == 2

    kept = set(Delivery.objects.values_list("status", flat=True))
    assert kept == {Status.FAILED, Status.PENDING, Status.SENT}
    assert Delivery.objects.filter(pk=recent.pk).exists()
