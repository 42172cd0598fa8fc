"""The demo member's own story, written through the connections services.

Whoever signs in as member@demo.trellis.test finds a network at work: an intro
they sent waiting for an answer, one sent to them to accept, a draft, one they
declined (with a reason only they read), one that expired and one they withdrew;
an active relationship with exchanges both ways and a reflection, one resting and
one they closed (with a private reason); and notifications, some unread.

Every write is a service call, dated in the past where the service takes a
`now` (and its rows' creation times moved to match by the apps' `backdated`).
Nobody is e-mailed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from trellis.connections import bulk as connections
from trellis.connections import selectors, services
from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.connections.prompts import PROMPTS
from trellis.demo import data
from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.network import CURIOUS, LEARNING, OFFERS, WORKING, first_name
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.notifications import bulk as notices
from trellis.notifications import services as notifications
from trellis.notifications.models import Notification
from trellis.people.models import Member, ProfileTopic, Topic
from trellis.people.services import member_update

# The parts of the story, most important first: with few people to choose from,
# the last ones are left out.
ROLES = (
    "active",  # sent them an intro they accepted; exchanges both ways since
    "received",  # an intro to them, waiting for their answer
    "sent",  # their intro, waiting for an answer
    "resting",  # accepted their intro; quiet for weeks now
    "closed",  # they closed it, with a reason only they read
    "declined",  # an intro to them they declined, with a private reason
    "expired",  # their intro nobody answered
    "withdrawn",  # their intro they took back
    "draft",  # theirs, not sent yet
)
DECLINE_REASON = "Not the right time: the platform migration takes all my week until spring."
CLOSE_REASON = (
    "We both moved on from {topic}, and our check-ins had turned into status updates. "
    "Better to stop while it's still friendly."
)


@dataclass(frozen=True)
class Interests:
    """Someone's topics, by what they say about them."""

    interests: frozenset[int]
    offers: frozenset[int]
    learning: frozenset[int]

    @classmethod
    def of_person(cls, person: PlannedPerson) -> Interests:
        t = person.topics
        return cls(frozenset(t[WORKING] + t[CURIOUS]), frozenset(t[OFFERS]), frozenset(t[LEARNING]))

    @classmethod
    def of_member(cls, member: Member) -> Interests:
        by: dict[str, set[int]] = {}
        for statement, topic_id in ProfileTopic.objects.filter(member=member).values_list(
            "statement", "topic_id"
        ):
            by.setdefault(statement, set()).add(topic_id)
        return cls(
            frozenset(by.get("working_on", set()) | by.get("curious_about", set())),
            frozenset(by.get("can_help_with", set())),
            frozenset(by.get("learning", set())),
        )


@contextmanager
def dated(when: datetime) -> Iterator[None]:
    """Rows the block creates (intros, notifications, exchanges, reflections) date from `when`.

    Services stamp what they create with the time they run; the story happened
    over months.
    """
    with connections.backdated(when), notices.backdated(when):
        yield


def choose_counterparts(
    people: list[PlannedPerson], member_ids: list[int], member: Member, mine: Interests
) -> dict[str, int]:
    """The planned people who play each role, best suited first (index into `people`).

    Active, open to peer learning, with room for a relationship, outside the
    member's reporting line and team; ranked by what they share with the member
    and what each could teach the other.
    """
    index_of = {member_id: i for i, member_id in enumerate(member_ids)}
    manager = index_of.get(member.manager_id)
    above: set[int] = set()
    current = manager
    while current is not None:
        above.add(current)
        current = people[current].parent
    ranked = []
    for i, person in enumerate(people):
        profile = person.profile
        if (
            i in above
            or person.parent == manager  # the member's own team
            or profile["status"] != Member.Status.ACTIVE
            or not profile["open_to_peer_learning"]
            or profile["capacity"] < 1
        ):
            continue
        theirs = Interests.of_person(person)
        shared = len(mine.interests & theirs.interests)
        teaches_me = len(theirs.offers & mine.learning)
        learns_from_me = len(mine.offers & theirs.learning)
        score = 4 * bool(shared) + 3 * teaches_me + 2 * learns_from_me + shared
        ranked.append((-score, i))
    ranked.sort()
    return {role: i for role, (_, i) in zip(ROLES, ranked, strict=False)}


