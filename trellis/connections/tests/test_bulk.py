"""connections.bulk: intros, relationships, exchanges and reflections as the services write
them, dated back; and what the services would have told of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.connections import bulk, services
from trellis.connections.models import Exchange, Intro, Origin, Reflection, Relationship
from trellis.connections.prompts import PROMPTS
from trellis.connections.tests.conftest import GROUNDED, days_ago
from trellis.notifications.models import Notification
from trellis.people.models import Topic

State = Intro.State


def accepted(sender, recipient, *, sent: float = 30, answered: float = 29) -> bulk.NewIntro:
    return bulk.NewIntro(
        sender.pk,
        recipient.pk,
        GROUNDED,
        State.ACCEPTED,
        ("Kubernetes",),
        days_ago(sent),
        days_ago(answered),
    )


def a_relationship(sender, recipient, **fields) -> int:
    """A relationship begun in bulk with `sender`'s intro, 29 days ago."""
    (intro,) = bulk.intros_create([accepted(sender, recipient)])
    (pk,) = bulk.relationships_create(
        [bulk.NewRelationship(intro, **({"state": "active"} | fields))]
    )
    return pk


def rows() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Intro, Relationship, Exchange, Exchange.topics.through, Reflection)
    ]


# Intros.


def test_a_sent_intro_reads_back_as_intro_send_writes_one(sent_intro, carla, dev):
    when = days_ago(3)
    new = bulk.NewIntro(carla.pk, dev.pk, f" {GROUNDED}\n", State.SENT, ("Kubernetes",), when)

    (pk,) = bulk.intros_create([new])

    intro = Intro.objects.get(pk=pk)
    fields = ("state", "origin", "message", "answered_at", "decline_reason")
    assert [getattr(intro, f) for f in fields] == [getattr(sent_intro, f) for f in fields]
    assert intro.expires_at - intro.sent_at == sent_intro.expires_at - sent_intro.sent_at
    assert intro.created_at == intro.sent_at == when and intro.is_open()
    assert intro.shared == ["Kubernetes"] and intro.findings == []


def test_intros_in_every_state_come_back_in_order(ana, ben, carla, dev):
    waiting = bulk.NewIntro(ana.pk, ben.pk, "Hi Ben", State.SENT, (), days_ago(1))
    new = [
        bulk.NewIntro(ana.pk, carla.pk, "Hi Carla", State.DRAFT),
        waiting,
        bulk.NewIntro(ana.pk, dev.pk, "Hi Dev", State.EXPIRED, (), days_ago(20), days_ago(6)),
        bulk.NewIntro(
            ben.pk, ana.pk, "Hi Ana", State.DECLINED, (), days_ago(9), days_ago(8), "Busy"
        ),
        bulk.NewIntro(carla.pk, ana.pk, "Hi Ana", State.WITHDRAWN, (), days_ago(9), days_ago(2)),
        accepted(dev, ana),
    ]

    ids = bulk.intros_create(new)

    states = dict(Intro.objects.values_list("pk", "state"))
    assert [states[pk] for pk in ids] == [intro.state for intro in new]
    draft = Intro.objects.get(pk=ids[0])
    assert draft.sent_at is draft.expires_at is None and draft.created_at > days_ago(0.01)


@pytest.mark.parametrize(
    "changes",
    [
        {"recipient_id": None},  # the sender themselves
        {"state": "lost"},
        {"message": "  "},
        {"message": "x" * 4001},
        {"decline_reason": "Busy"},
        {"state": State.DRAFT},  # a draft with dates
        {"sent_at": None},
        {"sent_at": days_ago(15), "answered_at": None, "state": State.SENT},  # expired since
        {"answered_at": days_ago(31)},  # answered before it was sent
        {"sent_at": days_ago(40), "answered_at": days_ago(20)},  # accepted after it expired
        {"origin": "rumour"},
        {"origin": Origin.INITIATIVE},
        {"suggestion_id": 1},  # on an intro from a profile
        {"origin": Origin.HELP, "post_id": 1},
    ],
    ids=[
        "to oneself",
        "state",
        "blank message",
        "long message",
        "reason not declined",
        "draft sent",
        "never sent",
        "waiting expired",
        "answered first",
        "accepted late",
        "origin",
        "initiative",
        "suggestion not from one",
        "post not from one",
    ],
)
def test_it_refuses_an_intro_and_writes_nothing(ana, ben, changes):
    if changes.get("recipient_id", 0) is None:
        changes["recipient_id"] = ana.pk
    before = rows()

    with pytest.raises(ValidationError, match="Intro 1"):
        bulk.intros_create([accepted(ben, ana), replace(accepted(ana, ben), **changes)])

    assert rows() == before


