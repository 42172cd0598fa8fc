"""Handing the planned living network to connections' bulk writers: intros, relationships,
exchanges and reflections, then what the services would have told each member of them.

The rows, their checks and the words of each notification are connections'
(`connections.bulk`); here is only who, what and when, and which notifications
their recipients have read (see `writing.read_unless_recent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from trellis.connections import bulk as connections
from trellis.connections.models import Intro, Origin, Relationship
from trellis.demo.network import NetworkPlan, PlannedIntro, PlannedRelationship
from trellis.demo.writing import DaysAgo, Progress, read, read_unless_recent
from trellis.notifications.bulk import notifications_create


@dataclass(frozen=True)
class NetworkReport:
    """How much of the living network was written."""

    relationships: int = 0
    intros: int = 0
    exchanges: int = 0
    reflections: int = 0
    notifications: int = 0
    posts: int = 0
    topic_follows: int = 0


# What each of the plan's sources is recorded as (`network.SOURCES`).
ORIGINS = {
    "round": Origin.SUGGESTION,
    "recommendation": Origin.SUGGESTION,
    "post": Origin.POST,
    "help": Origin.HELP,
    "profile": Origin.PROFILE,
}


def _intro(
    p: PlannedIntro, ids: list[int], when: DaysAgo, suggestions: dict[int, int]
) -> connections.NewIntro:
    return connections.NewIntro(
        sender_id=ids[p.sender],
        recipient_id=ids[p.recipient],
        message=p.message,
        state=p.state,
        shared=(p.topic,),
        sent_at=when.at(p.sent),
        answered_at=when.at(p.answered),
        decline_reason=p.reason,
        origin=ORIGINS[p.source],
        suggestion_id=suggestions.get(id(p)),
    )


def _relationship(
    p: PlannedRelationship, intro_id: int, ids: list[int], when: DaysAgo
) -> connections.NewRelationship:
    resting = p.state == Relationship.State.DORMANT
    return connections.NewRelationship(
        intro_id=intro_id,
        state=p.state,
        last_exchange_at=when.at(p.exchanges[-1].day if p.exchanges else None),  # newest last
        resting_notified_at=when.at(p.noticed) if resting else None,
        follow_up_notified_at=None if resting else when.at(p.noticed),
        closed_at=when.at(p.closed),
        closed_by_id=None if p.closed_by is None else ids[p.closed_by],
        closed_reason=p.reason,
    )


def _exchanges(
    planned: list[PlannedRelationship], relationship_ids: list[int], ids: list[int], when: DaysAgo
) -> tuple[int, int]:
    """Both sides' exchanges, then the reflections written on them; how many of each."""
    exchanges, plans = [], []
    for p, relationship_id in zip(planned, relationship_ids, strict=True):
        for e in p.exchanges:
            exchanges.append(
                connections.NewExchange(
                    relationship_id=relationship_id,
                    author_id=ids[e.author],
                    date=when.day(e.day),
                    what_i_shared=e.shared,
                    what_i_learned=e.learned,
                    note=e.note,
                    topic_ids=e.topics,
                )
            )
            plans.append(e)
    exchange_ids = connections.exchanges_create(exchanges)
    reflections = [
        connections.NewReflection(
            author_id=ids[e.author],
            body=e.reflection[1],
            written_at=when.at(e.day),
            prompt=e.reflection[0],
            exchange_id=exchange_id,
        )
        for exchange_id, e in zip(exchange_ids, plans, strict=True)
        if e.reflection is not None
    ]
    return len(exchange_ids), connections.reflections_create(reflections)


def create_network(
    plan: NetworkPlan,
    member_ids: list[int],
    *,
    now: datetime,
    report: Progress,
    suggestions: dict[int, int] | None = None,
) -> NetworkReport:
    """Write the planned network in bulk: intros, relationships, exchanges, notifications.

    `suggestions` are the ids of the suggestions intros came from, by `id()` of the
    planned intro (`history.create_suggestions`).
    """
    when, suggestions = DaysAgo(now), suggestions or {}
    planned = [r.intro for r in plan.relationships] + plan.intros
    new = [_intro(p, member_ids, when, suggestions) for p in planned]
    intro_ids = connections.intros_create(new)
    report("network: intros", len(intro_ids), len(intro_ids))
    accepted = intro_ids[: len(plan.relationships)]  # each relationship's intro comes first
    relationships = [
        _relationship(p, intro_id, member_ids, when)
        for p, intro_id in zip(plan.relationships, accepted, strict=True)
    ]
    relationship_ids = connections.relationships_create(relationships)
    report("network: relationships", len(relationship_ids), len(relationship_ids))
    exchanges, reflections = _exchanges(plan.relationships, relationship_ids, member_ids, when)
    report("network: exchanges", exchanges, exchanges)
    # An intro's recipient had read of it by the time it stopped waiting.
    sent = [p for p in planned if p.state != Intro.State.DRAFT]
    received = zip(connections.intro_notifications(intro_ids), sent, strict=True)
    told = [read(n, now) if p.state != Intro.State.SENT else n for n, p in received]
    told += connections.relationship_notifications(relationship_ids)
    notifications = notifications_create(read_unless_recent(told, now))
    report("network: notifications", notifications, notifications)
    return NetworkReport(
        len(relationship_ids), len(intro_ids), exchanges, reflections, notifications
    )
