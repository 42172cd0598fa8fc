"""The demo's initiatives: who champions what, who volunteers, what each team did and
what observers saw them do.

Bulk equivalents of the initiatives services, for tens of thousands of people in
seconds. They keep the services' invariants: only active members open to
initiatives lead or volunteer, and nobody for their own initiative or twice for
one; drafts have no volunteers and every published initiative has opened; no
more volunteers are accepted than the helpers it asked for, and only while it
took volunteers; only its team (the lead and accepted volunteers) logs
contributions, after joining and before it closed; an observation is about
someone else, by someone still here, seen after the work and never after today.

Some people's work is seen only by their own team and some by nobody yet, so the
visibility map and the organiser's "unseen contributors" have something to show.

Planning (here) is pure Python over the planned people and one seeded generator;
`initiatives_writing` then hands it to initiatives' bulk writers.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from trellis.demo import data
from trellis.demo.network import CURIOUS, LEARNING, OFFERS, WORKING, first_name, in_shares
from trellis.initiatives.models import MAX_TITLE, Initiative, Volunteer
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.people.models import Member
from trellis.text.normalise import fold

State = Initiative.State
INITIATIVES_PER_PERSON = 1 / 40
MIN_INITIATIVES = 12
INITIATIVE_STATES = (  # of every 20
    (State.DRAFT, 2),
    (State.OPEN, 6),
    (State.UNDERWAY, 5),
    (State.DONE, 5),
    (State.CANCELLED, 2),
)
# Contributions per team member: (fewest, most), by the initiative's state.
CONTRIBUTIONS = {
    State.OPEN: (0, 1),
    State.UNDERWAY: (1, 3),
    State.DONE: (1, 4),
    State.CANCELLED: (0, 1),
}
# How each contributor on an initiative was seen, in these shares of 100, taken in turn
# (one of each first, so that even a small organisation has each): nobody recorded their
# work, only people of their own team did, or someone from elsewhere did too.
HOW_SEEN = (("unseen", 28), ("own team", 17), ("elsewhere", 55))
VAGUE = 0.1  # observations of the "great job!" kind, for the linter to nudge
SHOWN = 0.35  # specific observations their subject shows on their profile
LINKED = 0.2  # contributions with a link
LOOSE_OBSERVATIONS_PER_PERSON = 0.01  # observations of work outside any initiative
ATTEMPTS = 40


@dataclass(slots=True)
class PlannedVolunteer:
    """An offer to help, and the lead's answer (or the volunteer's withdrawal)."""

    member: int  # index into `people`
    state: str
    offered: float  # days ago
    answered: float | None
    brings: str
    wants_to_learn: str


@dataclass(slots=True)
class PlannedContribution:
    member: int
    day: float  # days ago
    text: str
    link: str = ""


@dataclass(slots=True)
class PlannedInitiative:
    """An initiative, its life so far, its volunteers and its team's contributions."""

    lead: int
    state: str
    title: str
    problem: str
    why_it_matters: str
    skills: str
    helpers_wanted: int
    time_ask: str
    ends_in: int  # days from today; negative once it has ended
    created: float  # days ago
    opened: float | None = None
    closed: float | None = None
    needs: list[int] = field(default_factory=list)  # topic ids: what it is about, then skills
    volunteers: list[PlannedVolunteer] = field(default_factory=list)
    contributions: list[PlannedContribution] = field(default_factory=list)


@dataclass(slots=True)
class PlannedObservation:
    observer: int
    subject: int
    initiative: int | None  # index into the plan's initiatives
    text: str
    seen: float  # days ago
    recorded: float  # days ago, at most `seen`
    shown: bool


@dataclass
class InitiativePlan:
    """Everything the initiatives phase will write."""

    initiatives: list[PlannedInitiative]
    observations: list[PlannedObservation]


