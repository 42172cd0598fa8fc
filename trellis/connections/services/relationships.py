"""Relationships and exchanges: recording, resting, following up and closing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from trellis.connections.models import Exchange, Relationship
from trellis.notifications.models import Notification
from trellis.notifications.services import notify
from trellis.people.models import Member, Topic
from trellis.people.signals import help_given_changed

# A new relationship with nothing recorded after this long gets one gentle prompt.
FOLLOW_UP_AFTER = timedelta(days=7)
# What both members are told (`connections.bulk` tells it in bulk, in the same words).
RESTING_TEXT = (
    "Your relationship with {other} is resting: nothing recorded for {weeks} weeks. That's "
    "fine. Pick it up whenever one of you has something to share."
)
FOLLOW_UP_TEXT = (
    "You and {other} connected a while ago. When you have talked, note what you shared and "
    "what you learned: it shows how value flows both ways."
)


def _locked(relationship: Relationship, member: Member) -> Relationship:
    """The relationship's row, locked, if `member` is in it; DoesNotExist otherwise."""
    return (
        Relationship.objects.select_for_update()
        .filter(Q(member_a=member) | Q(member_b=member))
        .get(pk=relationship.pk)
    )


@transaction.atomic
def relationship_close(
    *,
    relationship: Relationship,
    member: Member,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Relationship:
    """Close a relationship; the reason is read by `member` alone.

    Either member may close it; Relationship.DoesNotExist for anyone else.
    """
    relationship = _locked(relationship, member)
    if relationship.is_closed:
        raise ValidationError("This relationship is closed already.")
    relationship.state = Relationship.State.CLOSED
    relationship.closed_at = now or timezone.now()
    relationship.closed_by = member
    relationship.closed_reason = reason.strip()
    relationship.full_clean()
    relationship.save()
    return relationship


def _date_problem(day: datetime.date, relationship: Relationship, now) -> str | None:
    today = timezone.localdate(now)
    began = timezone.localdate(relationship.started_at)
    if day > today:
        return "This date is in the future."
    if day < began:
        return f"You connected on {date_format(began, 'j F Y')}: pick a date from then on."
    return None


@transaction.atomic
def exchange_record(
    *,
    relationship: Relationship,
    author: Member,
    date: datetime.date,
    what_i_shared: str = "",
    what_i_learned: str = "",
    note: str = "",
    topics: Sequence[Topic] = (),
    now: datetime.datetime | None = None,
    refresh: bool = True,
) -> Exchange:
    """Record what `author` shared and learned in a conversation with the other member.

    Either member may; Relationship.DoesNotExist for anyone else. A resting
    relationship becomes active again, and may be told it is resting again
    after its next quiet spell. Sharing something on a topic is evidence of what the
    author can help with (`help_given_changed`), unless `refresh=False` (a caller that
    works out who could help itself afterwards: the demo seed queues nothing).
    """
    now = now or timezone.now()
    relationship = _locked(relationship, author)
    if relationship.is_closed:
        raise ValidationError("This relationship is closed: exchanges can no longer be added.")
    what_i_shared, what_i_learned = what_i_shared.strip(), what_i_learned.strip()
    if not (what_i_shared or what_i_learned):
        raise ValidationError({"what_i_shared": "Say what you shared, what you learned, or both."})
    problem = _date_problem(date, relationship, now)
    if problem:
        raise ValidationError({"date": problem})
    exchange = Exchange(
        relationship=relationship,
        author=author,
        date=date,
        what_i_shared=what_i_shared,
        what_i_learned=what_i_learned,
        note=note.strip(),
    )
    exchange.full_clean()
    exchange.save()
    exchange.topics.set(topics)
    relationship.state = Relationship.State.ACTIVE
    relationship.last_exchange_at = now
    relationship.resting_notified_at = None
    relationship.save(update_fields=["state", "last_exchange_at", "resting_notified_at"])
    if refresh and what_i_shared and topics:
        help_given_changed.send(sender=Exchange, member=author)
    return exchange


def _tell_both(relationship: Relationship, kind: str, text: str) -> None:
    """Notify each member of a relationship, naming the other one (and the weeks) in `text`."""
    for member, other in (
        (relationship.member_a, relationship.member_b),
        (relationship.member_b, relationship.member_a),
    ):
        notify(
            member=member,
            kind=kind,
            text=text.format(other=other.display_name, weeks=settings.RESTING_AFTER_WEEKS),
            url=relationship.get_absolute_url(),
        )


@dataclass(frozen=True)
class RestReport:
    """What resting quiet relationships did: how many rested, how many members were told."""

    rested: int
    notified: int


@transaction.atomic
def relationships_rest(*, now: datetime.datetime | None = None) -> RestReport:
    """Show relationships quiet for TRELLIS_RESTING_AFTER_WEEKS as resting.

    Each member is told once per quiet spell: never again until one of them
    records an exchange. Resting is not failing: nobody is asked to meet.
    """
    now = now or timezone.now()
    weeks = settings.RESTING_AFTER_WEEKS
    quiet = (
        Relationship.objects.filter(state=Relationship.State.ACTIVE)
        .alias(last=Coalesce(F("last_exchange_at"), F("started_at")))
        .filter(last__lte=now - timedelta(weeks=weeks))
        .select_related("member_a__user", "member_b__user")
        .select_for_update(of=("self",))
    )
    rested = notified = 0
    for relationship in quiet:
        relationship.state = Relationship.State.DORMANT
        fields = ["state"]
        if relationship.resting_notified_at is None:
            _tell_both(relationship, Notification.Kind.RELATIONSHIP_RESTING, RESTING_TEXT)
            relationship.resting_notified_at = now
            fields.append("resting_notified_at")
            notified += 2
        relationship.save(update_fields=fields)
        rested += 1
    return RestReport(rested, notified)


@transaction.atomic
def relationships_follow_up(*, now: datetime.datetime | None = None) -> int:
    """Prompt both members of a new relationship with nothing recorded yet, once.

    Returns how many relationships were prompted.
    """
    now = now or timezone.now()
    due = (
        Relationship.objects.filter(
            state=Relationship.State.ACTIVE,
            last_exchange_at__isnull=True,
            follow_up_notified_at__isnull=True,
            started_at__lte=now - FOLLOW_UP_AFTER,
        )
        .select_related("member_a__user", "member_b__user")
        .select_for_update(of=("self",))
    )
    prompted = 0
    for relationship in due:
        _tell_both(relationship, Notification.Kind.FOLLOW_UP, FOLLOW_UP_TEXT)
        relationship.follow_up_notified_at = now
        relationship.save(update_fields=["follow_up_notified_at"])
        prompted += 1
    return prompted
