"""Bulk writes for connections: many intros, relationships, exchanges and reflections at
once, as the services write one, each dated when it happened; and what the services
would have told each member of them.

For seeding (the demo organisation): tens of thousands of people's histories in
seconds, where the services take tens of milliseconds a write. Each writer checks
what a row (or the batch) shows on its own; what needs the whole network's state
(capacities, the open-intro limit, reporting lines, who is active) is the caller's
to keep, as the demo's planner does and its tests check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from trellis.connections.models import (
    MAX_MESSAGE,
    MAX_REASON,
    Exchange,
    Intro,
    Origin,
    Reflection,
    Relationship,
)
from trellis.connections.models.relationships import MAX_REFLECTION, MAX_TEXT
from trellis.connections.prompts import PROMPTS
from trellis.connections.services.intros import ACCEPTED_TEXT, RECEIVED_TEXT
from trellis.connections.services.relationships import FOLLOW_UP_TEXT, RESTING_TEXT
from trellis.db import bulk
from trellis.notifications.bulk import NewNotification
from trellis.notifications.models import Notification

ANSWERED = frozenset({Intro.State.ACCEPTED, Intro.State.DECLINED, Intro.State.WITHDRAWN})
OPEN = frozenset({Intro.State.DRAFT, Intro.State.SENT})
Kind = Notification.Kind


@dataclass(frozen=True)
class NewIntro:
    """An intro, the state it has reached, and when it was sent and stopped waiting."""

    sender_id: int
    recipient_id: int
    message: str
    state: str
    shared: tuple[str, ...] = ()  # the topics the two share, by name
    sent_at: datetime | None = None
    answered_at: datetime | None = None  # accepted, declined, expired or withdrawn
    decline_reason: str = ""
    # What it came from, as `intro_send` records an occasion: a suggestion (a round's or a
    # recommendation, by id), a post (by id, or none when it was since deleted), "who
    # could help", a profile. The relationship it begins keeps the same origin.
    origin: str = Origin.PROFILE
    suggestion_id: int | None = None
    post_id: int | None = None


@dataclass(frozen=True)
class NewRelationship:
    """A relationship that began when its intro was accepted, and how it stands now."""

    intro_id: int
    state: str
    last_exchange_at: datetime | None = None
    resting_notified_at: datetime | None = None
    follow_up_notified_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by_id: int | None = None
    closed_reason: str = ""


@dataclass(frozen=True)
class NewExchange:
    """One side's record of a conversation, on `date`, with the topics it was about."""

    relationship_id: int
    author_id: int
    date: date
    what_i_shared: str = ""
    what_i_learned: str = ""
    note: str = ""
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class NewReflection:
    """A journal entry, optionally on one of its author's exchanges, written at `written_at`."""

    author_id: int
    body: str
    written_at: datetime
    prompt: str = ""
    exchange_id: int | None = None


# Intros.


def _intro_problem(intro: NewIntro, expiry: timedelta, now: datetime) -> str | None:
    state, sent, answered = intro.state, intro.sent_at, intro.answered_at
    if intro.sender_id == intro.recipient_id:
        return "an intro to its own sender: you can't send an intro to yourself."
    if state not in Intro.State.values:
        return f"{state!r} is not an intro's state."
    if not intro.message.strip() or len(intro.message.strip()) > MAX_MESSAGE:
        return f"needs a message of 1 to {MAX_MESSAGE:,} characters."
    if intro.origin not in Origin.values or intro.origin == Origin.INITIATIVE:
        return f"{intro.origin!r} is not an origin an intro can be written with in bulk."
    if intro.suggestion_id is not None and intro.origin != Origin.SUGGESTION:
        return "a suggestion on an intro that does not come from one."
    if intro.post_id is not None and intro.origin != Origin.POST:
        return "a post on an intro that does not come from one."
    reason = intro.decline_reason
    if len(reason) > MAX_REASON or (reason and state != Intro.State.DECLINED):
        return f"a reason on an intro that is {state}, or over {MAX_REASON} characters."
    if state == Intro.State.DRAFT:
        return "a draft with the dates of a sent intro." if sent or answered else None
    if sent is None:
        return f"an intro that is {state} with no `sent_at`."
    if state == Intro.State.SENT:
        waiting = answered is None and sent + expiry > now
        return None if waiting else "an intro waiting for an answer that was answered or expired."
    if answered is None or answered < sent:
        return f"an intro that is {state} with no `answered_at`, or one before it was sent."
    if state in ANSWERED and answered > sent + expiry:
        return f"an intro that is {state} answered after it expired."
    return None


