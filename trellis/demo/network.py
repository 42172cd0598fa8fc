"""The demo organisation's living network: intros, relationships, exchanges, reflections.

Bulk equivalents of the connections services, for tens of thousands of people in
seconds (the services take tens of milliseconds a write). They keep the services'
invariants: two people meet over a topic they both work on or are curious about;
never within a reporting line, and mostly across teams (WITHIN_TEAM of the
relationships are between teammates); nobody has more relationships, counting
the intros waiting for their answer, than their capacity; nobody has more than
TRELLIS_MAX_OPEN_INTROS intros waiting; a pair meets once (one intro, at most one
relationship). Only active people open to peer learning take part. Notifications
are written as `notify` would, in the app only: the demo e-mails nobody.

It is a history of weeks, so that the organisers' insights have something to show:
relationships began over more than a year, from every source an intro comes from
(a round's suggestion, a recommendation, a post, "who could help", a profile; in
SOURCES' shares, one of each first), some long, some resting or closed; intros were
declined and expired over the last half year; a few people are asked often and
decline most of what they are asked (ASKED_OFTEN).

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
RELATIONSHIPS_PER_PERSON = 0.3
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
# What the intros came from, in these shares of 100 (one of each first). "round" and
# "recommendation" are suggestions (`history` writes them); a post's intro names no post
# (the demo's posts are planned apart from its network: as if the post were since deleted).
SOURCES = (("round", 25), ("recommendation", 15), ("post", 15), ("help", 15), ("profile", 30))
WITHIN_TEAM = 0.15  # of relationships: between two people of one team
ONE_WAY = 0.2  # of relationships: only one of the two ever records an exchange
# People many ask and who decline most of it: per person, and the intros each was sent
# (all but the last declined, that one left to expire) within ASKED_WITHIN days of each
# other, some time in the last OLDEST_ASK days.
ASKED_OFTEN_PER_PERSON = 0.015
ASKED_OFTEN = 6
ASKED_WITHIN = 20
RECENT_SPELL = 27  # days ago the first of them was first asked
OLDEST_ASK = 180  # days: how far back the loose intros were sent
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
    source: str = "profile"  # one of SOURCES' names: what it came from


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
        self.by_team: dict[object, list[int]] = {}
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
            self.by_team.setdefault(person.team_key, []).append(i)
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

    def _may_meet(self, a: int, b: int, *, slots: bool, teammates: bool = False) -> bool:
        pair = (a, b) if a < b else (b, a)
        people = self.people
        if a == b or pair in self.met or (people[a].team_key == people[b].team_key) != teammates:
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

    def pair_in_team(self, *, slots: bool) -> tuple[int, int, int] | None:
        """Two people of one team (not in each other's reporting line) and a topic both
        have, or None when none is found."""
        rng = self.rng
        for _ in range(ATTEMPTS):
            a = rng.choice(self.eligible)
            b = rng.choice(self.by_team[self.people[a].team_key])
            shared = [topic for topic in self.interests[a] if topic in self.interests[b]]
            if shared and self._may_meet(a, b, slots=slots, teammates=True):
                self.met.add((a, b) if a < b else (b, a))
                return a, b, rng.choice(shared)
        return None

    def pair_asking(self, recipient: int) -> tuple[int, int, int] | None:
        """Someone who shares a topic with `recipient` and may ask them, or None."""
        rng = self.rng
        for _ in range(ATTEMPTS):
            topic = rng.choice(self.interests[recipient])
            a = rng.choice(self.by_topic[topic])
            if self._may_meet(a, recipient, slots=False):
                self.met.add((a, recipient) if a < recipient else (recipient, a))
                return a, recipient, topic
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
        self,
        author: int,
        other: int,
        topic: int,
        day: int,
        written: dict[int, int],
        *,
        one_way: bool = False,
    ) -> PlannedExchange:
        """What `author` shared and learned on `day`; now and then, a reflection on it.
        `one_way`: the author only gave (in a relationship where value goes one way)."""
        rng = self.rng
        given = self._offer(author, topic)
        other_name = first_name(self.people[other].name)
        shared = learned = ""
        kind = rng.random() * 0.2 if one_way else rng.random()
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
    states = in_shares(rng, RELATIONSHIP_STATES)
    sources = in_shares(rng, SOURCES)
    # The intros that never became a relationship first (a waiting one keeps room on
    # both sides for its answer), so that even a small organisation, whose pairs and
    # capacity the relationships soon take, has one in each state.
    for state, share in LOOSE_INTROS_PER_PERSON:
        _loose_intros(planner, plan, state, share, sources)
    total = max(len(RELATIONSHIP_STATES), round(len(people) * RELATIONSHIPS_PER_PERSON))
    in_team = round(total * WITHIN_TEAM)
    for n in range(total):
        state = states[n % len(states)]
        slots = state != Relationship.State.CLOSED
        # Every few, two teammates (the first pairs stay across teams, as ever).
        teammates = in_team and n % round(1 / WITHIN_TEAM) == round(1 / WITHIN_TEAM) - 1
        found = planner.pair_in_team(slots=slots) if teammates else planner.pair(slots=slots)
        if found is None:
            continue
        relationship = _relationship(planner, *found, state=state, written=written)
        relationship.intro.source = sources[len(plan.relationships) % len(sources)]
        if state != Relationship.State.CLOSED:
            planner.load[found[0]] += 1
            planner.load[found[1]] += 1
        plan.relationships.append(relationship)
    _asked_often(planner, plan, sources)
    return plan


def _loose_intros(
    planner: _Planner, plan: NetworkPlan, state: str, share: float, sources: list[str]
) -> None:
    """Intros in `state` that never became a relationship, `share` of them per person."""
    for _ in range(max(1, round(len(planner.people) * share))):
        waits = state == Intro.State.SENT
        found = planner.pair(slots=waits, sender_waits=waits)
        if found is None:
            continue
        if waits:  # room kept on both sides, so that it can still be accepted
            planner.load[found[0]] += 1
            planner.load[found[1]] += 1
            planner.waiting[found[0]] += 1
        intro = _loose_intro(planner, *found, state=state)
        if state != Intro.State.DRAFT:  # a draft is a profile's: nothing was acted on
            intro.source = sources[len(plan.intros) % len(sources)]
        plan.intros.append(intro)


def _asked_often(planner: _Planner, plan: NetworkPlan, sources: list[str]) -> None:
    """A few people many ask, who decline all but the last ask (it expires unanswered)."""
    rng, by_topic = planner.rng, planner.by_topic
    count = max(2, round(len(planner.people) * ASKED_OFTEN_PER_PERSON))
    # The most sought after of a sample: those the most people share a topic with.
    sample = rng.sample(planner.eligible, min(count * 10, len(planner.eligible)))
    sought = sorted(sample, key=lambda i: -sum(len(by_topic[t]) for t in planner.interests[i]))
    expiry = planner.expiry
    for k, recipient in enumerate(sought[:count]):
        # One busy spell each: the asks come within ASKED_WITHIN days of each other; the
        # first one's in the last four weeks, the last ask of it expired already.
        first = rng.randint(expiry + ASKED_WITHIN + 1, OLDEST_ASK)
        first = max(RECENT_SPELL, expiry + 2) if k == 0 else first
        within = max(0, min(ASKED_WITHIN, first - expiry - 1))
        for n in range(ASKED_OFTEN):
            found = planner.pair_asking(recipient)
            if found is None:
                continue
            state = Intro.State.EXPIRED if n == ASKED_OFTEN - 1 else Intro.State.DECLINED
            intro = _loose_intro(planner, *found, state=state)
            intro.sent = first - rng.uniform(0, within)
            if state == Intro.State.EXPIRED:
                intro.answered = intro.sent - expiry
            else:
                intro.answered = intro.sent - rng.uniform(0, expiry - 1)
            intro.source = sources[len(plan.intros) % len(sources)]
            plan.intros.append(intro)


def in_shares(rng: random.Random, shares: tuple[tuple[str, int], ...]) -> list[str]:
    """Names to take in turn: one of each first, then the rest in their shares, shuffled."""
    rest = [name for name, share in shares for _ in range(share - 1)]
    rng.shuffle(rest)
    return [name for name, _ in shares] + rest


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
    one_way = rng.random() < ONE_WAY  # or one of them only gives, and writes it down
    if one_way:
        authors = authors[:1]
    for n, day in enumerate(days):
        author = authors[n] if n < len(authors) else rng.choice(authors)
        other = b if author == a else a
        exchange = planner.exchange(author, other, topic, day, written, one_way=one_way)
        relationship.exchanges.append(exchange)
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
        intro.sent = rng.randint(expiry + 1, OLDEST_ASK) + rng.random() * 0.9
        intro.answered = intro.sent - expiry
        return intro
    intro.sent = rng.randint(2, OLDEST_ASK) + rng.random() * 0.9
    intro.answered = max(intro.sent - rng.randint(0, expiry - 2) - rng.random(), 0.0)
    if state == Intro.State.DECLINED and rng.random() < 0.7:
        intro.reason = rng.choice(data.DECLINE_REASONS).format(topic=intro.topic)
    return intro
