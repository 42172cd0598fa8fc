"""Reads for people: members, the directory, reporting lines and the vocabulary."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from trellis.people.models import Member, ProfileTopic, Topic, TopicAlias
from trellis.text import limits
from trellis.text.characters import forbidden_character
from trellis.text.vocabulary import Alias, TopicEntry, TopicMatcher

_matcher_lock = threading.Lock()
_matcher_cache: dict[str, object] = {"version": None, "matcher": None}


def vocabulary_version() -> tuple[int, object]:
    """Changes whenever a topic or alias is added, removed or edited."""
    stats = Topic.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (stats["n"] + TopicAlias.objects.count(), stats["last"])


def topic_matcher() -> TopicMatcher:
    """The matcher for the vocabulary in the database, rebuilt only when it changed."""
    version = vocabulary_version()
    with _matcher_lock:
        if _matcher_cache["version"] != version:
            pairs = TopicAlias.objects.values_list("key", "topic__slug")
            _matcher_cache["matcher"] = TopicMatcher(pairs)
            _matcher_cache["version"] = version
        return _matcher_cache["matcher"]  # type: ignore[return-value]


def vocabulary_entries() -> list[TopicEntry]:
    """The vocabulary in the database as the file's entries: each topic with its aliases."""
    aliases: dict[int, list[Alias]] = {}
    for topic_id, text, kind, case_sensitive in TopicAlias.objects.values_list(
        "topic_id", "text", "kind", "case_sensitive"
    ):
        aliases.setdefault(topic_id, []).append(Alias(text, kind, case_sensitive))
    return [
        TopicEntry(name, slug, area, tuple(aliases.get(topic_id, ())))
        for topic_id, name, slug, area in Topic.objects.values_list("id", "name", "slug", "area")
    ]


def member_for_user(user) -> Member | None:
    """The member profile of a signed-in user, if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    # Every page asks (the site layout names the member): unordered, so no sort of one row
    # is compiled and run (`first()` would order by the model's display_name, id).
    found = Member.objects.select_related("user", "manager").filter(user=user).order_by()[:1]
    return next(iter(found), None)


def member_detail(*, member_id: int) -> Member:
    """One member with everything their profile page shows, in a fixed number of queries."""
    return (
        Member.objects.select_related("user", "manager")
        .prefetch_related(
            Prefetch(
                "profile_topics",
                queryset=ProfileTopic.objects.select_related("topic").order_by("topic__name"),
            ),
            Prefetch("reports", queryset=Member.objects.order_by("display_name")),
        )
        .get(pk=member_id)
    )


def member_profile_for(*, member_id: int, user) -> Member:
    """Member `member_id` as their profile shows them to `user` (the signed-in login):
    `member_detail`, except that someone who left is no longer there for anyone but
    themselves (Member.DoesNotExist, as for an id nobody has)."""
    member = member_detail(member_id=member_id)
    if member.status == Member.Status.LEFT and member.user_id != getattr(user, "pk", None):
        raise Member.DoesNotExist("No such member")
    return member


def topics_by_statement(member: Member) -> dict[str, list[Topic]]:
    """A member's linked topics grouped by the statement that mentions them."""
    grouped: dict[str, list[Topic]] = {s: [] for s in ProfileTopic.Statement.values}
    for link in member.profile_topics.all():
        grouped[link.statement].append(link.topic)
    return grouped


def management_chain(member: Member) -> list[Member]:
    """Everyone above `member` in the reporting line, nearest first."""
    chain: list[Member] = []
    seen = {member.pk}
    current = member.manager
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.manager
    return chain


