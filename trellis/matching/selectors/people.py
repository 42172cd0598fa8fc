"""Members as the engine sees them: cohorts, free capacity, pairs kept apart, names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, Q, QuerySet

from trellis.matching.engine.people import Person
from trellis.matching.models import (
    OPEN_TO_FLAGS,
    Cohort,
    CohortKind,
    Suggestion,
)
from trellis.people import hooks
from trellis.people.hooks import Pair, pair_key
from trellis.people.models import Member, ProfileTopic
from trellis.text import limits
from trellis.text.characters import forbidden_character
from trellis.text.limits import truncated

# Up to this many members, pairs with one of them are filtered by the database, not here.
FEW_MEMBERS = 100

_PERSON_FIELDS = (
    "id",
    "display_name",
    "discipline",
    "team",
    "level",
    "manager_id",
    "background",
    "capacity",
    "working_on",
    "curious_about",
    "can_help_with",
    "learning",
    "status",
    "open_to_peer_learning",
)


def cohort_members(*, cohort: Cohort) -> QuerySet[Member]:
    """The members of a cohort who are still in the network (paused ones included)."""
    members = Member.objects.exclude(status=Member.Status.LEFT)
    if cohort.kind == CohortKind.TEAM:
        members = members.filter(team=cohort.value)
    elif cohort.kind == CohortKind.DISCIPLINE:
        members = members.filter(discipline=cohort.value)
    elif cohort.kind == CohortKind.TOPIC:
        matching = Member.objects.filter(profile_topics__topic__slug=cohort.value)
        members = members.filter(pk__in=matching.values("pk"))
    elif cohort.kind == CohortKind.OPEN_TO:
        members = members.filter(**{OPEN_TO_FLAGS[cohort.value]: True})
    return members.order_by("id")


def opted_in_count(*, cohort: Cohort) -> int:
    """How many of a cohort could be paired: active and open to peer learning."""
    return (
        cohort_members(cohort=cohort)
        .filter(status=Member.Status.ACTIVE, open_to_peer_learning=True)
        .count()
    )


def free_capacity(*, capacity: int, in_use: int) -> int:
    """How many more pairs a member may get: their capacity less the relationships that
    count against it (active and resting, as accepting an intro counts them), never below 0.

    Open intros and the unanswered suggestions of published rounds do not count: both
    are invitations that may come to nothing, and accepting one is refused at capacity.
    """
    return max(0, capacity - in_use)


def _person(
    row: dict,
    posts: dict[int, tuple[str, ...]],
    helped: tuple[str, ...] = (),
    *,
    in_use: int = 0,
) -> Person:
    """One member as an engine record; its `capacity` is what is free (`free_capacity`).

    Texts are cut to the caps of `trellis.text.limits`: the engine never reads more than a
    person may write, even from a row stored before the caps existed."""
    return Person(
        id=str(row["id"]),
        name=truncated(row["display_name"], limits.DISPLAY_NAME),
        discipline=row["discipline"],
        team=row["team"],
        level=row["level"] or 0,
        manager=None if row["manager_id"] is None else str(row["manager_id"]),
        background=tuple(row["background"] or ()),
        capacity=free_capacity(capacity=row["capacity"], in_use=in_use),
        working_on=truncated(row["working_on"], limits.STATEMENT),
        curious_about=truncated(row["curious_about"], limits.STATEMENT),
        can_help_with=truncated(row["can_help_with"], limits.STATEMENT),
        learning=truncated(row["learning"], limits.STATEMENT),
        opted_in=row["status"] == Member.Status.ACTIVE and row["open_to_peer_learning"],
        posts=tuple(truncated(text, limits.POST_BODY) for text in posts.get(row["id"], ())),
        helped_with=helped,
    )


def engine_people(members: QuerySet[Member], load: dict[int, int] | None = None) -> list[Person]:
    """`members` as engine records, each with what they wrote beyond their profile
    (their newest posts: one query more per area that offers writing). With `load`
    (relationships in use, `hooks.relationship_load`), each one's capacity is what is free."""
    posts = hooks.member_writing(member_ids=members.values("pk"))
    load = load or {}
    return [
        _person(row, posts, in_use=load.get(row["id"], 0))
        for row in members.values(*_PERSON_FIELDS)
    ]


