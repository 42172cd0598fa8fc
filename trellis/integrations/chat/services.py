"""Writes for chat webhooks: configuring them, queuing news for them, and sending it.

Every function is keyword-only; those that write are one transaction. Sending happens in
the background worker (`tasks.py`): a request or a signal only writes Delivery rows and
queues the worker on commit.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trellis.accounts.secrets import new_secret
from trellis.audit.log import record
from trellis.db.worker import enqueue_on_commit
from trellis.integrations.chat import news as news_of
from trellis.integrations.chat import sending
from trellis.integrations.chat.addresses import (
    AddressRefused,
    Allowances,
    resolve,
    shown_url,
    url_problem,
)
from trellis.integrations.chat.formats import News, body_for, headers_for
from trellis.integrations.chat.models import Delivery, Webhook
from trellis.matching import services as matching
from trellis.people.models import Topic

Status = Delivery.Status
# Waits before each retry (1 min, 5 min, 30 min, 2 h, then 6 h), each give or take a fifth
# so that many deliveries failed together do not all come back at the same moment.
BACKOFF_SECONDS = (60, 300, 1800, 7200, 21600)
JITTER = 0.2
LONGEST_RETRY_AFTER = timedelta(days=1)  # a receiver asking for more is read as a day
NUDGE_EVERY = timedelta(days=7)
# Sent and given-up deliveries are kept this long, for the webhook's page, then deleted.
DELIVERIES_KEPT = timedelta(days=30)
BATCH = 100  # deliveries one worker run sends before queuing another run
EDITABLE = ("name", "format", "on_round_published", "on_initiative_opened", "nudge_topic")


def chat_enabled() -> bool:
    return bool(settings.CHAT_WEBHOOKS_ENABLED)


def allowances() -> Allowances:
    return Allowances(
        http_loopback=settings.CHAT_ALLOW_HTTP_LOOPBACK,
        private=settings.CHAT_ALLOW_PRIVATE_ADDRESSES,
    )


def _check_organiser(user) -> None:
    if not (user.is_organiser or user.is_superuser):
        raise PermissionError("Only organisers configure chat webhooks.")


def _checked(webhook: Webhook) -> None:
    """ValidationError naming each field that is wrong, the address's rule included."""
    problems: dict[str, list[str]] = {}
    try:
        webhook.full_clean(exclude=["created_by"])
    except ValidationError as error:
        problems = error.message_dict
    problem = url_problem(webhook.url, allowances()) if "url" not in problems else None
    if problem:
        problems["url"] = [problem]
    if not (webhook.on_round_published or webhook.on_initiative_opened or webhook.nudge_topic):
        problems.setdefault("__all__", []).append(
            "Choose at least one thing to send: a round published, an initiative looking "
            "for volunteers, or a weekly topic."
        )
    if problems:
        raise ValidationError(problems)


def _audit_details(webhook: Webhook) -> dict:
    # The address's host only: the rest of a Slack or Teams address is its secret.
    return {
        "target": f"webhook {webhook.pk}",
        "name": webhook.name,
        "format": webhook.format,
        "address": shown_url(webhook.url),
        "active": webhook.active,
    }


@transaction.atomic
def webhook_create(
    *,
    organiser,
    name: str,
    url: str,
    format: str,
    on_round_published: bool = False,
    on_initiative_opened: bool = False,
    nudge_topic: Topic | None = None,
    active: bool = True,
) -> tuple[Webhook, str]:
    """Save a webhook; returns it and, for the signed format, its secret (shown once)."""
    _check_organiser(organiser)
    webhook = Webhook(
        name=name.strip(),
        url=url.strip(),
        format=format,
        on_round_published=on_round_published,
        on_initiative_opened=on_initiative_opened,
        nudge_topic=nudge_topic,
        active=active,
        created_by=organiser,
    )
    _checked(webhook)
    secret = new_secret() if webhook.signed else ""
    webhook.secret = secret
    webhook.save()
    if nudge_topic is not None:
        matching.helpers_request(topic=nudge_topic)  # the worker keeps its list from now on
    record("webhook.created", actor=organiser, **_audit_details(webhook))
    return webhook, secret


@transaction.atomic
def webhook_update(*, webhook_id: int, organiser, url: str = "", active: bool, **fields) -> Webhook:
    """Change a webhook; an empty `url` keeps the address it has. Switching to the signed
    format makes a new secret (the page shows `webhook.secret` that once); leaving it
    forgets the secret."""
    _check_organiser(organiser)
    webhook = Webhook.objects.select_for_update().get(pk=webhook_id)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not a webhook setting: {', '.join(sorted(unknown))}")
    topic_before = webhook.nudge_topic_id
    for key, value in fields.items():
        setattr(webhook, key, value.strip() if isinstance(value, str) else value)
    webhook.active = active
    if url.strip():
        webhook.url = url.strip()
    _checked(webhook)
    if not webhook.signed:
        webhook.secret = ""
    elif not webhook.secret:
        webhook.secret = new_secret()
    webhook.save()
    if webhook.nudge_topic_id and webhook.nudge_topic_id != topic_before:
        matching.helpers_request(topic=webhook.nudge_topic)
    record("webhook.changed", actor=organiser, **_audit_details(webhook))
    return webhook


