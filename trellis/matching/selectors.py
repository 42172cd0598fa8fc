"""Reads for matching: cohorts as the engine sees them, rounds, pairs and suggestions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from trellis.matching.engine.constraints import Constraints
from trellis.matching.engine.people import Person
from trellis.matching.models import (
    OPEN_TO_FLAGS,
    Cohort,
    CohortKind,
    HelperList,
    PossibleHelper,
    RecommendationRefresh,
    Round,
    Suggestion,
    UnpairedMember,
)
from trellis.people import hooks
from trellis.people.hooks import Pair, pair_key
from trellis.people.models import Member, ProfileTopic, Topic
from trellis.people.selectors import managers_above

# A running round that has not reported progress for this long is taken for dead
# (its worker was killed) and may be started again.
STALE_AFTER = timedelta(minutes=10)
# A recommendations refresh asked for but not done after this long is asked for again.
REFRESH_RETRY_AFTER = timedelta(minutes=5)
HOME_SUGGESTIONS = 10
HOME_RECOMMENDATIONS = 5
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
    """One member as an engine record; its `capacity` is what is free (`free_capacity`)."""
    return Person(
        id=str(row["id"]),
        name=row["display_name"],
        discipline=row["discipline"],
        team=row["team"],
        level=row["level"] or 0,
        manager=None if row["manager_id"] is None else str(row["manager_id"]),
        background=tuple(row["background"] or ()),
        capacity=free_capacity(capacity=row["capacity"], in_use=in_use),
        working_on=row["working_on"],
        curious_about=row["curious_about"],
        can_help_with=row["can_help_with"],
        learning=row["learning"],
        opted_in=row["status"] == Member.Status.ACTIVE and row["open_to_peer_learning"],
        posts=posts.get(row["id"], ()),
        helped_with=helped,
    )


def _people(members: QuerySet[Member], load: dict[int, int] | None = None) -> list[Person]:
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
    people = _people(members, load)
    ids = {int(p.id) for p in people}
    blocked = kept_apart_pairs(member_ids=ids) | _chains_through_outsiders(ids)
    in_use, paused = {}, set()
    for pk, capacity, status in members.values_list("pk", "capacity", "status"):
        if load.get(pk, 0) >= capacity:
            in_use[str(pk)] = (load.get(pk, 0), capacity)
        if status == Member.Status.PAUSED:
            paused.add(str(pk))
    return CohortPeople(people, blocked, in_use, frozenset(paused))


def everyone_people() -> list[Person]:
    """Everyone still in the network, for recommendations."""
    return _people(cohort_members(cohort=Cohort(CohortKind.ALL)))


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
    blocked = _chains_through_outsiders({int(p.id) for p in people}, managers)
    return HelperPeople(people, helped_on, unavailable, active, managers, blocked)


def _chains_through_outsiders(
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


def round_list() -> QuerySet[Round]:
    """Every round, newest first, with who started it."""
    return Round.objects.select_related("organiser", "published_by").defer("config", "metrics")


def round_detail(*, round_id: int) -> Round:
    return Round.objects.select_related("organiser", "published_by").get(pk=round_id)


def round_pairs(*, round_obj: Round) -> QuerySet[Suggestion]:
    """A round's pairs, best first, with both members (two rows joined, one query)."""
    return (
        Suggestion.objects.filter(round=round_obj)
        .select_related("member_a", "member_b")
        .order_by("-score", "id")
    )


def round_is_stale(round_obj: Round, *, now=None) -> bool:
    """A running round that stopped reporting progress: its worker died."""
    if round_obj.state != Round.State.RUNNING:
        return False
    last = round_obj.heartbeat_at or round_obj.started_at or round_obj.created_at
    return last < (now or timezone.now()) - STALE_AFTER


def _visible_to(member: Member) -> Q:
    """Suggestions `member` may see: published round pairs and their own recommendations."""
    mine_in_round = Q(kind=Suggestion.Kind.ROUND, round__state=Round.State.PUBLISHED) & (
        Q(member_a=member, a_dismissed_at__isnull=True)
        | Q(member_b=member, b_dismissed_at__isnull=True)
    )
    mine_recommended = Q(kind=Suggestion.Kind.RECOMMENDATION, recommended_to=member) & (
        Q(member_a=member, a_dismissed_at__isnull=True)
        | Q(member_b=member, b_dismissed_at__isnull=True)
    )
    return mine_in_round | mine_recommended


def suggestion_link(suggestion: Suggestion, member_id: int) -> str:
    """Where a member's notification of a suggestion leads: the intro to the other person,
    opened from the suggestion (an old link explains itself there)."""
    a, b = suggestion.member_a_id, suggestion.member_b_id
    other = b if member_id == a else a
    return f"{reverse('home:compose', args=[other])}?suggestion={suggestion.pk}"