def test_it_refuses_two_open_intros_for_one_pair_and_writes_nothing(ana, ben):
    draft = bulk.NewIntro(ana.pk, ben.pk, "Hi Ben", State.DRAFT)
    sent = bulk.NewIntro(ana.pk, ben.pk, "Hi Ben", State.SENT, (), days_ago(1))

    with pytest.raises(ValidationError, match="one pair"):
        bulk.intros_create([draft, sent])

    assert not Intro.objects.exists()


def test_an_intro_keeps_its_origin_and_the_relationship_it_begins_too(ana, ben, carla, dev):
    from_help = replace(accepted(ana, ben), origin=Origin.HELP)
    from_post = replace(accepted(carla, dev), origin=Origin.POST)  # its post since deleted

    help_intro, post_intro = bulk.intros_create([from_help, from_post])
    bulk.relationships_create([bulk.NewRelationship(help_intro, "active")])

    assert Intro.objects.get(pk=help_intro).origin == Origin.HELP
    assert Relationship.objects.get(intro_id=help_intro).origin == Origin.HELP
    intro = Intro.objects.get(pk=post_intro)
    assert (intro.origin, intro.post_id, intro.suggestion_id) == (Origin.POST, None, None)


# Relationships.


def test_a_relationship_reads_back_as_intro_accept_makes_one(relationship, carla, dev):
    pk = a_relationship(dev, carla)  # Dev's id is the higher: the pair is stored in order

    made = Relationship.objects.get(pk=pk)
    assert (made.member_a, made.member_b) == (carla, dev)
    assert made.origin == relationship.origin and made.state == relationship.state
    assert made.started_at == made.intro.answered_at


def test_a_closed_relationship_keeps_its_closing_details(carla, dev):
    closed = days_ago(3)

    pk = a_relationship(carla, dev, state="closed", closed_at=closed, closed_by_id=dev.pk)

    made = Relationship.objects.get(pk=pk)
    assert (made.closed_at, made.closed_by, made.is_closed) == (closed, dev, True)


@pytest.mark.parametrize(
    "changes",
    [
        {"state": "lost"},
        {"closed_at": days_ago(1)},  # closing details on an active one
        {"state": "closed"},  # closed, but when?
        {"state": "closed", "closed_at": days_ago(40)},  # before it began
        {"state": "closed", "closed_at": days_ago(1), "closed_by_id": 0},  # by a stranger
    ],
    ids=["state", "details on active", "closed when", "closed first", "closed by stranger"],
)
def test_it_refuses_a_relationship_and_writes_nothing(carla, dev, ana, changes):
    (intro,) = bulk.intros_create([accepted(carla, dev)])
    if changes.get("closed_by_id") == 0:
        changes["closed_by_id"] = ana.pk

    with pytest.raises(ValidationError, match="Relationship 0"):
        bulk.relationships_create([bulk.NewRelationship(intro, **({"state": "active"} | changes))])

    assert not Relationship.objects.exists()


def test_a_relationship_begins_only_with_an_accepted_intro_once(
    sent_intro, relationship, carla, dev
):
    (intro,) = bulk.intros_create([accepted(carla, dev)])
    waiting = services.intro_send(sender=dev, recipient=carla, message=GROUNDED)
    before = rows()

    for intros in ([waiting.pk], [intro, intro], [relationship.intro_id]):
        with pytest.raises(ValidationError):
            bulk.relationships_create([bulk.NewRelationship(i, "active") for i in intros])

    assert rows() == before


# Exchanges and reflections.


def test_an_exchange_reads_back_as_exchange_record_writes_one(relationship, ana, carla, dev):
    topic = Topic.objects.get(slug="kubernetes")
    made = services.exchange_record(
        relationship=relationship,
        author=ana,
        date=timezone.localdate(),
        what_i_shared=" Our upgrade checklist ",
        note="Next: Go. ",
        topics=[topic],
    )
    pk = a_relationship(carla, dev)
    new = bulk.NewExchange(pk, dev.pk, timezone.localdate(), " Our upgrade checklist ", "")

    (exchange_id,) = bulk.exchanges_create([replace(new, note="Next: Go. ", topic_ids=(topic.pk,))])

    exchange = Exchange.objects.get(pk=exchange_id)
    fields = ("date", "what_i_shared", "what_i_learned", "note")
    assert [getattr(exchange, f) for f in fields] == [getattr(made, f) for f in fields]
    assert list(exchange.topics.all()) == [topic]


