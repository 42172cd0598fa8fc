"""Reads for relationships and their exchanges."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from trellis.connections.models import Exchange, MeetingProposal, Relationship
from trellis.people.models import Member, ProfileTopic, Topic
from trellis.people.selectors import topic_matcher
from trellis.text.normalise import split_phrases

# Statements that say what someone works on or wonders about: what two people share.
INTEREST = (ProfileTopic.Statement.WORKING_ON, ProfileTopic.Statement.CURIOUS_ABOUT)


def _either(member_id: int) -> Q:
    return Q(member_a_id=member_id) | Q(member_b_id=member_id)


def relationship_count(*, member_id: int) -> int:
    """How many relationships count against `member_id`'s capacity: active and resting."""
    return (
        Relationship.objects.filter(_either(member_id))
        .exclude(state=Relationship.State.CLOSED)
        .count()
    )


def relationship_between(*, a_id: int, b_id: int) -> Relationship | None:
    """The relationship of two members that is not closed, if they have one."""
    low, high = sorted((a_id, b_id))
    return (
        Relationship.objects.filter(member_a_id=low, member_b_id=high)
        .exclude(state=Relationship.State.CLOSED)
        .first()
    )


def _profile_topics(through: str) -> Prefetch:
    return Prefetch(
        f"{through}__profile_topics",
        queryset=ProfileTopic.objects.select_related("topic").order_by("topic__name"),
    )


def relationship_for_member(*, relationship_id: int, member: Member) -> Relationship:
    """One of `member`'s relationships with everything its page shows, in fixed queries.

    Relationship.DoesNotExist for anyone not in it, as for one that does not exist.
    """
    exchanges = Exchange.objects.select_related("author").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name"))
    )
    # A meeting stays listed for a day after it starts: its invitation may still be wanted.
    upcoming = MeetingProposal.objects.filter(
        starts_at__gte=timezone.now() - timedelta(days=1)
    ).select_related("proposer")
    return (
        Relationship.objects.filter(_either(member.pk))
        .select_related("member_a__user", "member_b__user", "intro")
        .prefetch_related(
            _profile_topics("member_a"),
            _profile_topics("member_b"),
            Prefetch("exchanges", queryset=exchanges.order_by("-date", "-id")),
            Prefetch("meetings", queryset=upcoming, to_attr="upcoming_meetings"),
        )
        .get(pk=relationship_id)
    )


def meeting_for_member(*, relationship_id: int, meeting_id: int, member: Member) -> MeetingProposal:
    """A meeting proposed in one of `member`'s relationships, with what its invitation names.

    MeetingProposal.DoesNotExist for anyone not in the relationship (organisers too),
    as for one that does not exist.
    """
    relationships = Relationship.objects.filter(_either(member.pk))
    return (
        MeetingProposal.objects.filter(relationship__in=relationships)
        .select_related(
            "relationship__member_a__user",
            "relationship__member_b__user",
            "relationship__intro",
            "proposer__user",
        )
        .prefetch_related(
            _profile_topics("relationship__member_a"), _profile_topics("relationship__member_b")
        )
        .get(pk=meeting_id, relationship_id=relationship_id)
    )


def relationships_of(*, member: Member, state: str | None = None) -> QuerySet[Relationship]:
    """`member`'s relationships (only those in `state`, if given), active then resting
    then closed, newest first, with both members."""
    rank = Case(
        When(state=Relationship.State.ACTIVE, then=Value(0)),
        When(state=Relationship.State.DORMANT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    relationships = Relationship.objects.filter(_either(member.pk))
    if state is not None:
        relationships = relationships.filter(state=state)
    return relationships.select_related("member_a", "member_b").order_by(rank, "-started_at", "-id")


def exchanges_in(*, relationship_id: int, member: Member) -> QuerySet[Exchange]:
    """The exchanges of one of `member`'s relationships, newest first, with their authors
    and topics; Relationship.DoesNotExist for anyone not in it (organisers too)."""
    relationship = Relationship.objects.filter(_either(member.pk)).get(pk=relationship_id)
    return (
        Exchange.objects.filter(relationship=relationship)
        .select_related("author")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .order_by("-date", "-id")
    )


def shared_topics(a: Member, b: Member) -> list[Topic]:
    """Topics both members work on or are curious about (from prefetched profile topics)."""
    theirs = {link.topic_id for link in b.profile_topics.all() if link.statement in INTEREST}
    shared: dict[int, Topic] = {}
    for link in a.profile_topics.all():
        if link.statement in INTEREST and link.topic_id in theirs:
            shared.setdefault(link.topic_id, link.topic)
    return sorted(shared.values(), key=lambda topic: topic.name)


def exchanges_in_relationships_of(*, member: Member) -> list[dict]:
    """Every exchange in `member`'s relationships, as the reciprocity view counts them."""
    return list(
        Exchange.objects.filter(Q(relationship__member_a=member) | Q(relationship__member_b=member))
        .order_by("date", "id")
        .values("relationship_id", "author_id", "date", "what_i_shared", "what_i_learned")
    )


def topics_from_text(text: str) -> tuple[list[Topic], list[str]]:
    """The vocabulary topics a comma-separated text names, and the phrases naming none."""
    matcher = topic_matcher()
    slugs: list[str] = []
    unknown: list[str] = []
    for phrase in split_phrases(text):
        found = matcher.topics(phrase)
        if found:
            slugs += [slug for slug in found if slug not in slugs]
        else:
            unknown.append(phrase)
    by_slug = {topic.slug: topic for topic in Topic.objects.filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug], unknown