def intros_create(intros: Sequence[NewIntro]) -> list[int]:
    """Write these intros, each created when it was sent (drafts now); their ids, in order.

    As the services leave them: the message tidied, expiring TRELLIS_INTRO_EXPIRY_DAYS
    after it was sent. Refused, before anything is written, with a ValidationError
    naming each row: an intro to oneself, an unknown state, an empty or overlong
    message, dates that do not fit the state (a draft never sent, a waiting intro
    still open, an accepted, declined or withdrawn one answered before it expired),
    a reason on an intro that was not declined, an unknown origin or an initiative
    (which needs the two on its team: the services' to check), a suggestion or a post on
    an intro that did not come from one, two open intros for one pair. Not
    kept: the ask linter's findings (advice to the sender when sending; the caller
    writes messages that pass it, as the demo's tests check).
    """
    now, expiry = timezone.now(), timedelta(days=settings.INTRO_EXPIRY_DAYS)
    bulk.refuse_problems(intros, lambda i: _intro_problem(i, expiry, now), noun="intro")
    pairs = Counter((i.sender_id, i.recipient_id) for i in intros if i.state in OPEN)
    if pairs and max(pairs.values()) > 1:
        raise ValidationError("Two open intros (drafts or sent) for one pair.")
    rows = [
        (
            i.sender_id,
            i.recipient_id,
            i.origin,
            i.suggestion_id,
            i.post_id,
            list(i.shared),
            i.message.strip(),
            i.state,
            [],
            i.decline_reason.strip(),
            i.sent_at or now,
            now,
            i.sent_at,
            i.sent_at + expiry if i.sent_at else None,
            i.answered_at,
        )
        for i in intros
    ]
    names = ("sender", "recipient", "origin", "suggestion", "post", "shared", "message", "state")
    names += ("findings",)
    names += ("decline_reason", "created_at", "updated_at", "sent_at", "expires_at", "answered_at")
    return bulk.insert_rows(Intro, names, rows, returning=True)


def intro_notifications(intro_ids: Sequence[int]) -> list[NewNotification]:
    """What `intro_send` told each recipient of these intros, when it was sent (drafts
    tell nobody); unread, in the order of `intro_ids`."""
    fields = ("recipient_id", "sent_at", "sender__display_name")
    intros = bulk.values_by_pk(Intro.objects, intro_ids, *fields)
    told = []
    for pk in intro_ids:
        recipient, sent, sender = intros[pk]
        if sent is not None:
            url = reverse("connections:intro_detail", args=[pk])
            text = RECEIVED_TEXT.format(sender=sender)
            told.append(NewNotification(recipient, Kind.INTRO_RECEIVED, text, url, sent))
    return told


# Relationships.


def _relationship_problem(relationship: NewRelationship, intros: dict[int, tuple]) -> str | None:
    r = relationship
    sender, recipient, state, _, started = intros.get(r.intro_id, (None,) * 5)
    if state != Intro.State.ACCEPTED:
        return f"intro {r.intro_id} was not accepted: a relationship begins with an accepted one."
    if r.state not in Relationship.State.values:
        return f"{r.state!r} is not a relationship's state."
    if len(r.closed_reason) > MAX_REASON:
        return f"a reason over {MAX_REASON} characters."
    closing = (r.closed_at, r.closed_by_id, r.closed_reason)
    if r.state != Relationship.State.CLOSED:
        return f"closing details on a relationship that is {r.state}." if any(closing) else None
    if r.closed_at is None or r.closed_at < started:
        return "a closed relationship with no `closed_at`, or one before it began."
    if r.closed_by_id not in (None, sender, recipient):
        return "closed by someone who is not one of its two members."
    return None