class _Planner:
    """Picks leads, volunteers and observers within every invariant, and writes their words."""

    def __init__(self, rng: random.Random, people: list[PlannedPerson], names: dict[int, str]):
        self.rng = rng
        self.people = people
        self.names = names
        self.how_seen = in_shares(rng, HOW_SEEN)
        self.answered: Counter[str] = Counter()  # offers planned, by state
        self.seen_so_far = 0
        self.leads: list[int] = []
        lead_weights: list[int] = []
        self.helpers: list[int] = []  # may volunteer
        self.active: list[int] = []  # may observe
        self.by_topic: dict[int, list[int]] = {}
        self.by_team: dict[int, list[int]] = {}
        self.led: set[int] = set()
        for i, person in enumerate(people):
            if person.profile["status"] != Member.Status.ACTIVE or not person.topics:
                continue
            self.active.append(i)
            self.by_team.setdefault(person.team_key, []).append(i)
            if not person.profile["open_to_initiatives"]:
                continue
            self.helpers.append(i)
            if person.topics[WORKING]:
                self.leads.append(i)
                lead_weights.append(person.level**2)  # seniors champion more, not alone
            for topic in {
                *person.topics[OFFERS],
                *person.topics[LEARNING],
                *person.topics[WORKING],
            }:
                self.by_topic.setdefault(topic, []).append(i)
        self.lead_weights = list(accumulate(lead_weights))

    def topics(self, i: int, *statements: int) -> list[int]:
        """The person's topics in those statements, by name: the same whatever the ids."""
        found = {t for s in statements for t in self.people[i].topics[s]}
        return sorted(found, key=self.names.__getitem__)

    def first(self, i: int) -> str:
        return first_name(self.people[i].name)

    def same_team(self, a: int, b: int) -> bool:
        return self.people[a].team_key == self.people[b].team_key

    # Who.

    def lead(self) -> int:
        rng = self.rng
        for _ in range(5):  # someone who leads nothing yet, if one comes up
            i = rng.choices(self.leads, cum_weights=self.lead_weights)[0]
            if i not in self.led:
                break
        self.led.add(i)
        return i

    def volunteer(self, needs: list[int], lead: int, taken: set[int]) -> int | None:
        """Someone who can help with or is learning what it needs, mostly from other teams."""
        rng = self.rng
        for n in range(ATTEMPTS):
            pool = self.by_topic.get(rng.choice(needs)) if n < ATTEMPTS // 2 else None
            i = rng.choice(pool or self.helpers)
            if i in taken or (self.same_team(i, lead) and rng.random() < 0.7):
                continue
            taken.add(i)
            return i
        return None

    def outsider(self, subject: int, needs: list[int], but: set[int]) -> int | None:
        """Someone from another team who would have seen the work: they care about its topic."""
        rng = self.rng
        for n in range(ATTEMPTS):
            pool = self.by_topic.get(rng.choice(needs)) if n < ATTEMPTS // 2 else None
            i = rng.choice(pool or self.active)
            if i != subject and i not in but and not self.same_team(i, subject):
                return i
        return None

    def next_how_seen(self, *, has_teammates: bool) -> str:
        """How the next contributor was seen: the next turn, but only someone with
        teammates can be seen by their own team alone (they wait for the next one)."""
        turn = self.how_seen[self.seen_so_far % len(self.how_seen)]
        if turn == "own team" and not has_teammates:
            return "elsewhere"
        self.seen_so_far += 1
        return turn

    def teammates(self, subject: int) -> list[int]:
        return [i for i in self.by_team.get(self.people[subject].team_key, ()) if i != subject]

    # What they say.

    def volunteer_notes(self, i: int, needs: list[int]) -> tuple[str, str]:
        rng, names = self.rng, self.names
        offers = self.topics(i, OFFERS)
        offers = [t for t in offers if t in needs] or offers or needs
        learning = self.topics(i, LEARNING)
        learning = [t for t in learning if t in needs] or learning or needs
        brings = rng.choice(data.VOLUNTEER_BRINGS).format(topic=names[rng.choice(offers)])
        learns = rng.choice(data.VOLUNTEER_LEARNS).format(topic=names[rng.choice(learning)])
        return brings, learns[:1].upper() + learns[1:]

    def contribution(self, member: int, team: list[int], needs: list[int]) -> PlannedContribution:
        rng = self.rng
        others = [i for i in team if i != member]
        name = self.first(rng.choice(others)) if others else "a colleague"
        topic = self.names[rng.choice(needs)]
        words = {"topic": topic, "name": name, "team": self.people[team[0]].team}
        text = rng.choice(data.CONTRIBUTION_ACTIONS) + rng.choice(data.CONTRIBUTION_RESULTS)
        link = ""
        if rng.random() < LINKED:
            link = "https://wiki.example.com/" + re.sub(r"[^a-z0-9]+", "-", fold(topic)).strip("-")
        return PlannedContribution(member, 0.0, text.format(**words), link)

    def observation_text(self, subject: int, topic: int) -> tuple[str, bool]:
        """What the observer wrote, and whether it is specific (vague praise is not shown)."""
        rng = self.rng
        words = {"name": self.first(subject), "topic": self.names[topic]}
        if rng.random() < VAGUE:
            return rng.choice(data.OBSERVATION_VAGUE).format(**words), False
        opener = rng.choice(data.OBSERVATION_OPENERS)
        return opener + rng.choice(data.OBSERVATION_SPECIFICS).format(**words), True