@dataclass(frozen=True)
class CohortPeople:
    """A cohort as the engine sees it, and the pairs it must never suggest.

    Each person's `capacity` is their free capacity. `in_use` gives (relationships in
    use, capacity) of those with none free, and `paused` the ids of paused members:
    the words of why they are in no pair.
    """

    people: list[Person]
    blocked: set[Pair]
    in_use: dict[str, tuple[int, int]] = field(default_factory=dict)
    paused: frozenset[str] = frozenset()


def cohort_people(*, cohort: Cohort) -> CohortPeople:
    """The cohort's members as engine `Person` records, and every pair they may not form.

    A round never pairs anyone beyond their free capacity: each record's capacity is
    their capacity less the relationships in use (`free_capacity`), so someone with
    every relationship in use is in no pair. Blocked: pairs kept apart for good reasons
    (`kept_apart_pairs`), and pairs in one reporting chain that the engine cannot see
    because the chain runs through someone outside the cohort (a team lead's manager
    sits in another team).
    """
    members = cohort_members(cohort=cohort)
    load = hooks.relationship_load(member_ids=members.values("pk"))
    people = engine_people(members, load)
    ids = {int(p.id) for p in people}
    blocked = kept_apart_pairs(member_ids=ids) | chains_through_outsiders(ids)
    in_use, paused = {}, set()
    for pk, capacity, status in members.values_list("pk", "capacity", "status"):
        if load.get(pk, 0) >= capacity:
            in_use[str(pk)] = (load.get(pk, 0), capacity)
        if status == Member.Status.PAUSED:
            paused.add(str(pk))
    return CohortPeople(people, blocked, in_use, frozenset(paused))


def everyone_people() -> list[Person]:
    """Everyone still in the network, for recommendations."""
    return engine_people(cohort_members(cohort=Cohort(CohortKind.ALL)))


@dataclass(frozen=True)
class HelperPeople:
    """Everyone still in the network as the engine sees them to ask who could help whom.

    Each person's `helped_with` is the help they gave (`hooks.help_given`: the newest
    1,000), in the order it happened as the engine reads it, and `helped_on` the date
    of each entry, in the same order. A person is
    `opted_in` when active: anyone active may ask (the engine asks both sides of a
    pair to be opted in), whatever they are open to; `unavailable` are those nobody is
    sent to: not open to helping, or with no room left for another relationship.
    `active` are the ids of active members (whose own lists are worked out), `managers`
    everyone's manager, and `blocked` the pairs in one reporting line only through
    someone who left (whom the engine cannot see).
    """

    people: list[Person]
    helped_on: dict[str, tuple[date, ...]]
    unavailable: set[str]
    active: set[int]
    managers: dict[int, int | None]
    blocked: set[Pair]


def helper_people() -> HelperPeople:
    """`HelperPeople` for everyone still in the network, in a fixed number of queries."""
    members = cohort_members(cohort=Cohort(CohortKind.ALL))
    posts = hooks.member_writing(member_ids=members.values("pk"))
    given = hooks.help_given(member_ids=members.values("pk"))
    load = hooks.relationship_load(member_ids=members.values("pk"))
    people, helped_on, unavailable, active = [], {}, set(), set()
    for row in members.values(*_PERSON_FIELDS, "open_to_helping"):
        entries = given.get(row["id"], ())[::-1]  # oldest first: the order help happened
        is_active = row["status"] == Member.Status.ACTIVE
        person = replace(
            _person(row, posts, tuple(entry.text for entry in entries)), opted_in=is_active
        )
        people.append(person)
        helped_on[person.id] = tuple(entry.on for entry in entries)
        if is_active:
            active.add(row["id"])
        if not row["open_to_helping"] or load.get(row["id"], 0) >= row["capacity"]:
            unavailable.add(person.id)
    managers = dict(Member.objects.values_list("id", "manager_id"))
    blocked = chains_through_outsiders({int(p.id) for p in people}, managers)
    return HelperPeople(people, helped_on, unavailable, active, managers, blocked)


