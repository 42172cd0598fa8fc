"""The demo organisation's living network: intros, relationships, exchanges, reflections.

Bulk equivalents of the connections services, for tens of thousands of people in
seconds (the services take tens of milliseconds a write). They keep the services'
invariants: two people meet over a topic they both work on or are curious about;
never within a reporting line or a team; nobody has more relationships, counting
the intros waiting for their answer, than their capacity; nobody has more than
TRELLIS_MAX_OPEN_INTROS intros waiting; a pair meets once (one intro, at most one
relationship). Only active people open to peer learning take part. Notifications
are written as `notify` would, in the app only: the demo e-mails nobody.

Planning (here) is pure Python over the planned people and one seeded generator;
`network_writing` then hands it to connections' bulk writers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings

from trellis.connections.models import Intro, Relationship
from trellis.connections.prompts import prompt_for
from trellis.demo import data
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.people.models import STATEMENT_FIELDS, Member

WORKING, CURIOUS, OFFERS, LEARNING = (
    STATEMENT_FIELDS.index(name)
    for name in ("working_on", "curious_about", "can_help_with", "learning")
)
# Per person in the organisation: relationships, then intros that never became one.
RELATIONSHIPS_PER_PERSON = 0.12
RELATIONSHIP_STATES = (  # of every 20
    (Relationship.State.ACTIVE, 12),
    (Relationship.State.DORMANT, 5),
    (Relationship.State.CLOSED, 3),
)
LOOSE_INTROS_PER_PERSON = (
    (Intro.State.SENT, 0.03),
    (Intro.State.DECLINED, 0.015),
    (Intro.State.EXPIRED, 0.015),
    (Intro.State.WITHDRAWN, 0.008),
    (Intro.State.DRAFT, 0.008),
)
ATTEMPTS = 60  # tries to find a partner before giving up on one pair
FOLLOW_UP_AFTER_DAYS = 7  # as connections' relationships_follow_up


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


@dataclass(slots=True)
class PlannedIntro:
    """An intro from one planned person to another, and when it was sent and answered."""

    sender: int
    recipient: int
    topic: str  # the name of the topic they share
    state: str
    message: str
    sent: float | None = None  # days ago
    answered: float | None = None
    reason: str = ""


@dataclass(slots=True)
class PlannedExchange:
    """One side's record of a conversation, and the reflection its author wrote on it."""

    author: int
    day: int  # days ago
    shared: str
    learned: str
    note: str
    topics: tuple[int, ...]
    reflection: tuple[str, str] | None = None  # (prompt, body)


@dataclass(slots=True)
class PlannedRelationship:
    """Two planned people, the intro that started it, its state and its exchanges."""

    intro: PlannedIntro
    state: str
    started: int  # days ago
    exchanges: list[PlannedExchange] = field(default_factory=list)
    noticed: float | None = None  # days ago: told it rests, or prompted to follow up
    closed: float | None = None
    closed_by: int | None = None
    reason: str = ""


@dataclass
class NetworkPlan:
    """Everything the living network will write."""

    relationships: list[PlannedRelationship]
    intros: list[PlannedIntro]  # those that never became a relationship