class _Story:
    """The member's story, one service call at a time."""

    def __init__(self, rng: random.Random, member: Member, cast: dict[str, Member], now):
        self.rng = rng
        self.me = member
        self.cast = cast
        self.now = now
        self.by_member = {m.pk: Interests.of_member(m) for m in (member, *cast.values())}
        self.mine = self.by_member[member.pk]
        ids: set[int] = set()
        for interests in self.by_member.values():
            ids |= interests.interests | interests.offers | interests.learning
        self.topics = Topic.objects.in_bulk(ids)

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def send(self, sender: Member, recipient: Member, days: float) -> Intro:
        """`sender`'s intro to `recipient`, in the composer's words, `days` ago."""
        when = self.ago(days)
        with dated(when):
            draft = services.intro_draft(sender=sender, recipient=recipient)
            return services.intro_send(
                sender=sender, recipient=recipient, message=draft.message, intro=draft, now=when
            )

    def accept(self, intro: Intro, days: float) -> Relationship:
        with dated(self.ago(days)):
            return services.intro_accept(intro=intro, member=intro.recipient, now=self.ago(days))

    def topic_among(self, *pools: frozenset[int]) -> Topic | None:
        for pool in pools:
            if pool:
                return min((self.topics[t] for t in pool), key=lambda topic: topic.name)
        return None

    def record(self, relationship: Relationship, author: Member, days: float) -> Exchange:
        """What `author` shared (what they can help with) and learned (what the other offers)."""
        other = self.cast_other(relationship, author)
        mine, theirs = self.interests(author), self.interests(other)
        gives = self.topic_among(
            mine.offers & theirs.learning, mine.offers & theirs.interests, mine.offers
        )
        learns = self.topic_among(
            theirs.offers & mine.learning, mine.interests & theirs.interests, theirs.offers
        )
        gives = gives or learns
        learns = learns or gives
        name = first_name(other.display_name)
        when = self.ago(days)
        with dated(when):
            return services.exchange_record(
                relationship=relationship,
                author=author,
                date=timezone.localdate(when),
                what_i_shared=self._words(data.EXCHANGE_SHARED, gives, name),
                what_i_learned=self._words(data.EXCHANGE_LEARNED, learns, name),
                topics=[t for t in dict.fromkeys((gives, learns)) if t is not None],
                now=when,
                refresh=False,  # the demo command works out who could help once, at the end
            )

    def reflect(self, exchange: Exchange, days: float) -> Reflection:
        """The author's reflection on what they shared, from the journal's next prompt."""
        author = exchange.author
        other = self.cast_other(exchange.relationship, author)
        mine, theirs = self.interests(author), self.interests(other)
        topic = self.topic_among(mine.offers & theirs.learning, mine.offers & theirs.interests)
        topic = topic or exchange.topics.order_by("name").first()
        prompt = selectors.next_prompt(author=author)
        body = data.REFLECTIONS[PROMPTS.index(prompt) % len(data.REFLECTIONS)]
        with dated(self.ago(days)):
            return services.reflection_write(
                author=author,
                body=body.format(
                    topic=topic.name if topic else "this", other=first_name(other.display_name)
                ),
                prompt=prompt,
                exchange=exchange,
            )

    def _words(self, templates: tuple[str, ...], topic: Topic | None, other: str) -> str:
        name = topic.name if topic is not None else "this"
        return self.rng.choice(templates).format(topic=name, other=other)

    def interests(self, member: Member) -> Interests:
        return self.by_member[member.pk]

    def cast_other(self, relationship: Relationship, member: Member) -> Member:
        other_id = (
            relationship.member_b_id
            if member.pk == relationship.member_a_id
            else (relationship.member_a_id)
        )
        if other_id == self.me.pk:
            return self.me
        return next(m for m in self.cast.values() if m.pk == other_id)