def relationships_create(relationships: Sequence[NewRelationship]) -> list[int]:
    """Write these relationships, each begun when its intro was accepted; their ids, in order.

    As `intro_accept` makes one: the two members of its intro in order (the
    lower id first), its origin. Refused, before anything is written, with a
    ValidationError naming each row: an intro that was not accepted or already
    began a relationship, an unknown state, closing details on one that is not
    closed (or a closing before it began, by someone else), two open ones for a
    pair. Not checked: capacities and an open relationship the pair already has
    (the unique constraint refuses it when written).
    """
    ids = [r.intro_id for r in relationships]
    fields = ("sender_id", "recipient_id", "state", "origin", "answered_at")
    intros = bulk.values_by_pk(Intro.objects, ids, *fields)
    if len(set(ids)) != len(ids) or bulk.any_among(Relationship.objects, "intro_id", ids):
        raise ValidationError("An intro begins one relationship at most.")
    bulk.refuse_problems(
        relationships, lambda r: _relationship_problem(r, intros), noun="relationship"
    )
    rows = []
    for r in relationships:
        sender, recipient, _, origin, started = intros[r.intro_id]
        a, b = sorted((sender, recipient))
        notified = (r.resting_notified_at, r.follow_up_notified_at)
        closing = (r.closed_at, r.closed_by_id, r.closed_reason.strip())
        rows.append(
            (a, b, origin, r.intro_id, r.state, started, r.last_exchange_at, *notified, *closing)
        )
    pairs = Counter(row[:2] for row in rows if row[4] != Relationship.State.CLOSED)
    if pairs and max(pairs.values()) > 1:
        raise ValidationError("Two open relationships for one pair.")
    names = ("member_a", "member_b", "origin", "intro", "state", "started_at", "last_exchange_at")
    names += ("resting_notified_at", "follow_up_notified_at", "closed_at", "closed_by")
    return bulk.insert_rows(Relationship, (*names, "closed_reason"), rows, returning=True)


def relationship_notifications(relationship_ids: Sequence[int]) -> list[NewNotification]:
    """What the services told of these relationships, when they did; unread, in order.

    Per relationship: `intro_accept` told the intro's sender it was accepted; then,
    if it was prompted to follow up (or told it rests), both members, sender first.
    """
    fields = ("intro__sender_id", "intro__recipient_id", "intro__sender__display_name")
    fields += ("intro__recipient__display_name", "started_at")
    fields += ("follow_up_notified_at", "resting_notified_at")
    told_of = bulk.values_by_pk(Relationship.objects, relationship_ids, *fields)
    weeks = settings.RESTING_AFTER_WEEKS
    told = []
    for pk in relationship_ids:
        sender, recipient, sender_name, recipient_name, started, follow_up, resting = told_of[pk]
        url = reverse("connections:relationship_detail", args=[pk])
        accepted = ACCEPTED_TEXT.format(recipient=recipient_name)
        told.append(NewNotification(sender, Kind.INTRO_ACCEPTED, accepted, url, started))
        for kind, words, when in (
            (Kind.FOLLOW_UP, FOLLOW_UP_TEXT, follow_up),
            (Kind.RELATIONSHIP_RESTING, RESTING_TEXT, resting),
        ):
            if when is None:
                continue
            for me, other in ((sender, recipient_name), (recipient, sender_name)):
                text = words.format(other=other, weeks=weeks)
                told.append(NewNotification(me, kind, text, url, when))
    return told


# Exchanges and reflections.


def _texts(exchange: NewExchange) -> tuple[str, str, str]:
    return exchange.what_i_shared, exchange.what_i_learned, exchange.note