def managers_above(*, member_ids: Iterable[int]) -> dict[int, set[int]]:
    """Everyone above each of `member_ids` in the reporting line, in one recursive query
    whatever the depth (members with no manager are absent)."""
    ids = sorted({int(i) for i in member_ids})
    if not ids:
        return {}
    table = connection.ops.quote_name(Member._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    # UNION, not UNION ALL: a loop in the data (which the services refuse) still ends.
    sql = f"""
        WITH RECURSIVE above(member_id, manager_id) AS (
            SELECT id, manager_id FROM {table} WHERE id IN ({marks}) AND manager_id IS NOT NULL
            UNION
            SELECT above.member_id, m.manager_id FROM above
            JOIN {table} m ON m.id = above.manager_id WHERE m.manager_id IS NOT NULL
        )
        SELECT member_id, manager_id FROM above
    """
    found: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        for member_id, manager_id in cursor.fetchall():
            found.setdefault(member_id, set()).add(manager_id)
    return found


def would_create_cycle(*, member_id: int | None, manager_id: int | None) -> bool:
    """Whether making `manager_id` the manager of `member_id` closes a loop."""
    if member_id is None or manager_id is None:
        return False
    seen: set[int] = set()
    current: int | None = manager_id
    while current is not None and current not in seen:
        if current == member_id:
            return True
        seen.add(current)
        current = Member.objects.filter(pk=current).values_list("manager_id", flat=True).first()
    return False


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def topic_by_slug(*, slug: str) -> Topic:
    """The topic whose address is `slug`; Topic.DoesNotExist otherwise, without asking the
    database about text no slug can be (PostgreSQL refuses a NUL outright)."""
    if len(slug) > Topic._meta.get_field("slug").max_length or not _SLUG.fullmatch(slug):
        raise Topic.DoesNotExist("No such topic")
    return Topic.objects.get(slug=slug)


def topic_for_query(text: str) -> Topic | None:
    """The topic a person means by `text`: its slug, name, synonym or abbreviation."""
    text = text.strip()
    if not text:
        return None
    by_slug = Topic.objects.filter(slug=text.lower()).first()
    if by_slug:
        return by_slug
    slugs = topic_matcher().topics(text)
    return Topic.objects.filter(slug=slugs[0]).first() if slugs else None


def directory_search(
    *, query: str = "", topic: Topic | None = None, team: str = "", discipline: str = ""
) -> QuerySet[Member]:
    """Members still in the network, filtered by name, topic, team and discipline.

    The list prefetches each member's topics, so a page costs the same number of
    queries whatever its length.
    """
    members = Member.objects.exclude(status=Member.Status.LEFT)
    for word in query.split():
        members = members.filter(search_name__contains=Member.search_key(word))
    if topic is not None:
        # A subquery, not a join: no DISTINCT over whole member rows to drop duplicates.
        named = ProfileTopic.objects.filter(topic=topic).values("member_id")
        members = members.filter(pk__in=named)
    if team:
        members = members.filter(team=team)
    if discipline:
        members = members.filter(discipline=discipline)
    return members.select_related("user").prefetch_related(
        Prefetch(
            "profile_topics",
            queryset=ProfileTopic.objects.select_related("topic").order_by("topic__name"),
        )
    )


def _distinct_values(field: str) -> list[str]:
    return list(
        Member.objects.exclude(status=Member.Status.LEFT)
        .exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )


TEAM_SUGGESTIONS = 10


def team_suggestions(*, text: str, limit: int = TEAM_SUGGESTIONS) -> list[str]:
    """At most `limit` teams with a member still in the network whose name contains
    `text` (case aside), alphabetically, for the directory's team type-ahead.

    One query that walks the team index in order and stops at the `limit`th team found, so
    it never lists every team (a text no team contains still reads the whole index, not
    the members' rows); nothing for an empty `text`, nor for one longer than a team name
    may be or holding a character no team may (PostgreSQL refuses a NUL)."""
    text = text.strip()
    if not text or len(text) > limits.TEAM or forbidden_character(text, multiline=False):
        return []
    return list(
        Member.objects.exclude(status=Member.Status.LEFT)
        .filter(team__icontains=text)
        .order_by("team")
        .values_list("team", flat=True)
        .distinct()[:limit]
    )


def discipline_names() -> list[str]:
    """Every discipline of a member still in the network, alphabetically."""
    return _distinct_values("discipline")


def topics_search(*, query: str = "") -> QuerySet[Topic]:
    """Topics of the vocabulary whose name, synonym or abbreviation contains `query`
    (case aside), by name; every topic for an empty `query`."""
    topics = Topic.objects.order_by("name")
    query = query.strip()
    if query:
        # EXISTS, not a join: a topic with several matching aliases is listed once.
        matching = TopicAlias.objects.filter(topic=OuterRef("pk"), text__icontains=query)
        topics = topics.filter(Q(name__icontains=query) | Exists(matching))
    return topics


def popular_topics(*, limit: int = 12) -> QuerySet[Topic]:
    """The topics most members mention, for the directory's suggestions."""
    return (
        Topic.objects.annotate(n=Count("profile_topics__member", distinct=True))
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )


def available_timezone_names() -> frozenset[str]:
    """Every IANA time zone name a profile may use."""
    from trellis.people.models import available_timezones

    return available_timezones()


def with_profile_topics(member: Member) -> Member:
    """`member` (already read, e.g. the request's) with their linked topics, in one query:
    what `topics_by_statement` groups, without reading the member again."""
    prefetch_related_objects(
        [member],
        Prefetch(
            "profile_topics",
            queryset=ProfileTopic.objects.select_related("topic").order_by("topic__name"),
        ),
    )
    return member