def visible_suggestion(*, suggestion_id: int, member: Member) -> Suggestion:
    """One suggestion `member` may see; Suggestion.DoesNotExist for anyone else's."""
    return Suggestion.objects.filter(_visible_to(member)).get(pk=suggestion_id)


def own_suggestion(*, suggestion_id: int, member: Member) -> Suggestion:
    """One suggestion shown to `member` at some point (of a published round, or recommended
    to them), dismissed or not, with both members; Suggestion.DoesNotExist otherwise."""
    shown_once = Q(kind=Suggestion.Kind.ROUND, round__state=Round.State.PUBLISHED) | Q(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=member
    )
    return (
        Suggestion.objects.filter(shown_once & (Q(member_a=member) | Q(member_b=member)))
        .select_related("member_a", "member_b")
        .get(pk=suggestion_id)
    )


def dismissed_at(suggestion: Suggestion, member_id: int) -> datetime | None:
    """When `member_id` dismissed this suggestion, if they did (never the other's)."""
    return (
        suggestion.a_dismissed_at
        if member_id == suggestion.member_a_id
        else (suggestion.b_dismissed_at)
    )


def home_suggestions(*, member: Member) -> tuple[list[Suggestion], list[Suggestion]]:
    """What a member's home page shows: published round suggestions, then recommendations.

    A fixed number of queries whatever their number (seven). Each person appears once:
    in the newest round that suggested them, else among the recommendations. Each
    carries the explanation written to `member` as `viewer_explanation`. Only people
    `member` can act on now are shown (`_can_act_on`), and none an intro came of already.
    """
    visible = Suggestion.objects.filter(
        _visible_to(member), acted_on_at__isnull=True
    ).select_related("member_a", "member_b")
    from_rounds = visible.filter(kind=Suggestion.Kind.ROUND).order_by(
        "-round__published_at", "-score", "id"
    )
    recommended = visible.filter(kind=Suggestion.Kind.RECOMMENDATION).order_by("-score", "id")
    shown: set[int] = set()
    suggestions = _once_each(from_rounds[: HOME_SUGGESTIONS * 3], member, shown)
    recommendations = _once_each(recommended[: HOME_RECOMMENDATIONS * 3], member, shown)
    actionable = _can_act_on(member, [s.other_member for s in suggestions + recommendations])
    suggestions = [s for s in suggestions if s.other_member.pk in actionable]
    recommendations = [s for s in recommendations if s.other_member.pk in actionable]
    return suggestions[:HOME_SUGGESTIONS], recommendations[:HOME_RECOMMENDATIONS]


def _can_act_on(member: Member, others: list[Member]) -> set[int]:
    """The ids of `others` that `member` could write to now: active, with room for another
    relationship, and not kept apart from `member` for a reason another area knows (a
    relationship or an intro waiting between them either way, a recent decline). Five
    queries at most. A dismissal by the other member is not one: it is never revealed.

    Rounds and recommendations were worked out before any of this happened since.
    """
    active = [other for other in others if other.status == Member.Status.ACTIVE]
    if not active:
        return set()
    load = hooks.relationship_load(member_ids=[other.pk for other in active])
    apart = hooks.pairs_kept_apart(member_ids={member.pk})
    return {
        other.pk
        for other in active
        if load.get(other.pk, 0) < other.capacity and pair_key(member.pk, other.pk) not in apart
    }


def _once_each(suggestions: Iterable[Suggestion], member: Member, shown: set[int]):
    """The suggestions of people not `shown` yet, each with `other_member` set and the
    `viewer_explanation` written to `member` ("You both work on…")."""
    result = []
    for suggestion in suggestions:
        other = suggestion.other(member.pk)
        if other.pk in shown:
            continue
        shown.add(other.pk)
        suggestion.other_member = other
        suggestion.viewer_explanation = suggestion.explanation_for(member.pk)
        result.append(suggestion)
    return result


def recommendations_need_refresh(*, member: Member, now=None) -> bool:
    """Whether a member's recommendations are missing or older than their profile.

    False while a refresh asked for recently is still pending, so that page
    views do not queue one refresh each.
    """
    now = now or timezone.now()
    state = RecommendationRefresh.objects.filter(member=member).first()
    if state is None:
        return True
    if state.refreshed_at is not None and state.refreshed_at >= member.updated_at:
        return False
    pending = state.requested_at is not None and (
        state.requested_at >= member.updated_at and state.requested_at > now - REFRESH_RETRY_AFTER
    )
    return not pending


