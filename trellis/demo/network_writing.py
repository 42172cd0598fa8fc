"""Writing the planned living network in bulk: intros, relationships, exchanges, notifications.

Bulk equivalents of the connections services' writes (see `network`). Rows whose
keys are needed later (intros, relationships, exchanges) go through bulk_create;
the others (exchange topics, reflections, notifications) through multi-row
INSERTs, which also keep their creation times in the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.demo.network import NetworkPlan, PlannedIntro, PlannedRelationship
from trellis.demo.tree import Person
from trellis.demo.writing import BATCH_SIZE, Progress, insert_rows
from trellis.notifications.models import Notification


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


class _Writer:
    """Writes a plan in bulk, table by table, with its notifications."""

    def __init__(self, people: list[Person], member_ids: list[int], now: datetime, report):
        self.people = people
        self.ids = member_ids
        self.now = now
        self.report = report
        self.notifications: list[tuple] = []

    def at(self, days_ago: float | None) -> datetime | None:
        return None if days_ago is None else self.now - timedelta(days=days_ago)

    def notify(self, i: int, kind: str, text: str, url: str, days_ago: float, *, read: bool):
        when = self.at(days_ago)
        read_at = min(when + timedelta(hours=20), self.now) if read else None
        self.notifications.append((self.ids[i], kind, text[:300], url, when, read_at))

    def intros(self, planned: list[PlannedIntro]) -> list[Intro]:
        expiry = timedelta(days=settings.INTRO_EXPIRY_DAYS)
        rows = []
        for p in planned:
            sent = self.at(p.sent)
            rows.append(
                Intro(
                    sender_id=self.ids[p.sender],
                    recipient_id=self.ids[p.recipient],
                    shared=[p.topic],
                    message=p.message,
                    state=p.state,
                    decline_reason=p.reason,
                    sent_at=sent,
                    expires_at=sent + expiry if sent else None,
                    answered_at=self.at(p.answered),
                )
            )
        Intro.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        if rows:  # created when sent, not when seeded
            Intro.objects.filter(
                pk__gte=rows[0].pk, pk__lte=rows[-1].pk, sent_at__isnull=False
            ).update(created_at=F("sent_at"))
        self.report("network: intros", len(rows), len(rows))
        return rows

    def relationships(self, planned: list[PlannedRelationship], intros: list[Intro]) -> list:
        rows = []
        for p, intro in zip(planned, intros, strict=True):
            a, b = sorted((self.ids[p.intro.sender], self.ids[p.intro.recipient]))
            last = p.exchanges[0].day if p.exchanges else None
            resting = p.state == Relationship.State.DORMANT
            rows.append(
                Relationship(
                    member_a_id=a,
                    member_b_id=b,
                    intro=intro,
                    state=p.state,
                    started_at=self.at(p.started),
                    last_exchange_at=self.at(last),
                    resting_notified_at=self.at(p.noticed) if resting else None,
                    follow_up_notified_at=None if resting else self.at(p.noticed),
                    closed_at=self.at(p.closed),
                    closed_by_id=None if p.closed_by is None else self.ids[p.closed_by],
                    closed_reason=p.reason,
                )
            )
        Relationship.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.report("network: relationships", len(rows), len(rows))
        return rows

    def exchanges(self, planned: list[PlannedRelationship], relationships: list) -> tuple[int, int]:
        rows, plans = [], []
        for p, relationship in zip(planned, relationships, strict=True):
            for e in p.exchanges:
                rows.append(
                    Exchange(
                        relationship=relationship,
                        author_id=self.ids[e.author],
                        date=timezone.localdate(self.at(e.day)),
                        what_i_shared=e.shared,
                        what_i_learned=e.learned,
                        note=e.note,
                    )
                )
                plans.append(e)
        Exchange.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        topics = [(row.pk, t) for row, e in zip(rows, plans, strict=True) for t in e.topics]
        insert_rows(Exchange.topics.through, ("exchange", "topic"), topics)
        reflections = [
            (row.author_id, row.pk, *e.reflection, self.at(e.day), self.at(e.day))
            for row, e in zip(rows, plans, strict=True)
            if e.reflection is not None
        ]
        insert_rows(
            Reflection,
            ("author", "exchange", "prompt", "body", "created_at", "updated_at"),
            reflections,
        )
        self.report("network: exchanges", len(rows), len(rows))
        return len(rows), len(reflections)

    def flush_notifications(self) -> int:
        insert_rows(
            Notification,
            ("recipient", "kind", "text", "url", "created_at", "read_at"),
            self.notifications,
        )
        self.report("network: notifications", len(self.notifications), len(self.notifications))
        return len(self.notifications)


RESTING_TEXT = (
    "Your relationship with {other} is resting: nothing recorded for {weeks} weeks. That's "
    "fine. Pick it up whenever one of you has something to share."
)
FOLLOW_UP_TEXT = (
    "You and {other} connected a while ago. When you have talked, note what you shared and "
    "what you learned: it shows how value flows both ways."
)
UNREAD_FOR_DAYS = 5  # newer notifications are still unread


def _notifications(writer: _Writer, plan: NetworkPlan, intros: list, relationships: list) -> None:
    """What `notify` would have told each of them, when it happened, in the app."""
    names = [person.name for person in writer.people]
    planned = [r.intro for r in plan.relationships] + plan.intros
    for p, intro in zip(planned, intros, strict=True):
        if p.state != Intro.State.DRAFT:
            text = f"{names[p.sender]} sent you an intro."
            read = p.state != Intro.State.SENT or p.sent > UNREAD_FOR_DAYS
            writer.notify(
                p.recipient,
                Notification.Kind.INTRO_RECEIVED,
                text,
                intro.get_absolute_url(),
                p.sent,
                read=read,
            )
    weeks = settings.RESTING_AFTER_WEEKS
    for p, relationship in zip(plan.relationships, relationships, strict=True):
        sender, recipient, url = p.intro.sender, p.intro.recipient, relationship.get_absolute_url()
        text = f"{names[recipient]} accepted your intro."
        writer.notify(
            sender,
            Notification.Kind.INTRO_ACCEPTED,
            text,
            url,
            p.intro.answered,
            read=p.intro.answered > UNREAD_FOR_DAYS,
        )
        if p.noticed is None:
            continue
        if p.state == Relationship.State.DORMANT:
            kind, words = Notification.Kind.RELATIONSHIP_RESTING, RESTING_TEXT
        else:
            kind, words = Notification.Kind.FOLLOW_UP, FOLLOW_UP_TEXT
        for me, other in ((sender, recipient), (recipient, sender)):
            text = words.format(other=names[other], weeks=weeks)
            writer.notify(me, kind, text, url, p.noticed, read=p.noticed > UNREAD_FOR_DAYS)


def create_network(
    plan: NetworkPlan,
    people: list[Person],
    member_ids: list[int],
    *,
    now: datetime,
    report: Progress,
) -> NetworkReport:
    """Write the planned network in bulk: intros, relationships, exchanges, notifications."""
    writer = _Writer(people, member_ids, now, report)
    accepted = [r.intro for r in plan.relationships]
    intros = writer.intros(accepted + plan.intros)
    relationships = writer.relationships(plan.relationships, intros[: len(accepted)])
    exchanges, reflections = writer.exchanges(plan.relationships, relationships)
    _notifications(writer, plan, intros, relationships)
    notifications = writer.flush_notifications()
    return NetworkReport(len(relationships), len(intros), exchanges, reflections, notifications)