def plan_initiatives(
    rng: random.Random, people: list[PlannedPerson], *, topic_names: dict[int, str]
) -> InitiativePlan:
    """Initiatives in every state with their volunteers, contributions and observations,
    and a few observations of work outside any initiative."""
    planner = _Planner(rng, people, topic_names)
    plan = InitiativePlan([], [])
    if not planner.leads or len(planner.helpers) < 2:
        return plan
    states = _states(rng)
    total = max(MIN_INITIATIVES, round(len(people) * INITIATIVES_PER_PERSON))
    for n in range(total):
        initiative = _initiative(planner, states[n % len(states)])
        plan.initiatives.append(initiative)
        plan.observations += _observations(planner, initiative, len(plan.initiatives) - 1)
    plan.observations += _loose_observations(planner, len(people))
    return plan


def _states(rng: random.Random) -> list[str]:
    """The states initiatives take in turn: one of each first, then in their shares."""
    rest = [state for state, share in INITIATIVE_STATES for _ in range(share - 1)]
    rng.shuffle(rest)
    return [state for state, _ in INITIATIVE_STATES] + rest


def _initiative(planner: _Planner, state: str) -> PlannedInitiative:
    """What it is about (the lead's own problem), when it opened and closed, and its people."""
    rng, names = planner.rng, planner.names
    lead = planner.lead()
    topic = rng.choice(planner.topics(lead, WORKING))
    others = [t for t in planner.topics(lead, OFFERS, WORKING, CURIOUS) if t != topic]
    needs = [topic, *rng.sample(others, min(len(others), rng.randint(1, 3)))]
    words = {
        "topic": names[topic],
        "other": names[needs[1]] if len(needs) > 1 else "its users",
        "team": planner.people[lead].team,
    }
    problem = " ".join(
        filter(None, (rng.choice(data.INITIATIVE_PROBLEMS), rng.choice(data.INITIATIVE_DETAILS)))
    )
    initiative = PlannedInitiative(
        lead=lead,
        state=state,
        title=rng.choice(data.INITIATIVE_TITLES).format(**words)[:MAX_TITLE],
        problem=problem.format(**words),
        why_it_matters=rng.choice(data.INITIATIVE_WHYS).format(**words),
        skills=", ".join(names[t] for t in needs),
        helpers_wanted=rng.choice((1, 2, 2, 3, 3, 4, 5)),
        time_ask=rng.choice(data.TIME_ASKS),
        ends_in=0,
        created=0.0,
        needs=needs,
    )
    _timeline(rng, initiative)
    if state != State.DRAFT:
        _volunteers(planner, initiative)
        _contributions(planner, initiative)
    return initiative


def _timeline(rng: random.Random, initiative: PlannedInitiative) -> None:
    """When it was written, opened and closed (days ago), and when it ends (days from today)."""
    state = initiative.state
    if state == State.DRAFT:
        initiative.created = rng.uniform(0.3, 30)
        initiative.ends_in = rng.randint(20, 120)
        return
    if state == State.OPEN:
        opened, initiative.ends_in = rng.uniform(2, 45), rng.randint(14, 120)
    elif state == State.UNDERWAY:
        opened, initiative.ends_in = rng.uniform(15, 150), rng.randint(7, 90)
    elif state == State.DONE:
        opened = rng.uniform(45, 330)
        initiative.closed = rng.uniform(1, opened - 30)
        initiative.ends_in = rng.randint(-10, 14) - int(initiative.closed)
    else:
        opened = rng.uniform(10, 300)
        initiative.closed = rng.uniform(1, opened - 5)
        initiative.ends_in = rng.randint(0, 60) - int(initiative.closed)
    initiative.opened = opened
    initiative.created = opened + rng.uniform(0, 10)


