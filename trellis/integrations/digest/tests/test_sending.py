"""Queueing and sending: `trellis sweep` queues one run per ISO week on the chosen weekday,
the worker sends it in batches of a fixed number of queries, each member once a week even
when the task runs again."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from trellis.community.services import topic_follow
from trellis.integrations.digest import services
from trellis.integrations.digest.models import DigestDelivery, DigestRun
from trellis.people.models import Topic

UTC = ZoneInfo("UTC")
MONDAY = datetime(2026, 12, 7, 9, tzinfo=UTC)  # ISO week 2026-W50
SUNDAY = datetime(2026, 12, 6, 9, tzinfo=UTC)  # the week before: 2026-W49


def sweep_at(moment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.digest_sweep(now=moment)


def test_the_sweep_queues_the_week_once_and_the_worker_sends_it(
    world, django_capture_on_commit_callbacks
):
    first = sweep_at(MONDAY, django_capture_on_commit_callbacks)
    again = sweep_at(MONDAY.replace(hour=10), django_capture_on_commit_callbacks)

    assert first.words == "2026-W50 queued (the worker sends it)"
    assert again.words == "2026-W50 already queued (Sent)"
    assert len(mail.outbox) == 2
    run = DigestRun.objects.get()
    assert (run.week, run.state, run.sent) == ("2026-W50", DigestRun.State.DONE, 2)


def test_before_the_weekday_nothing_is_queued_and_a_later_sweep_catches_up(
    settings, world, django_capture_on_commit_callbacks
):
    settings.DIGEST_WEEKDAY = 2  # Wednesday

    assert sweep_at(MONDAY, django_capture_on_commit_callbacks).words == "not due yet this week"
    assert not DigestRun.objects.exists()
    thursday = MONDAY.replace(day=10)
    assert sweep_at(thursday, django_capture_on_commit_callbacks).queued
    assert len(mail.outbox) == 2


def test_the_next_week_is_queued_again(world, django_capture_on_commit_callbacks):
    sweep_at(SUNDAY, django_capture_on_commit_callbacks)
    sweep_at(MONDAY, django_capture_on_commit_callbacks)

    assert list(DigestRun.objects.values_list("week", flat=True)) == ["2026-W50", "2026-W49"]
    assert len(mail.outbox) == 4


def test_switched_off_the_sweep_queues_nothing(settings, world, django_capture_on_commit_callbacks):
    settings.DIGEST_ENABLED = False

    assert sweep_at(MONDAY, django_capture_on_commit_callbacks).words == (
        "off (TRELLIS_DIGEST_ENABLED)"
    )
    assert not DigestRun.objects.exists()
    assert mail.outbox == []


def test_a_task_run_again_sends_nobody_twice(world):
    run = services.digest_run_for_now(now=timezone.now())
    services.digest_run_send(run_id=run.pk)
    # The worker died after sending: the task is re-queued with the run not marked done.
    DigestRun.objects.filter(pk=run.pk).update(state=DigestRun.State.SENDING)

    services.digest_run_send(run_id=run.pk)

    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.filter(run=run, sent_at__isnull=False).count() == 2


def test_a_member_written_down_but_not_sent_is_not_sent_again(world):
    """A crash between writing the deliveries and sending: at most once, never twice."""
    run = services.digest_run_for_now(now=timezone.now())
    DigestDelivery.objects.create(run=run, member=world.ana)

    services.digest_run_send(run_id=run.pk)

    assert [m.to for m in mail.outbox] == [[world.ben.user.email]]


def test_a_refused_message_is_logged_and_the_others_go(world, monkeypatch, caplog):
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def refuse_ana(self, messages):
        if messages[0].to == [world.ana.user.email]:
            raise ConnectionRefusedError("mail server said no")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_ana)
    run = services.digest_run_for_now(now=timezone.now())

    run = services.digest_run_send(run_id=run.pk)

    assert [m.to for m in mail.outbox] == [[world.ben.user.email]]
    assert run.sent == 1
    assert DigestDelivery.objects.get(member=world.ana).sent_at is None
    assert "Could not send the weekly digest" in caplog.text


def members_with_news(make_member, count):
    """`count` members, each following Terraform, where Dev posted this week."""
    terraform = Topic.objects.get(name="Terraform")
    for n in range(count):
        topic_follow(member=make_member(f"Reader {n}"), topic=terraform)


@pytest.mark.parametrize("count", [3, 30])
def test_a_batch_costs_the_same_queries_for_3_members_as_for_30(
    world, make_member, count, django_assert_num_queries
):
    members_with_news(make_member, count)
    run = services.digest_run_for_now(now=timezone.now())
    news = services.selectors.week_news(since=timezone.now() - services.WEEK)

    with django_assert_num_queries(BATCH_QUERIES):
        services.digest_batch_send(run=run, after_id=0, news=news, now=timezone.now(), size=100)
    assert len(mail.outbox) == 2 + count


# Members; intros waiting; stored helpers, their relationship load (two), reporting
# lines, pairs kept apart (dismissed, in a relationship, intros open or declined: four);
# follows; fitting initiatives; the deliveries written (three, with the savepoint of the
# test's transaction), marked sent, and the run's counts.
BATCH_QUERIES = 17


def test_the_sweep_command_prints_the_digest_line(world, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep", stdout=out)

    assert out.getvalue().splitlines()[-1].startswith("Weekly digest: ")


def test_when_the_mail_server_cannot_be_reached_nothing_is_written_and_a_retry_sends(
    world, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    def unreachable(self):
        raise ConnectionRefusedError("no mail server")

    run = services.digest_run_for_now(now=timezone.now())
    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "open", unreachable, raising=False)
        with pytest.raises(ConnectionRefusedError):
            services.digest_run_send(run_id=run.pk)
    assert not DigestDelivery.objects.exists()

    services.digest_run_send(run_id=run.pk)

    assert len(mail.outbox) == 2