@transaction.atomic
def webhook_delete(*, webhook_id: int, organiser) -> None:
    """Delete a webhook and its deliveries (those still waiting are never sent)."""
    _check_organiser(organiser)
    webhook = Webhook.objects.select_for_update().get(pk=webhook_id)
    record("webhook.deleted", actor=organiser, **_audit_details(webhook))
    webhook.delete()


def _delivery(webhook: Webhook, news: News, now: datetime) -> Delivery:
    delivery = Delivery(webhook=webhook, event=news.event, next_attempt_at=now)
    delivery.body = body_for(
        webhook.format, news, delivery=str(delivery.uid), occurred_at=now.isoformat()
    )
    return delivery


@transaction.atomic
def news_announce(
    *, news: News, webhooks: list[Webhook], now: datetime | None = None
) -> list[Delivery]:
    """One Delivery per webhook for `news`, sent by the worker once this commits."""
    now = now or timezone.now()
    made = Delivery.objects.bulk_create([_delivery(w, news, now) for w in webhooks])
    if made:
        enqueue_on_commit(tasks().send_due_deliveries_task)
    return made


def tasks():
    from trellis.integrations.chat import tasks as module  # tasks import this module

    return module


@transaction.atomic
def webhook_test_send(*, webhook_id: int, organiser) -> Delivery:
    """Queue a test message to one webhook (sent even while it is switched off)."""
    _check_organiser(organiser)
    webhook = Webhook.objects.get(pk=webhook_id)
    return news_announce(news=news_of.trial_news(webhook), webhooks=[webhook])[0]


def subscribers(*, event: str) -> list[Webhook]:
    """The active webhooks that asked for `event` (none while chat is off)."""
    if not chat_enabled():
        return []
    wanted = {
        Delivery.Event.ROUND_PUBLISHED: Q(on_round_published=True),
        Delivery.Event.INITIATIVE_OPENED: Q(on_initiative_opened=True),
    }[event]
    return list(Webhook.objects.filter(wanted, active=True))


@transaction.atomic
def nudges_queue(*, now: datetime | None = None) -> int:
    """The weekly "who could help" message of each webhook that wants one and had none for
    a week: how many were queued. A topic nobody could help with this week sends nothing
    (its week still counts). Reads the lists the worker keeps; works nothing out."""
    if not chat_enabled():
        return 0
    now = now or timezone.now()
    due = (
        # "of self": PostgreSQL locks no row on the nullable side of the topic's join.
        Webhook.objects.select_for_update(of=("self",))
        .filter(active=True, nudge_topic__isnull=False)
        .filter(Q(last_nudged_at__isnull=True) | Q(last_nudged_at__lte=now - NUDGE_EVERY))
        .select_related("nudge_topic")
    )
    queued = 0
    for webhook in due:
        count = news_of.could_help_count(webhook.nudge_topic)
        if count:
            news = news_of.weekly_nudge_news(webhook.nudge_topic, count)
            news_announce(news=news, webhooks=[webhook], now=now)
            queued += 1
        Webhook.objects.filter(pk=webhook.pk).update(last_nudged_at=now)
    return queued


# Sending, in the background worker.


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0
    given_up: int = 0

    @property
    def tried(self) -> int:
        return self.sent + self.failed + self.given_up


def _due(now: datetime):
    return Delivery.objects.filter(
        status__in=(Status.PENDING, Status.FAILED), next_attempt_at__lte=now
    )


def deliveries_due_count(*, now: datetime | None = None) -> int:
    return _due(now or timezone.now()).count()