@pytest.mark.parametrize(
    "changes",
    [
        {"author_id": None},  # someone outside the relationship
        {"what_i_shared": "  ", "what_i_learned": ""},
        {"what_i_learned": "x" * 4001},
        {"date": timezone.localdate() - timedelta(days=60)},  # before it began
        {"date": timezone.localdate() + timedelta(days=1)},
    ],
    ids=["outsider", "nothing", "long", "before it began", "future"],
)
def test_it_refuses_an_exchange_and_writes_nothing(ana, carla, dev, changes):
    pk = a_relationship(carla, dev)
    if changes.get("author_id", 0) is None:
        changes["author_id"] = ana.pk
    good = bulk.NewExchange(pk, carla.pk, timezone.localdate(), "A checklist")
    before = rows()

    with pytest.raises(ValidationError, match="Exchange 1"):
        bulk.exchanges_create([good, replace(good, **changes)])

    assert rows() == before


def test_no_exchange_is_dated_after_its_relationship_closed(carla, dev):
    pk = a_relationship(carla, dev, state="closed", closed_at=days_ago(10), closed_by_id=dev.pk)
    late = bulk.NewExchange(pk, carla.pk, timezone.localdate() - timedelta(days=5), "Notes")

    with pytest.raises(ValidationError, match="closed"):
        bulk.exchanges_create([late])

    assert not Exchange.objects.exists()


def test_a_reflection_reads_back_as_reflection_write_writes_one(relationship, ana, carla, dev):
    mine = services.exchange_record(
        relationship=relationship, author=ana, date=timezone.localdate(), what_i_shared="Go"
    )
    made = services.reflection_write(
        author=ana, body=" It helped. ", prompt=PROMPTS[0], exchange=mine
    )
    pk = a_relationship(carla, dev)
    (theirs,) = bulk.exchanges_create([bulk.NewExchange(pk, dev.pk, timezone.localdate(), "Go")])
    when = days_ago(2)

    written = bulk.reflections_create(
        [bulk.NewReflection(dev.pk, " It helped. ", when, PROMPTS[0], theirs)]
    )

    reflection = Reflection.objects.get(author=dev)
    assert written == 1
    assert (reflection.prompt, reflection.body) == (made.prompt, made.body)
    assert reflection.created_at == reflection.updated_at == when


@pytest.mark.parametrize(
    "changes",
    [{"author_id": None}, {"prompt": "How was your day?"}, {"body": " "}],
    ids=["someone else's exchange", "prompt", "blank"],
)
def test_it_refuses_a_reflection_and_writes_nothing(ana, carla, dev, changes):
    pk = a_relationship(carla, dev)
    (exchange,) = bulk.exchanges_create([bulk.NewExchange(pk, dev.pk, timezone.localdate(), "Go")])
    if changes.get("author_id", 0) is None:
        changes["author_id"] = carla.pk
    good = bulk.NewReflection(dev.pk, "It helped.", timezone.now(), "", exchange)

    with pytest.raises(ValidationError, match="Reflection 1"):
        bulk.reflections_create([good, replace(good, **changes)])

    assert not Reflection.objects.exists()


# What the services told.


def test_the_notifications_say_what_the_services_said(carla, dev):
    pk = a_relationship(
        carla,
        dev,
        state="closed",
        closed_at=days_ago(1),
        closed_by_id=dev.pk,
        follow_up_notified_at=days_ago(20),
        resting_notified_at=days_ago(10),
    )
    intro = Relationship.objects.get(pk=pk).intro_id
    told = bulk.intro_notifications([intro]) + bulk.relationship_notifications([pk])
    in_bulk = {(n.recipient_id, n.kind, n.text) for n in told}
    now = timezone.now()

    sent = services.intro_send(sender=carla, recipient=dev, message=GROUNDED)
    services.intro_accept(intro=sent, member=dev)
    services.relationships_follow_up(now=now + timedelta(days=8))
    services.relationships_rest(now=now + timedelta(weeks=7))

    by_services = set(Notification.objects.values_list("recipient", "kind", "text"))
    assert in_bulk == by_services and len(told) == 6
    received, accepted_, *_ = told
    assert received.created_at < accepted_.created_at  # when it was sent, then accepted


def test_drafts_tell_nobody(ana, ben):
    ids = bulk.intros_create([bulk.NewIntro(ana.pk, ben.pk, "Hi Ben", State.DRAFT)])

    assert bulk.intro_notifications(ids) == []


def test_what_the_services_write_in_a_backdated_block_was_written_then(ana, ben):
    then = days_ago(50)

    with bulk.backdated(then):
        draft = services.intro_draft(sender=ana, recipient=ben)

    draft.refresh_from_db()
    assert draft.created_at == then