class _Planner:
    """Pairs people over shared topics within every invariant, and writes their story."""

    def __init__(
        self,
        rng: random.Random,
        people: list[PlannedPerson],
        excluded: set[int],
        names: dict[int, str],
    ):
        self.rng = rng
        self.people = people
        self.names = names
        self.expiry = settings.INTRO_EXPIRY_DAYS
        self.resting_days = settings.RESTING_AFTER_WEEKS * 7
        self.load = [0] * len(people)  # open relationships plus intros waiting, both sides
        self.waiting = [0] * len(people)  # intros sent and waiting, as their sender
        self.met: set[tuple[int, int]] = set()
        self.interests: list[tuple[int, ...]] = [()] * len(people)
        self.eligible: list[int] = []
        by_topic: dict[int, list[int]] = {}
        for i, person in enumerate(people):
            profile = person.profile
            if (
                i in excluded
                or profile["status"] != Member.Status.ACTIVE
                or not profile["open_to_peer_learning"]
                or profile["capacity"] < 1
                or not person.topics
            ):
                continue
            # By name, not id: the same seed pairs the same people whatever the ids.
            both = set(person.topics[WORKING]) | set(person.topics[CURIOUS])
            interests = tuple(sorted(both, key=names.__getitem__))
            if not interests:
                continue
            self.interests[i] = interests
            self.eligible.append(i)
            for topic in interests:
                by_topic.setdefault(topic, []).append(i)
        self.by_topic = by_topic

    # Who may meet whom.

    def _in_line(self, a: int, b: int) -> bool:
        """Whether one of the two is above the other in the reporting tree."""
        people = self.people
        low, high = (a, b) if people[a].depth >= people[b].depth else (b, a)
        current = low
        while current is not None and people[current].depth > people[high].depth:
            current = people[current].parent
        return current == high

    def _may_meet(self, a: int, b: int, *, slots: bool) -> bool:
        pair = (a, b) if a < b else (b, a)
        people = self.people
        if a == b or pair in self.met or people[a].team_key == people[b].team_key:
            return False
        if slots and not (self._has_room(a) and self._has_room(b)):
            return False
        return not self._in_line(a, b)

    def _has_room(self, i: int) -> bool:
        return self.load[i] < self.people[i].profile["capacity"]

    def pair(self, *, slots: bool, sender_waits: bool = False) -> tuple[int, int, int] | None:
        """A sender, a recipient and a topic they share, or None when none is found."""
        rng = self.rng
        for _ in range(ATTEMPTS):
            a = rng.choice(self.eligible)
            if sender_waits and self.waiting[a] >= settings.MAX_OPEN_INTROS:
                continue
            topic = rng.choice(self.interests[a])
            b = rng.choice(self.by_topic[topic])
            if self._may_meet(a, b, slots=slots):
                self.met.add((a, b) if a < b else (b, a))
                return a, b, topic
        return None

    # What they say.

    def _offer(self, i: int, fallback: int) -> int:
        offers = self.people[i].topics[OFFERS]
        return self.rng.choice(offers) if offers else fallback

    def message(self, sender: int, recipient: int, topic: int) -> str:
        rng, names = self.rng, self.names
        words = {"topic": names[topic], "offer": names[self._offer(sender, topic)]}
        paragraphs = (
            f"Hi {first_name(self.people[recipient].name)},",
            rng.choice(data.INTRO_OPENINGS).format(**words),
            rng.choice(data.INTRO_OFFERS).format(**words),
            rng.choice(data.INTRO_QUESTIONS).format(**words),
            f"Best,\n{first_name(self.people[sender].name)}",
        )
        return "\n\n".join(paragraphs)

    def intro(self, sender: int, recipient: int, topic: int, state: str) -> PlannedIntro:
        message = self.message(sender, recipient, topic)
        return PlannedIntro(sender, recipient, self.names[topic], state, message)

    def exchange(
        self, author: int, other: int, topic: int, day: int, written: dict[int, int]
    ) -> PlannedExchange:
        """What `author` shared and learned on `day`; now and then, a reflection on it."""
        rng = self.rng
        given = self._offer(author, topic)
        other_name = first_name(self.people[other].name)
        shared = learned = ""
        kind = rng.random()
        if kind < 0.8:
            shared = rng.choice(data.EXCHANGE_SHARED).format(
                topic=self.names[given], other=other_name
            )
        if kind > 0.2:
            learned = rng.choice(data.EXCHANGE_LEARNED).format(
                topic=self.names[topic], other=other_name
            )
        note = ""
        if rng.random() < 0.2:
            note = rng.choice(data.EXCHANGE_NOTES).format(topic=self.names[topic])
        exchange = PlannedExchange(
            author, day, shared, learned, note, tuple(dict.fromkeys((topic, given)))
        )
        if shared and rng.random() < 0.35:  # the helper reflects, on the journal's next prompt
            count = written[author] = written.get(author, 0) + 1
            body = data.REFLECTIONS[(count - 1) % len(data.REFLECTIONS)]
            words = body.format(topic=self.names[given], other=other_name)
            exchange.reflection = (prompt_for(count - 1), words)
        return exchange


def plan_network(
    rng: random.Random,
    people: list[PlannedPerson],
    *,
    excluded: set[int],
    topic_names: dict[int, str],
) -> NetworkPlan:
    """Relationships in each state, and intros in each state that never became one.

    `excluded` are people left out (the named demo member's counterparts). Fewer
    are planned when too few people can meet within the invariants.
    """
    planner = _Planner(rng, people, excluded, topic_names)
    plan = NetworkPlan([], [])
    if len(planner.eligible) < 2:
        return plan
    written: dict[int, int] = {}  # reflections per author, for the prompts' rotation
    states = _relationship_states(rng)
    total = max(len(RELATIONSHIP_STATES), round(len(people) * RELATIONSHIPS_PER_PERSON))
    for n in range(total):
        state = states[n % len(states)]
        found = planner.pair(slots=state != Relationship.State.CLOSED)
        if found is None:
            continue
        relationship = _relationship(planner, *found, state=state, written=written)
        if state != Relationship.State.CLOSED:
            planner.load[found[0]] += 1
            planner.load[found[1]] += 1
        plan.relationships.append(relationship)
    for state, share in LOOSE_INTROS_PER_PERSON:
        for _ in range(max(1, round(len(people) * share))):
            waits = state == Intro.State.SENT
            found = planner.pair(slots=waits, sender_waits=waits)
            if found is None:
                continue
            if waits:  # room kept on both sides, so that it can still be accepted
                planner.load[found[0]] += 1
                planner.load[found[1]] += 1
                planner.waiting[found[0]] += 1
            plan.intros.append(_loose_intro(planner, *found, state=state))
    return plan