def deliveries_send_due(*, now: datetime | None = None, limit: int = BATCH) -> SendReport:
    """Try every delivery that is due, oldest first, at most `limit`: what became of them."""
    now = now or timezone.now()
    ids = list(_due(now).order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    outcomes = [delivery_attempt(delivery_id=i, now=now) for i in ids]
    return SendReport(
        sent=outcomes.count(Status.SENT),
        failed=outcomes.count(Status.FAILED),
        given_up=outcomes.count(Status.GIVEN_UP),
    )


def _claimed(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for this attempt, so that two workers never send it twice: its
    next attempt moves past the time this one may take."""
    lease = timedelta(seconds=3 * settings.CHAT_TIMEOUT_SECONDS + 60)
    return bool(_due(now).filter(pk=delivery_id).update(next_attempt_at=now + lease))


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> str | None:
    """Send one due delivery once and record how it went: its new status (None when it was
    not due, or another worker took it)."""
    now = now or timezone.now()
    if not _claimed(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    answer = _send(delivery)
    return _record(delivery, answer, now=now)


def _send(delivery: Delivery) -> sending.Answer:
    webhook = delivery.webhook
    if not chat_enabled():
        return sending.Answer(
            error="Chat webhooks are switched off (TRELLIS_CHAT_WEBHOOKS).", final=True
        )
    try:
        target = resolve(webhook.url, allowances())
    except AddressRefused as refused:
        return sending.Answer(error=f"Refused: {refused}", final=True)
    except OSError as error:
        return sending.Answer(error=str(error)[:300])
    body = delivery.body.encode()
    headers = headers_for(
        event=delivery.event,
        delivery=str(delivery.uid),
        body=body,
        timestamp=int(time.time()),
        secret=webhook.secret if webhook.signed else None,
    )
    return sending.post(target, body=body, headers=headers, timeout=settings.CHAT_TIMEOUT_SECONDS)


def _outcome(answer: sending.Answer) -> str:
    """2xx: sent. A refused address, a switched-off feature, 3xx or 4xx other than 408 and
    429: given up (trying again would not help). 5xx, 408, 429 and network faults: retry."""
    if answer.final:
        return Status.GIVEN_UP
    if answer.status is None:
        return Status.FAILED
    if 200 <= answer.status < 300:
        return Status.SENT
    if answer.status in (408, 429) or answer.status >= 500:
        return Status.FAILED
    return Status.GIVEN_UP


def retry_delay(*, attempts: int, retry_after_seconds: float | None) -> timedelta:
    """How long to wait after the `attempts`th failed attempt: the backoff step with
    jitter, or longer when the receiver asked (Retry-After, at most a day)."""
    step = BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1]
    delay = timedelta(seconds=step * random.uniform(1 - JITTER, 1 + JITTER))
    if retry_after_seconds is not None:
        asked = min(timedelta(seconds=retry_after_seconds), LONGEST_RETRY_AFTER)
        delay = max(delay, asked)
    return delay


@transaction.atomic
def _record(delivery: Delivery, answer: sending.Answer, *, now: datetime) -> str:
    status = _outcome(answer)
    delivery.attempts += 1
    delivery.last_status_code = answer.status
    delivery.last_error = answer.error[:300]
    delivery.next_attempt_at = None
    if status == Status.SENT:
        delivery.sent_at = timezone.now()
    elif status == Status.FAILED:
        if delivery.attempts >= settings.CHAT_MAX_ATTEMPTS:
            status = Status.GIVEN_UP
        else:
            delay = retry_delay(
                attempts=delivery.attempts, retry_after_seconds=answer.retry_after_seconds
            )
            delivery.next_attempt_at = now + delay
            tasks().retry_later(at=delivery.next_attempt_at)
    delivery.status = status
    delivery.save(
        update_fields=[
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "sent_at",
            "status",
        ]
    )
    return status


def deliveries_retry_sweep(*, now: datetime | None = None) -> int:
    """The periodic sweep's part: queue the worker when deliveries are due (retries whose
    deferred run was lost, or a backend that cannot defer): how many are due."""
    if not chat_enabled():
        return 0
    due = deliveries_due_count(now=now)
    if due:
        enqueue_on_commit(tasks().send_due_deliveries_task)
    return due


def chat_sweep(*, now: datetime | None = None) -> str:
    """`trellis sweep`'s part: queue the weekly nudges that are due and the worker for any
    delivery due (a retry), and delete old finished deliveries; what it did, in words for
    the sweep's output ("" while off)."""
    if not chat_enabled():
        return ""
    nudges = nudges_queue(now=now)
    due = deliveries_retry_sweep(now=now)
    pruned = deliveries_prune(now=now)
    return (
        f"{nudges} weekly messages queued, {due} messages due to send, "
        f"{pruned} finished messages older than {DELIVERIES_KEPT.days} days deleted"
    )


@transaction.atomic
def deliveries_prune(*, now: datetime | None = None) -> int:
    """Delete the deliveries sent or given up more than DELIVERIES_KEPT ago (those still
    waiting stay, whatever their age): how many."""
    cutoff = (now or timezone.now()) - DELIVERIES_KEPT
    finished = Delivery.objects.filter(
        status__in=(Status.SENT, Status.GIVEN_UP), created_at__lt=cutoff
    )
    deleted, _ = finished.delete()
    return deleted
