"""The news each webhook hears of: a round published, an initiative opened, the weekly
"who could help" count; only for webhooks that asked, only while on, and never anything
private (planted secrets, sent to a real receiver)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.connections import services as connections
from trellis.initiatives import services as initiatives
from trellis.integrations.chat import services
from trellis.integrations.chat.models import Delivery, Webhook
from trellis.matching import services as matching
from trellis.matching.models import HelperList, PossibleHelper
from trellis.people.models import Topic

Event = Delivery.Event


def open_initiative(lead, **fields):
    fields.setdefault("problem", "Nobody can say what each cluster costs.")
    return initiatives.initiative_create(
        lead=lead,
        title=fields.pop("title", "Kubernetes cost reports"),
        ends_on=timezone.localdate() + timedelta(days=30),
        publish=True,
        **fields,
    )


def test_a_published_round_makes_one_delivery_per_webhook_that_asked_for_rounds(
    make_webhook,
    receiver,
    done_round,
    organiser,
):
    asked, _ = make_webhook(receiver.url, Webhook.Format.SLACK)
    make_webhook(receiver.url, on_round_published=False, on_initiative_opened=True)
    switched_off, _ = make_webhook(receiver.url, Webhook.Format.TEAMS)
    Webhook.objects.filter(pk=switched_off.pk).update(active=False)

    matching.round_publish(round_id=done_round.pk, organiser=organiser.user)

    (delivery,) = Delivery.objects.all()
    assert (delivery.webhook, delivery.event) == (asked, Event.ROUND_PUBLISHED)
    pairs = done_round.suggestions.count()
    assert f"A matching round is published for Everyone: {pairs} pairs suggested." in delivery.body


def test_an_initiative_opened_for_volunteers_is_announced_with_its_title_and_link(
    make_webhook, receiver, ana, settings
):
    settings.SITE_URL = "https://trellis.example.org"
    webhook, _ = make_webhook(receiver.url, on_round_published=False, on_initiative_opened=True)

    initiative = open_initiative(ana)
    services.deliveries_send_due(now=timezone.now())

    (got,) = receiver.received
    assert "“Kubernetes cost reports” is looking for 2 volunteers." in got.body.decode()
    assert f"https://trellis.example.org/initiatives/{initiative.pk}/" in got.body.decode()
    assert Delivery.objects.get().webhook == webhook


def test_a_draft_is_not_announced_until_it_opens(make_webhook, receiver, ana):
    make_webhook(receiver.url, on_round_published=False, on_initiative_opened=True)
    draft = initiatives.initiative_create(
        lead=ana,
        title="Quiet draft",
        problem="Not yet.",
        ends_on=timezone.localdate() + timedelta(days=30),
    )
    assert not Delivery.objects.exists()

    initiatives.initiative_move(initiative=draft, member=ana, to="open")

    assert Delivery.objects.get().event == Event.INITIATIVE_OPENED


def test_while_chat_is_off_events_read_and_write_nothing(
    make_webhook, receiver, ana, settings, django_assert_num_queries
):
    make_webhook(receiver.url, on_initiative_opened=True)
    settings.CHAT_WEBHOOKS_ENABLED = False
    from trellis.initiatives.signals import initiative_opened

    with django_assert_num_queries(0):
        initiative_opened.send(sender=None, initiative=None)
    open_initiative(ana)

    assert not Delivery.objects.exists()


@pytest.fixture
def kubernetes_helpers(ana, carla, dev):
    """The worker's kept list of who could help with Kubernetes: three members."""
    topic = Topic.objects.get(name="Kubernetes")
    listed = HelperList.objects.create(about="topic", topic=topic, computed_at=timezone.now())
    for position, member in enumerate((ana, carla, dev), start=1):
        PossibleHelper.objects.create(
            helper_list=listed,
            helper=member,
            position=position,
            score=0.9,
            explanation="PLANTED-EXPLANATION",
        )
    return topic


def test_the_weekly_nudge_says_how_many_could_help_with_its_topic_and_never_who(
    make_webhook, receiver, kubernetes_helpers, ana, carla, dev
):
    webhook, _ = make_webhook(
        receiver.url, Webhook.Format.TEAMS, on_round_published=False, nudge_topic=kubernetes_helpers
    )
    now = timezone.now()

    assert services.nudges_queue(now=now) == 1
    services.deliveries_send_due(now=now)

    body = receiver.received[0].body.decode()
    assert "This week 3 members could help with Kubernetes." in body
    assert "/topics/kubernetes/" in body
    for member in (ana, carla, dev):
        assert member.display_name not in body
    assert "PLANTED-EXPLANATION" not in body
    webhook.refresh_from_db()
    assert webhook.last_nudged_at == now


