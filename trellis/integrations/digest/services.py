"""Queueing, building and sending the weekly digest, and the one-click unsubscribe.

`digest_sweep` (from `trellis sweep`) queues one run per ISO week; the worker's task
calls `digest_run_send`, which sends in batches of TRELLIS_DIGEST_BATCH_SIZE members:
for each batch a fixed number of queries, the members' deliveries written (in one
transaction) before any e-mail leaves, so a task run again after a crash skips whoever
was sent to and nobody gets a week's digest twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from trellis.db.worker import enqueue_on_commit
from trellis.integrations.digest import selectors
from trellis.integrations.digest.compose import digest_message, digest_text
from trellis.integrations.digest.models import DigestDelivery, DigestRun
from trellis.integrations.digest.tokens import member_id_of
from trellis.notifications.services import digest_preference_set
from trellis.people.models import Member

logger = logging.getLogger(__name__)
WEEK = timedelta(days=7)


class NothingToSay(Exception):
    """A member's digest would be empty this week, so none is written."""


def iso_week(moment: datetime) -> str:
    """The ISO week of `moment` in the site's time zone, e.g. "2026-W50"."""
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class SweepOutcome:
    """What the sweep did about the digest, in words for its output."""

    queued: bool
    words: str


@transaction.atomic
def digest_sweep(*, now: datetime) -> SweepOutcome:
    """Queue this week's digest once: on TRELLIS_DIGEST_WEEKDAY, or on the first sweep after
    it that week (a machine down on Monday still sends on Tuesday). Running it hourly
    queues nothing more: one DigestRun per ISO week."""
    if not settings.DIGEST_ENABLED:
        return SweepOutcome(False, "off (TRELLIS_DIGEST_ENABLED)")
    if timezone.localtime(now).weekday() < settings.DIGEST_WEEKDAY:
        return SweepOutcome(False, "not due yet this week")
    run, created = DigestRun.objects.get_or_create(week=iso_week(now))
    if not created:
        return SweepOutcome(False, f"{run.week} already queued ({run.get_state_display()})")
    _enqueue(run)
    return SweepOutcome(True, f"{run.week} queued (the worker sends it)")


def _enqueue(run: DigestRun) -> None:
    from trellis.integrations.digest.tasks import send_digest_task

    enqueue_on_commit(send_digest_task, run_id=run.pk)


def digest_run_for_now(*, now: datetime) -> DigestRun:
    """This week's run, made if there is none yet (for `trellis digest --send-now`)."""
    return DigestRun.objects.get_or_create(week=iso_week(now))[0]


@dataclass(frozen=True)
class BatchOutcome:
    """One batch: the last member id looked at, e-mails sent and members skipped."""

    last_id: int
    sent: int
    skipped: int


def digest_batch_send(
    *, run: DigestRun, after_id: int, news: selectors.WeekNews, now: datetime, size: int
) -> BatchOutcome | None:
    """Build and send the digests of the next `size` members after `after_id`; None when
    no member is left. A fixed number of queries whatever `size` (batch readers, one
    insert, one update); members with nothing to say are skipped."""
    members = selectors.recipients(run=run, after_id=after_id, limit=size)
    if not members:
        return None
    digests = selectors.digests_for(members=members, news=news, now=now)
    to_send = [digest for digest in digests if not digest.is_empty]
    sent_ids = _write_down_and_send(run, to_send) if to_send else set()
    if sent_ids:
        DigestDelivery.objects.filter(run=run, member_id__in=sent_ids).update(
            sent_at=timezone.now()
        )
    skipped = len(digests) - len(to_send)
    DigestRun.objects.filter(pk=run.pk).update(
        sent=F("sent") + len(sent_ids), skipped=F("skipped") + skipped
    )
    return BatchOutcome(members[-1].pk, len(sent_ids), skipped)


def _write_down_and_send(run: DigestRun, digests: list[selectors.Digest]) -> set[int]:
    """Send each digest over one connection; returns the ids of the members sent to.

    The mail server's connection is opened first: when it cannot be, this raises with
    nothing written, and the task run again sends the batch. The deliveries are then
    written (and committed) before anything is sent, so a crash part way loses a few
    e-mails of this batch at worst and never sends one twice; a message the server
    refuses is logged and not retried.
    """
    sent: set[int] = set()
    with get_connection() as connection:
        with transaction.atomic():
            DigestDelivery.objects.bulk_create(
                [DigestDelivery(run=run, member=digest.member) for digest in digests]
            )
        for digest in digests:
            try:
                if connection.send_messages([digest_message(digest)]):
                    sent.add(digest.member.pk)
            except Exception:
                logger.exception("Could not send the weekly digest to member %s", digest.member.pk)
    return sent


def digest_run_send(
    *, run_id: int, now: datetime | None = None, size: int | None = None
) -> DigestRun:
    """Send run `run_id` to everyone not yet sent it, batch by batch, then mark it done.
    Safe to run again (a re-queued task): whoever has a delivery is skipped."""
    now = now or timezone.now()
    size = size or settings.DIGEST_BATCH_SIZE
    run = DigestRun.objects.get(pk=run_id)
    if run.state == DigestRun.State.DONE:
        return run
    DigestRun.objects.filter(pk=run.pk).update(state=DigestRun.State.SENDING)
    news = selectors.week_news(since=now - WEEK)
    after_id = 0
    while batch := digest_batch_send(run=run, after_id=after_id, news=news, now=now, size=size):
        after_id = batch.last_id
    DigestRun.objects.filter(pk=run.pk).update(
        state=DigestRun.State.DONE, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def digest_preview(*, email: str, now: datetime | None = None) -> str:
    """The plain-text digest the member with login `email` would get now, or why none;
    nothing is sent or written. Member.DoesNotExist for an unknown address."""
    now = now or timezone.now()
    member = selectors.member_by_email(email=email)
    reason = selectors.why_no_digest(member=member)
    if reason:
        raise NothingToSay(f"{member.display_name} gets no digest: {reason}.")
    digest = selectors.digests_for(
        members=[member], news=selectors.week_news(since=now - WEEK), now=now
    )[0]
    if digest.is_empty:
        raise NothingToSay(f"{member.display_name} has nothing new this week: no e-mail.")
    return digest_text(digest)


@transaction.atomic
def digest_unsubscribe(*, token: str) -> Member:
    """Turn off the weekly digest of the member `token` was signed for (BadToken when it
    was not signed by this site, Member.DoesNotExist when the member is gone)."""
    member = Member.objects.get(pk=member_id_of(token))
    digest_preference_set(member=member, weekly_digest=False)
    return member