def pending_recommendation_requests() -> list[int]:
    """Members who asked for a refresh that has not been done since."""
    return list(
        RecommendationRefresh.objects.filter(requested_at__isnull=False)
        .filter(Q(refreshed_at__isnull=True) | Q(refreshed_at__lt=F("requested_at")))
        .values_list("member_id", flat=True)
    )


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


# "Who could help": how many a page shows, out of the ones stored for it.
HELPERS_SHOWN = 5


@dataclass(frozen=True)
class HelpersShown:
    """Who could help with something, as one viewer may see them now.

    `worked_out` is False until the background worker has looked (the page says it
    is being worked out); `touched_at` is when it was last worked out or asked for
    (None: never).
    """

    helpers: list[PossibleHelper]
    worked_out: bool
    touched_at: datetime | None = None

    @property
    def never_asked(self) -> bool:
        return self.touched_at is None

    def older_than(self, moment: datetime) -> bool:
        """Neither worked out nor asked for since `moment` (a profile changed then)."""
        return self.touched_at is None or self.touched_at < moment


def _helper_list(*, member=None, post_id=None, topic=None) -> HelperList | None:
    if member is not None:
        return HelperList.objects.filter(member=member).first()
    if post_id is not None:
        return HelperList.objects.filter(post_id=post_id).first()
    return HelperList.objects.filter(topic=topic).first()


def helpers_shown(
    *,
    viewer: Member | None,
    member: Member | None = None,
    post_id: int | None = None,
    topic: Topic | None = None,
    limit: int = HELPERS_SHOWN,
) -> HelpersShown:
    """Who could help `member` (with what they work on and are learning), with one post or
    with one topic, as stored, for `viewer` to read: best first, at most `limit`.

    Checked again now, whatever was true when they were worked out: never the viewer,
    nobody in the viewer's reporting line, nobody kept apart from them (dismissed, in a
    relationship already, a declined intro), nobody paused, gone, no longer open to
    helping or at capacity. A fixed number of queries whatever the number of helpers:
    one when nothing was ever asked for, two when nobody is stored, nine otherwise.
    """
    found = _helper_list(member=member, post_id=post_id, topic=topic)
    if found is None:
        return HelpersShown([], worked_out=False)
    touched = max(filter(None, (found.computed_at, found.requested_at)), default=None)
    stored = [
        entry
        for entry in PossibleHelper.objects.filter(
            helper_list=found, helper__status=Member.Status.ACTIVE, helper__open_to_helping=True
        )
        .select_related("helper")
        .order_by("position", "id")
        if viewer is None or entry.helper_id != viewer.pk
    ]
    shown = _still_free(stored, viewer)[:limit] if stored else []
    return HelpersShown(shown, worked_out=found.computed_at is not None, touched_at=touched)


def _still_free(stored: list[PossibleHelper], viewer: Member | None) -> list[PossibleHelper]:
    """The stored helpers the viewer may be shown now: outside their reporting line, not
    kept apart from them, with room left for another relationship."""
    helper_ids = [entry.helper_id for entry in stored]
    load = hooks.relationship_load(member_ids=helper_ids)
    shown = [e for e in stored if load.get(e.helper_id, 0) < e.helper.capacity]
    if viewer is None:
        return shown
    above = managers_above(member_ids=[viewer.pk, *helper_ids])
    apart = kept_apart_pairs(member_ids={viewer.pk})
    return [
        entry
        for entry in shown
        if entry.helper_id not in above.get(viewer.pk, set())
        and viewer.pk not in above.get(entry.helper_id, set())
        and pair_key(viewer.pk, entry.helper_id) not in apart
    ]


def visible_helper(*, entry_id: int, viewer: Member) -> PossibleHelper:
    """One stored helper `viewer` may be shown now (the composer opens from it), with its
    list and what the list is about; PossibleHelper.DoesNotExist otherwise."""
    entry = PossibleHelper.objects.select_related(
        "helper", "helper_list", "helper_list__topic"
    ).get(pk=entry_id)
    listed = entry.helper_list
    if listed.about == HelperList.About.MEMBER and listed.member_id != viewer.pk:
        raise PossibleHelper.DoesNotExist("Someone else's list")
    free = entry.helper.status == Member.Status.ACTIVE and entry.helper.open_to_helping
    if entry.helper_id == viewer.pk or not free or not _still_free([entry], viewer):
        raise PossibleHelper.DoesNotExist("Not one the viewer may be shown now")
    return entry


def pending_helper_lists() -> QuerySet[HelperList]:
    """Lists asked for and not worked out since."""
    return HelperList.objects.filter(
        Q(computed_at__isnull=True) | Q(requested_at__gt=F("computed_at"))
    )