def _volunteers(planner: _Planner, initiative: PlannedInitiative) -> None:
    """Offers in every state: the team (never past the helpers wanted), some waiting while
    it takes volunteers, some declined and some withdrawn."""
    rng, state, helpers = planner.rng, initiative.state, initiative.helpers_wanted
    accepted = {
        State.OPEN: rng.randint(0, helpers - 1),
        State.UNDERWAY: rng.randint(1, helpers),
        State.DONE: rng.randint(1, helpers),
        State.CANCELLED: rng.randint(0, min(2, helpers)),
    }[state]
    waiting = {State.OPEN: rng.randint(1, 3), State.UNDERWAY: rng.randint(0, 2)}.get(state, 0)
    declined, withdrawn = rng.choice((0, 0, 1, 1, 2)), rng.choice((0, 0, 0, 1))
    V = Volunteer.State
    # Until there is one of each, every initiative has one (a small organisation too).
    declined = max(declined, int(not planner.answered[V.DECLINED]))
    withdrawn = max(withdrawn, int(not planner.answered[V.WITHDRAWN]))
    answers = [V.ACCEPTED] * accepted + [V.APPLIED] * waiting
    answers += [V.DECLINED] * declined + [V.WITHDRAWN] * withdrawn
    needs, taken = initiative.needs, {initiative.lead}
    end = initiative.closed or 0.0  # it took offers from opening until it closed (or now)
    for answer in answers:
        i = planner.volunteer(needs, initiative.lead, taken)
        if i is None:
            break
        offered = rng.uniform(end, initiative.opened)
        answered = None
        if answer == V.WITHDRAWN:
            answered = rng.uniform(end, offered)
        elif answer != V.APPLIED:
            answered = max(end, offered - rng.uniform(0.05, 5))
        brings, learns = planner.volunteer_notes(i, needs)
        initiative.volunteers.append(PlannedVolunteer(i, answer, offered, answered, brings, learns))
        planner.answered[answer] += 1


def _contributions(planner: _Planner, initiative: PlannedInitiative) -> None:
    """The team's log: each member's entries between joining and its closing (or today)."""
    rng = planner.rng
    joined = {initiative.lead: initiative.opened}
    for v in initiative.volunteers:
        if v.state == Volunteer.State.ACCEPTED:
            joined[v.member] = v.answered
    team = list(joined)
    fewest, most = CONTRIBUTIONS[initiative.state]
    end = initiative.closed or 0.0
    for member, since in joined.items():
        count = rng.randint(fewest, most) if member != initiative.lead else rng.randint(0, most)
        for _ in range(count):
            contribution = planner.contribution(member, team, initiative.needs)
            contribution.day = rng.uniform(end, since)
            initiative.contributions.append(contribution)


def _observations(
    planner: _Planner, initiative: PlannedInitiative, index: int
) -> list[PlannedObservation]:
    """What people saw each contributor do: nobody, only their own team, or from outside too."""
    rng = planner.rng
    team = [initiative.lead] + [
        v.member for v in initiative.volunteers if v.state == Volunteer.State.ACCEPTED
    ]
    days: dict[int, list[float]] = {}
    for c in initiative.contributions:
        days.setdefault(c.member, []).append(c.day)
    needs = initiative.needs
    found = []
    for subject, when in days.items():
        inside = planner.teammates(subject)
        how = planner.next_how_seen(has_teammates=bool(inside))
        if how == "unseen":
            continue
        observers: set[int] = set()
        if how == "own team":
            observers |= set(rng.sample(inside, min(len(inside), rng.randint(1, 2))))
        else:
            from_elsewhere = [i for i in team if i != subject and not planner.same_team(i, subject)]
            if from_elsewhere and rng.random() < 0.75:
                observers.add(rng.choice(from_elsewhere))
            else:
                observers.add(planner.outsider(subject, needs, observers))
            if inside and rng.random() < 0.4:
                observers.add(rng.choice(inside))
            if rng.random() < 0.25:
                observers.add(planner.outsider(subject, needs, observers))
        for observer in sorted(o for o in observers if o is not None):
            seen = max(0.0, rng.choice(when) - rng.uniform(0, 3))
            text, specific = planner.observation_text(subject, rng.choice(needs))
            recorded = max(0.0, seen - rng.uniform(0, 3))
            shown = specific and rng.random() < SHOWN
            found.append(PlannedObservation(observer, subject, index, text, seen, recorded, shown))
    return found


def _loose_observations(planner: _Planner, total: int) -> list[PlannedObservation]:
    """Work seen outside any initiative: half by a teammate, half by someone from elsewhere."""
    rng = planner.rng
    found = []
    for _ in range(max(3, round(total * LOOSE_OBSERVATIONS_PER_PERSON))):
        observer = rng.choice(planner.active)
        inside = planner.teammates(observer)
        subject = (
            rng.choice(inside) if inside and rng.random() < 0.5 else rng.choice(planner.active)
        )
        topics = planner.topics(subject, WORKING) or planner.topics(subject, OFFERS)
        if subject == observer or not topics:
            continue
        text, specific = planner.observation_text(subject, rng.choice(topics))
        seen = rng.uniform(1, 200)
        recorded = max(0.0, seen - rng.uniform(0, 3))
        shown = specific and rng.random() < SHOWN
        found.append(PlannedObservation(observer, subject, None, text, seen, recorded, shown))
    return found
