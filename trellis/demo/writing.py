"""Handing the planned organisation to the apps' bulk writers: logins, then members
level by level of the tree (every manager before their reports), then topic links;
and what every writer of the demo shares: the plan's "days ago" as times, and
which notifications their recipients have read.

The topics are matched once per distinct statement text, and each person keeps
the topic ids of their statements for the living network to pair people over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.utils import timezone

from trellis.accounts.bulk import NewUser, users_create
from trellis.db.bulk import chunks
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.notifications.bulk import NewNotification
from trellis.people.bulk import NewMember, members_create, profile_topics_link
from trellis.people.models import STATEMENT_FIELDS

BATCH_SIZE = 4000  # people per call, and per progress report
UNREAD_FOR_DAYS = 5  # newer notifications are still unread
READ_AFTER = timedelta(hours=20)  # how long the older ones waited to be read

Progress = Callable[[str, int, int], None]


def create_users(people: list[PlannedPerson], report: Progress) -> list[int]:
    """Everyone's login, with no usable password; their ids in order."""
    joined = timezone.now()
    user_ids: list[int] = []
    for chunk in chunks(people, BATCH_SIZE):
        user_ids += users_create([NewUser(person.email) for person in chunk], joined=joined)
        report("users", len(user_ids), len(people))
    return user_ids


def create_members(people: list[PlannedPerson], user_ids: list[int], report: Progress) -> list[int]:
    """Everyone's member profile, level by level, so every manager exists before their reports."""
    member_ids = [0] * len(people)
    by_depth: dict[int, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        by_depth[person.depth].append(i)
    done = 0
    for depth in sorted(by_depth):
        for chunk in chunks(by_depth[depth], BATCH_SIZE):
            new = [_new_member(people[i], user_ids[i], member_ids) for i in chunk]
            for i, member_id in zip(chunk, members_create(new), strict=True):
                member_ids[i] = member_id
            done += len(chunk)
            report("members", done, len(people))
    return member_ids


def _new_member(person: PlannedPerson, user_id: int, member_ids: list[int]) -> NewMember:
    manager = None if person.parent is None else member_ids[person.parent]
    profile = {"discipline": person.discipline, "team": person.team, "level": person.level}
    return NewMember(user_id, person.name, manager, profile | person.profile)


def create_topic_links(people: list[PlannedPerson], member_ids: list[int], report: Progress) -> int:
    """Link everyone's statements to the topics they name; how many links.

    Each person keeps the topic ids of their statements (`PlannedPerson.topics`).
    """
    seen: dict[str, tuple[int, ...]] = {}  # topics by statement text, across batches
    written = done = 0
    for chunk in chunks(range(len(people)), BATCH_SIZE):
        statements = [
            (member_ids[i], {name: people[i].profile[name] for name in STATEMENT_FIELDS})
            for i in chunk
        ]
        for i, topics in zip(chunk, profile_topics_link(statements, seen=seen), strict=True):
            people[i].topics = topics
            written += sum(len(named) for named in topics)
        done += len(chunk)
        report("topics", done, len(people))
    return written


@dataclass(frozen=True)
class DaysAgo:
    """Turns the plan's "days ago" into times and dates, counted back from `now`."""

    now: datetime

    def at(self, days: float | None) -> datetime | None:
        return None if days is None else self.now - timedelta(days=days)

    def day(self, days: float) -> date:
        return timezone.localdate(self.now - timedelta(days=days))


def read(notification: NewNotification, now: datetime) -> NewNotification:
    """The notification as its recipient left it: read the day it came."""
    return replace(notification, read_at=min(notification.created_at + READ_AFTER, now))


def read_unless_recent(notifications: list[NewNotification], now: datetime) -> list:
    """Notifications older than UNREAD_FOR_DAYS were read the day they came; newer ones wait."""
    since = now - timedelta(days=UNREAD_FOR_DAYS)
    return [read(n, now) if n.created_at < since else n for n in notifications]