def hand_pair_problems(*, round_obj: Round, member_a_id: int, member_b_id: int) -> list[str]:
    """What stops an organiser pairing two members by hand in `round_obj`, in words; empty
    when nothing does. The round's own hard rules (`engine.constraints.Constraints`, as the
    engine applies them): two different people, both active and open to peer learning,
    neither in the other's reporting line, not kept apart (a relationship already, a
    dismissal, an intro declined recently), and both with free capacity left after the
    pairs this round already gives them; and not a pair of this round already."""
    ids = {member_a_id, member_b_id}
    members = Member.objects.filter(pk__in=ids).order_by("id")
    load = hooks.relationship_load(member_ids=list(ids))
    in_round = Counter()
    for a, b in Suggestion.objects.filter(
        Q(member_a_id__in=ids) | Q(member_b_id__in=ids), round=round_obj
    ).values_list("member_a_id", "member_b_id"):
        in_round.update(x for x in (a, b) if x in ids)
    people = [
        replace(person, capacity=max(0, person.capacity - in_round[int(person.id)]))
        for person in _people(members, load)
    ]
    by_id = {person.id: person for person in people}
    a, b = str(member_a_id), str(member_b_id)
    if a not in by_id or b not in by_id:
        return ["Choose two members of this network."]
    # A reporting line through someone else (a manager's manager) is the same rule as a
    # direct one; the engine sees it as a blocked pair only because that person is absent.
    through_others = _chains_through_outsiders(ids)
    siblings = bool((round_obj.config or {}).get("exclude_siblings"))
    rules = Constraints(people, kept_apart_pairs(member_ids=ids), siblings=siblings)
    found = rules.violations([(a, b)])
    found["reporting_chain"] += int(pair_key(a, b) in through_others)
    problems = _hand_pair_words(found, [by_id[a], by_id[b]])
    low, high = sorted((member_a_id, member_b_id))
    if Suggestion.objects.filter(round=round_obj, member_a_id=low, member_b_id=high).exists():
        problems.append("They are already a pair in this round.")
    position = rules.position
    if not problems and not rules.allowed(position[a], position[b])[0]:  # siblings
        problems.append("They share a manager, and this round keeps such people apart.")
    return problems


def _hand_pair_words(found: dict[str, int], pair: list[Person]) -> list[str]:
    """The engine's violation counts for one pair, said with the people's names."""
    if found["same_person"]:
        return ["Choose two different people."]
    problems = []
    one, other = pair
    if found["reporting_chain"]:
        problems.append(
            f"{one.name} and {other.name} are in one reporting line; "
            "a round never pairs a manager with someone who reports to them."
        )
    if found["opted_out"]:
        out = [p.name for p in pair if not p.opted_in]
        problems.append(
            f"{' and '.join(out)} {'is' if len(out) == 1 else 'are'} paused, "
            "gone or not open to peer learning."
        )
    if found["over_capacity"]:
        full = [p.name for p in pair if p.capacity <= 0]
        problems.append(
            f"{' and '.join(full)} {'has' if len(full) == 1 else 'have'} no free capacity "
            "left: every relationship slot is in use or taken by this round's pairs."
        )
    if found["blocked"]:
        problems.append(
            f"{one.name} and {other.name} are kept apart: they already have a relationship, "
            "one of them dismissed the other, or an intro between them was declined recently."
        )
    return problems


def round_unpaired(*, round_obj: Round) -> QuerySet[UnpairedMember]:
    """Who of a round's cohort is in no pair and why, stored when it ran: by reason, then
    member, with each member's name (one query a page)."""
    return (
        UnpairedMember.objects.filter(round=round_obj)
        .select_related("member")
        .order_by("reason", "member_id")
    )


def unpaired_counts(*, round_obj: Round) -> list[tuple[str, int]]:
    """How many of the cohort are in no pair, for each reason (in words), most first."""
    rows = (
        UnpairedMember.objects.filter(round=round_obj)
        .values("reason")
        .annotate(people=Count("id"))
        .order_by("-people", "reason")
    )
    labels = dict(UnpairedMember.Reason.choices)
    return [(labels.get(row["reason"], row["reason"]), row["people"]) for row in rows]


TYPEAHEAD_LIMIT = 8


def members_named(*, query: str, limit: int = TYPEAHEAD_LIMIT) -> list[Member]:
    """Members still in the network whose name or e-mail starts with `query` (or whose name
    has a word starting with it), for a type-ahead: at most `limit`, by name. Nothing for
    fewer than two characters."""
    query = query.strip()
    if len(query) < 2:
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