def _relationship_states(rng: random.Random) -> list[str]:
    """The states relationships take in turn: one of each first, then in their shares."""
    rest = [state for state, share in RELATIONSHIP_STATES for _ in range(share - 1)]
    rng.shuffle(rest)
    return [state for state, _ in RELATIONSHIP_STATES] + rest


def _relationship(
    planner: _Planner, a: int, b: int, topic: int, *, state: str, written: dict[int, int]
) -> PlannedRelationship:
    """How a relationship went: when it began, its exchanges both ways, how it stands."""
    rng = planner.rng
    rest = planner.resting_days
    if state == Relationship.State.ACTIVE:
        count = rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6))
        started = rng.randint(2, rest - 1) if count == 0 else rng.randint(10, 240)
        first, last = 0, started
    elif state == Relationship.State.DORMANT:
        count = rng.choice((0, 1, 1, 2, 3))
        started = rng.randint(rest + 2, 360)
        first, last = rest + 1, started
    else:
        count = rng.choice((0, 1, 2, 2, 3))
        started = rng.randint(40, 400)
        closed = rng.randint(1, started - 20)
        first, last = closed, started
    intro = planner.intro(a, b, topic, Intro.State.ACCEPTED)
    intro.answered = started
    intro.sent = intro.answered + rng.randint(0, min(5, planner.expiry - 1)) + rng.random() * 0.4
    relationship = PlannedRelationship(intro, state, started)
    days = sorted((rng.randint(first, last) for _ in range(count)), reverse=True)
    if days and state == Relationship.State.ACTIVE:
        days[-1] = rng.randint(0, min(started, rest - 1))  # the latest one is recent
        days.sort(reverse=True)
    authors = [a, b] if rng.random() < 0.5 else [b, a]  # both ways from the start
    for n, day in enumerate(days):
        author = authors[n] if n < 2 else rng.choice(authors)
        other = b if author == a else a
        relationship.exchanges.append(planner.exchange(author, other, topic, day, written))
    quiet_since = days[-1] if days else started  # days are newest last
    if state == Relationship.State.DORMANT:
        relationship.noticed = max(quiet_since - rest, 0) + rng.random()
    elif state == Relationship.State.ACTIVE and not days and started >= FOLLOW_UP_AFTER_DAYS:
        relationship.noticed = started - FOLLOW_UP_AFTER_DAYS
    elif state == Relationship.State.CLOSED:
        relationship.closed = closed - rng.random() * 0.5
        relationship.closed_by = rng.choice((a, b))
        if rng.random() < 0.6:
            other = b if relationship.closed_by == a else a
            relationship.reason = rng.choice(data.CLOSE_REASONS).format(
                topic=planner.names[topic], other=first_name(planner.people[other].name)
            )
    return relationship


def _loose_intro(planner: _Planner, a: int, b: int, topic: int, *, state: str) -> PlannedIntro:
    """An intro that never became a relationship: waiting, declined, expired, withdrawn, a draft."""
    rng, expiry = planner.rng, planner.expiry
    intro = planner.intro(a, b, topic, state)
    if state == Intro.State.DRAFT:
        return intro
    if state == Intro.State.SENT:
        intro.sent = rng.randint(0, expiry - 2) + rng.random() * 0.9
        return intro
    if state == Intro.State.EXPIRED:
        intro.sent = rng.randint(expiry + 1, 120) + rng.random() * 0.9
        intro.answered = intro.sent - expiry
        return intro
    intro.sent = rng.randint(2, 90) + rng.random() * 0.9
    intro.answered = max(intro.sent - rng.randint(0, expiry - 2) - rng.random(), 0.0)
    if state == Intro.State.DECLINED and rng.random() < 0.7:
        intro.reason = rng.choice(data.DECLINE_REASONS).format(topic=intro.topic)
    return intro
