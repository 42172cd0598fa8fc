"""Bulk writes for people: many members and their topic links at once, as `member_create`
and `profile_topics_link` write one.

For seeding (the demo organisation), where tens of thousands of members are
created in one transaction and one at a time would take an hour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from trellis.db import bulk
from trellis.people import selectors
from trellis.people.models import (
    MAX_CAPACITY,
    MAX_LEVEL,
    STATEMENT_FIELDS,
    Member,
    ProfileTopic,
    Topic,
    available_timezones,
    tags_problem,
)
from trellis.people.services import PROFILE_FIELDS

BATCH = 4000
MAX_NAME = Member._meta.get_field("display_name").max_length
STATUSES = frozenset(Member.Status.values)
PROFILE = frozenset(PROFILE_FIELDS) - {"display_name"}  # the name is a field of its own
# The topic ids each statement names, in STATEMENT_FIELDS order.
StatementTopics = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class NewMember:
    """A member to create for an existing login: a name, a manager, a profile.

    `profile` holds the fields `member_create` takes (PROFILE_FIELDS): discipline,
    team, level, time zone, statements and so on; those left out take their defaults.
    """

    user_id: int
    display_name: str
    manager_id: int | None = None
    profile: Mapping[str, object] = field(default_factory=dict)


def _problem(member: NewMember) -> str | None:
    profile = member.profile
    unknown = set(profile) - PROFILE
    if unknown:
        return f"unknown profile fields: {', '.join(sorted(unknown))}."
    if not member.display_name.strip() or len(member.display_name) > MAX_NAME:
        return f"needs a name of 1 to {MAX_NAME} characters, not {member.display_name!r}."
    if profile.get("timezone", "UTC") not in available_timezones():
        return f"{profile['timezone']!r} is not a known time zone."
    if not 0 <= profile.get("capacity", 0) <= MAX_CAPACITY:
        return f"needs a capacity from 0 to {MAX_CAPACITY}, not {profile['capacity']}."
    level = profile.get("level")
    if level is not None and not 0 <= level <= MAX_LEVEL:
        return f"needs a level from 0 to {MAX_LEVEL}, not {level}."
    if profile.get("status", Member.Status.ACTIVE) not in STATUSES:
        return f"{profile['status']!r} is not a member's status."
    return tags_problem(profile.get("background", [])) or tags_problem(profile.get("languages", []))


def members_create(members: Sequence[NewMember]) -> list[int]:
    """Create these members, with the search form of each name; their ids, in order.

    Refused, before anything is written, with a ValidationError naming each row,
    for what `member_create` refuses that a row alone shows: unknown profile
    fields, an empty or overlong name, an unknown time zone, a capacity, level,
    status or tags out of range; and for a manager who is not a member yet. No
    reporting cycle can form: a new member manages nobody, so create managers
    first (a tree level by level). Not checked: that each login has no member
    yet; the one-to-one constraint refuses a second one when written.
    """
    bulk.refuse_problems(members, _problem, noun="member")
    managers = [m.manager_id for m in members if m.manager_id is not None]
    missing = set(managers) - set(bulk.values_by_pk(Member.objects, managers))
    if missing:
        raise ValidationError(f"No member has the ids {sorted(missing)[:10]}: managers first.")
    rows = [
        Member(
            user_id=m.user_id,
            display_name=m.display_name,
            search_name=Member.search_key(m.display_name),
            manager_id=m.manager_id,
            **m.profile,
        )
        for m in members
    ]
    for chunk in bulk.chunks(rows, BATCH):
        Member.objects.bulk_create(chunk, batch_size=BATCH)
    return [row.pk for row in rows]


def profile_topics_link(
    statements: Sequence[tuple[int, Mapping[str, str]]],
    *,
    seen: dict[str, tuple[int, ...]] | None = None,
) -> list[StatementTopics]:
    """Link each new member's statements to the topics they name; what each one names.

    `statements` are (member id, {statement field: text}); the result gives, for
    each, the topic ids of every statement in STATEMENT_FIELDS order. As
    `profile_topics_link` links them: the vocabulary's matcher over each text.
    `seen` remembers the topics of texts already matched, across calls: rosters
    and demo data repeat statements often, and matching is the slow part.
    For members with no links yet (the service replaces a member's links; this
    only adds): refused, before anything is written, for a member who has some,
    appears twice, or for a statement that is not one.
    """
    unknown = {name for _, texts in statements for name in texts} - set(STATEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Not profile statements: {', '.join(sorted(unknown))}.")
    ids = [member_id for member_id, _ in statements]
    if len(set(ids)) != len(ids):
        raise ValidationError("A member appears twice: each is linked once.")
    if bulk.any_among(ProfileTopic.objects, "member_id", ids):
        raise ValidationError("Some of these members have topic links already.")
    seen = {} if seen is None else seen
    matcher = selectors.topic_matcher()
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    found: list[StatementTopics] = []
    rows: list[tuple[int, int, str]] = []
    for member_id, texts in statements:
        topics = []
        for statement in STATEMENT_FIELDS:
            text = texts.get(statement, "")
            named = seen.get(text)
            if named is None:
                slugs = matcher.topics(text)
                named = seen[text] = tuple(topic_ids[s] for s in slugs if s in topic_ids)
            topics.append(named)
            rows += [(member_id, topic_id, statement) for topic_id in named]
        found.append(tuple(topics))
    bulk.insert_rows(ProfileTopic, ("member", "topic", "statement"), rows)
    return found