def chains_through_outsiders(
    ids: set[int], manager_of: dict[int, int | None] | None = None
) -> set[Pair]:
    """Pairs of the cohort in one reporting chain only through someone not in it."""
    if manager_of is None:
        manager_of = dict(Member.objects.values_list("id", "manager_id"))
    blocked: set[Pair] = set()
    for member in ids:
        seen = {member}
        left_the_cohort = False
        current = manager_of.get(member)
        while current is not None and current not in seen:
            seen.add(current)
            if current not in ids:
                left_the_cohort = True
            elif left_the_cohort:
                blocked.add(pair_key(member, current))
            current = manager_of.get(current)
    return blocked


def dismissed_pairs(*, member_ids: Iterable[int] | None = None) -> set[Pair]:
    """Pairs that either member dismissed, in any round or recommendation.

    With `member_ids`, only pairs with at least one of them. Dismissals are few,
    so for a cohort they are read whole and filtered here rather than with a huge
    IN list; for a page's few members the database filters them.
    """
    rows = Suggestion.objects.filter(
        Q(a_dismissed_at__isnull=False) | Q(b_dismissed_at__isnull=False)
    )
    wanted = None if member_ids is None else set(member_ids)
    if wanted is not None and len(wanted) <= FEW_MEMBERS:  # a page's viewer: ask the database
        rows = rows.filter(Q(member_a_id__in=wanted) | Q(member_b_id__in=wanted))
    rows = rows.values_list("member_a_id", "member_b_id")
    return {pair_key(a, b) for a, b in rows if wanted is None or a in wanted or b in wanted}


def kept_apart_pairs(*, member_ids: Iterable[int] | None = None) -> set[Pair]:
    """Pairs never to suggest: dismissed by either side, or kept apart for a reason
    another area knows (a relationship, an intro declined recently: `hooks`)."""
    return dismissed_pairs(member_ids=member_ids) | hooks.pairs_kept_apart(member_ids=member_ids)


def largest_team_names(*, limit: int = 200) -> list[str]:
    """The names of the biggest teams still in the network, for the cohort field's hints."""
    return list(
        Member.objects.exclude(status=Member.Status.LEFT)
        .exclude(team="")
        .values("team")
        .annotate(size=Count("id"))
        .order_by("-size", "team")
        .values_list("team", flat=True)[:limit]
    )


def common_topic_names(*, limit: int = 50) -> list[str]:
    """The topics profiles mention most (mentions, not people: cheap at any size)."""
    return list(
        ProfileTopic.objects.values("topic_id")
        .annotate(mentions=Count("id"))
        .order_by("-mentions", "topic_id")
        .values_list("topic__name", flat=True)[:limit]
    )


TYPEAHEAD_LIMIT = 8


def members_named(*, query: str, limit: int = TYPEAHEAD_LIMIT) -> list[Member]:
    """Members still in the network whose name or e-mail starts with `query` (or whose name
    has a word starting with it), for a type-ahead: at most `limit`, by name. Nothing for
    fewer than two characters, nor for more than a search box takes or a character no name
    may hold (PostgreSQL refuses a NUL in a query)."""
    query = query.strip()
    if not 2 <= len(query) <= limits.SEARCH or forbidden_character(query, multiline=False):
        return []
    found = (
        Member.objects.exclude(status=Member.Status.LEFT)
        .filter(
            Q(display_name__istartswith=query)
            | Q(display_name__icontains=f" {query}")
            | Q(user__email__istartswith=query)
        )
        .select_related("user")
        .order_by("display_name", "id")
    )
    return list(found[:limit])