UNREAD_FOR_DAYS = 5  # newer notifications are still unread


def create_member_story(
    rng: random.Random, people: list[PlannedPerson], member_ids: list[int], *, now: datetime
) -> set[int]:
    """Play the demo member's story; returns who took part (indices into `people`)."""
    member = Member.objects.select_related("user").get(user__email=MEMBER_EMAIL)
    roles = choose_counterparts(people, member_ids, member, Interests.of_member(member))
    members = Member.objects.select_related("user").in_bulk([member_ids[i] for i in roles.values()])
    cast = {role: members[member_ids[i]] for role, i in roles.items()}
    story = _Story(rng, member, cast, now)
    with notifications.notifications_in_app_only():
        mark = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        _relationships(story)
        _intros(story)
        _read_older_notifications(story, after=mark)
    return set(roles.values())


def _relationships(story: _Story) -> None:
    """Closed long ago, then resting, then active with exchanges both ways and reflections."""
    me, cast = story.me, story.cast
    if "closed" in cast:
        them = cast["closed"]
        relationship = story.accept(story.send(them, me, days=320), days=318)
        story.record(relationship, them, days=300)
        story.record(relationship, me, days=280)
        theirs = story.interests(them).interests
        topic = story.topic_among(story.mine.interests & theirs, story.mine.interests)
        reason = CLOSE_REASON.format(topic=topic.name if topic else "that work")
        services.relationship_close(
            relationship=relationship, member=me, reason=reason, now=story.ago(200)
        )
    if "resting" in cast:
        them = cast["resting"]
        relationship = story.accept(story.send(me, them, days=200), days=198)
        story.record(relationship, me, days=190)
        story.record(relationship, them, days=150)
    if "active" in cast:
        them = cast["active"]
        # So that "how to reach me" shows on the demo member's pages.
        handle = f"@{first_name(them.display_name).lower()} on the company chat"
        slug = them.display_name.lower().replace(" ", "-")
        member_update(member=them, chat_handle=handle, booking_link=f"https://cal.com/{slug}")
        relationship = story.accept(story.send(them, me, days=75), days=73)
        helped = story.record(relationship, them, days=68)
        story.record(relationship, me, days=55)
        story.record(relationship, them, days=27)
        shared = story.record(relationship, me, days=9)
        story.reflect(helped, days=66)
        story.reflect(shared, days=8)
    services.relationships_rest(now=story.now)  # the resting one is told it rests


def _intros(story: _Story) -> None:
    """Intros in every other state: declined, expired, withdrawn, waiting both ways, a draft."""
    me, cast = story.me, story.cast
    if "declined" in cast:
        intro = story.send(cast["declined"], me, days=40)
        services.intro_decline(intro=intro, member=me, reason=DECLINE_REASON, now=story.ago(38))
    # Old enough that the pause after an intro that ended unanswered is over (its expiry
    # plus TRELLIS_DECLINE_BLOCK_DAYS, 14 + 90 days by default): the demo member may
    # write to these two again, and they may be shown as able to help.
    if "expired" in cast:
        story.send(me, cast["expired"], days=120)
        services.intros_expire(now=story.now)
    if "withdrawn" in cast:
        intro = story.send(me, cast["withdrawn"], days=118)
        services.intro_withdraw(intro=intro, member=me, now=story.ago(113))
    if "sent" in cast:
        story.send(me, cast["sent"], days=3)
    if "received" in cast:
        story.send(cast["received"], me, days=2)
    if "draft" in cast:
        with dated(story.ago(1)):
            services.intro_draft(sender=me, recipient=cast["draft"])


def _read_older_notifications(story: _Story, *, after: int) -> None:
    """The story's notifications older than a few days were read, the day they came."""
    older = Notification.objects.filter(
        pk__gt=after, created_at__lt=story.ago(UNREAD_FOR_DAYS)
    ).select_related("recipient")
    for notification in older:
        notifications.notification_mark_read(
            notification_id=notification.pk,
            member=notification.recipient,
            now=notification.created_at + timedelta(hours=20),
        )