def test_the_nudge_comes_once_a_week(make_webhook, receiver, kubernetes_helpers):
    make_webhook(receiver.url, on_round_published=False, nudge_topic=kubernetes_helpers)
    now = timezone.now()

    assert services.nudges_queue(now=now) == 1
    assert services.nudges_queue(now=now + timedelta(days=6)) == 0
    assert services.nudges_queue(now=now + timedelta(days=7)) == 1
    assert Delivery.objects.filter(event=Event.WEEKLY_NUDGE).count() == 2


def test_a_topic_nobody_could_help_with_this_week_sends_nothing(make_webhook, receiver):
    topic = Topic.objects.get(name="Python")
    webhook, _ = make_webhook(receiver.url, on_round_published=False, nudge_topic=topic)

    assert services.nudges_queue(now=timezone.now()) == 0
    assert not Delivery.objects.exists()
    # Choosing the topic asked the worker to keep its list from now on.
    assert HelperList.objects.filter(topic=topic, requested_at__isnull=False).exists()
    webhook.refresh_from_db()
    assert webhook.last_nudged_at is not None


def test_the_sweep_queues_the_nudge_and_says_so_only_while_chat_is_on(
    make_webhook, receiver, kubernetes_helpers, settings
):
    from io import StringIO

    from django.core.management import call_command

    make_webhook(receiver.url, on_round_published=False, nudge_topic=kubernetes_helpers)
    out = StringIO()
    call_command("sweep", stdout=out)

    assert out.getvalue().splitlines()[-1].startswith("Chat webhooks: 1 weekly messages queued")
    settings.CHAT_WEBHOOKS_ENABLED = False
    out = StringIO()
    call_command("sweep", stdout=out)
    assert "Chat" not in out.getvalue()


SECRETS = {
    "problem": "PLANTED-PROBLEM-7f3a",
    "why": "PLANTED-WHY-7f3a",
    "intro": "PLANTED-INTRO-7f3a",
    "decline": "PLANTED-DECLINE-7f3a",
    "reflection": "PLANTED-REFLECTION-7f3a",
    "shared": "PLANTED-SHARED-7f3a",
    "learned": "PLANTED-LEARNED-7f3a",
    "observation": "PLANTED-OBSERVATION-7f3a",
    "close": "PLANTED-CLOSE-7f3a",
    "draft": "PLANTED-DRAFT-TITLE-7f3a",
}


def test_no_private_word_ever_leaves_in_any_format(
    make_webhook,
    receiver,
    done_round,
    organiser,
    kubernetes_helpers,
    ana,
    ben,
    carla,
):
    for fmt in Webhook.Format.values:
        make_webhook(receiver.url, fmt, on_initiative_opened=True, nudge_topic=kubernetes_helpers)
    grounded = f"Hi Ben, about Kubernetes upgrades: {SECRETS['intro']} what do you think?"
    relationship = connections.intro_accept(
        intro=connections.intro_send(sender=ana, recipient=ben, message=grounded), member=ben
    )
    declined = connections.intro_send(sender=carla, recipient=ben, message=grounded)
    connections.intro_decline(intro=declined, member=ben, reason=SECRETS["decline"])
    connections.exchange_record(
        relationship=relationship,
        author=ana,
        date=timezone.localdate(),
        what_i_shared=SECRETS["shared"],
        what_i_learned=SECRETS["learned"],
    )
    connections.reflection_write(author=ana, body=SECRETS["reflection"])
    initiatives.observation_record(
        observer=ben, subject=ana, text=SECRETS["observation"], seen_on=timezone.localdate()
    )
    connections.relationship_close(relationship=relationship, member=ana, reason=SECRETS["close"])
    initiatives.initiative_create(
        lead=ana,
        title=SECRETS["draft"],
        problem="x",
        ends_on=timezone.localdate() + timedelta(days=9),
    )

    open_initiative(ana, problem=SECRETS["problem"], why_it_matters=SECRETS["why"])
    matching.round_publish(round_id=done_round.pk, organiser=organiser.user)
    services.nudges_queue(now=timezone.now())
    for webhook in Webhook.objects.all():
        services.webhook_test_send(webhook_id=webhook.pk, organiser=organiser.user)
    services.deliveries_send_due(now=timezone.now())

    assert len(receiver.received) == 3 * 4  # three formats, four kinds of message
    sent = b"".join(r.body + repr(r.headers).encode() for r in receiver.received).decode()
    kept = "".join(Delivery.objects.values_list("body", flat=True))
    for secret in SECRETS.values():
        assert secret not in sent and secret not in kept, secret
    for member in (ana, ben, carla):
        assert member.display_name not in sent