def _exchange_problem(exchange: NewExchange, relationships: dict[int, tuple]) -> str | None:
    e = exchange
    if e.relationship_id not in relationships:
        return f"relationship {e.relationship_id} does not exist."
    member_a, member_b, started, closed = relationships[e.relationship_id]
    if e.author_id not in (member_a, member_b):
        return "its author is not one of the relationship's two members."
    texts = [text.strip() for text in _texts(e)]
    if not (texts[0] or texts[1]) or max(len(text) for text in texts) > MAX_TEXT:
        return f"neither what was shared nor what was learned, or over {MAX_TEXT:,} characters."
    last = timezone.localdate(closed) if closed else timezone.localdate()
    if not timezone.localdate(started) <= e.date <= last:
        return "dated before the relationship began, or after it closed (or after today)."
    return None


def exchanges_create(exchanges: Sequence[NewExchange]) -> list[int]:
    """Write these exchanges, recorded now, with their topics; their ids, in order.

    As `exchange_record` writes one, its texts tidied. Refused, before anything
    is written, with a ValidationError naming each row: an author outside the
    relationship, nothing shared or learned, an overlong text, a date before the
    relationship began, after it closed or in the future. The relationships'
    `last_exchange_at` is the caller's to give when writing them (it knows which
    exchange was last); this changes no relationship.
    """
    fields = ("member_a_id", "member_b_id", "started_at", "closed_at")
    ids = [e.relationship_id for e in exchanges]
    relationships = bulk.values_by_pk(Relationship.objects, ids, *fields)
    bulk.refuse_problems(exchanges, lambda e: _exchange_problem(e, relationships), noun="exchange")
    now = timezone.now()
    rows = [
        (e.relationship_id, e.author_id, e.date, *(t.strip() for t in _texts(e)), now)
        for e in exchanges
    ]
    names = ("relationship", "author", "date", "what_i_shared", "what_i_learned", "note")
    keys = bulk.insert_rows(Exchange, (*names, "created_at"), rows, returning=True)
    topics = [(key, t) for key, e in zip(keys, exchanges, strict=True) for t in e.topic_ids]
    bulk.insert_rows(Exchange.topics.through, ("exchange", "topic"), topics)
    return keys


def _reflection_problem(reflection: NewReflection, authors: dict[int, tuple]) -> str | None:
    r = reflection
    if r.exchange_id is not None and authors.get(r.exchange_id) != (r.author_id,):
        return "on an exchange its author did not record."
    if r.prompt and r.prompt not in PROMPTS:
        return "a prompt that is not one of the journal's."
    if not r.body.strip() or len(r.body.strip()) > MAX_REFLECTION:
        return f"needs a body of 1 to {MAX_REFLECTION:,} characters."
    return None


def reflections_create(reflections: Sequence[NewReflection]) -> int:
    """Write these journal entries, each written (and last changed) when given; how many.

    As `reflection_write` writes one. Refused, before anything is written, with a
    ValidationError naming each row: an exchange its author did not record, a
    prompt that is not the journal's, an empty or overlong body.
    """
    exchanges = [r.exchange_id for r in reflections if r.exchange_id is not None]
    authors = bulk.values_by_pk(Exchange.objects, exchanges, "author_id")
    bulk.refuse_problems(reflections, lambda r: _reflection_problem(r, authors), noun="reflection")
    rows = [
        (r.author_id, r.exchange_id, r.prompt, r.body.strip(), r.written_at, r.written_at)
        for r in reflections
    ]
    names = ("author", "exchange", "prompt", "body", "created_at", "updated_at")
    bulk.insert_rows(Reflection, names, rows)
    return len(rows)


def backdated(when: datetime) -> AbstractContextManager[None]:
    """Intros, exchanges and reflections the services write inside the block date from
    `when` (reflections' last change too: the journal shows when one was edited)."""
    stamps = {Intro: ("created_at",), Exchange: ("created_at",)}
    return bulk.backdated({**stamps, Reflection: ("created_at", "updated_at")}, when)
