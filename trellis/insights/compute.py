"""The insight figures of one cohort, worked out from plain rows (no Django, no database).

`sources.py` reads the rows (every member's for the worker, one team's for a page) and
never any private words: an exchange arrives as "something was shared / learned", an intro
as its state and dates. `work_out` turns them into what is kept: a dict per week (counts,
and the histogram of members by open relationships) and, for each period a page may show
(the last 4, 12, 26 or 52 weeks), what cannot be added up from weeks (distinct members,
the network). Everything is plain JSON-ready data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

PERIODS = (4, 12, 26, 52)
WEEKS_KEPT = max(PERIODS)
CONTINUE_WEEKS = (6, 12)
ASKED_OFTEN = 3  # intros received in the trailing ASKED_WINDOW weeks
ASKED_WINDOW = 4
BUSIEST = 20  # nodes in the network picture before the rest are folded together
TABLE_TEAMS = 20  # teams listed on "is work seen?"
ORIGINS = ("round", "recommendation", "suggestion", "post", "profile", "help", "initiative")
BALANCE_BUCKETS = (
    "received 3+ more",
    "received 1 or 2 more",
    "even",
    "gave 1 or 2 more",
    "gave 3+ more",
)


@dataclass(frozen=True)
class Person:
    """A member as the figures need them: where they sit, and how many they want."""

    id: int
    team: str
    discipline: str
    level: int | None
    capacity: int
    on_roster: bool = True  # active or paused (a leaver still appears in others' history)


@dataclass(frozen=True)
class Pair:
    """A relationship: its two members, how it began (a suggestion split by its source) and
    when it started and, if it did, closed."""

    id: int
    a: int
    b: int
    origin: str
    started: date
    closed: date | None


@dataclass(frozen=True)
class IntroRow:
    """A sent intro: who to whom, its state, when it was sent and answered (or expired)."""

    sender: int
    recipient: int
    state: str
    sent: date
    answered: date | None


@dataclass(frozen=True)
class ExchangeRow:
    """One side's record of an exchange, as whether they shared and whether they learned."""

    pair: int
    author: int
    day: date
    shared: bool
    learned: bool


@dataclass(frozen=True)
class ObservationRow:
    observer: int
    subject: int
    day: date
    on_initiative: bool


@dataclass(frozen=True)
class ContributionRow:
    member: int
    day: date


@dataclass
class Rows:
    """Everything one cohort's figures are worked out from."""

    people: dict[int, Person]
    pairs: list[Pair] = field(default_factory=list)
    intros: list[IntroRow] = field(default_factory=list)
    exchanges: list[ExchangeRow] = field(default_factory=list)
    observations: list[ObservationRow] = field(default_factory=list)
    contributions: list[ContributionRow] = field(default_factory=list)
    # Members per team and per discipline across the organisation (network node sizes).
    team_sizes: dict[str, int] = field(default_factory=dict)
    discipline_sizes: dict[str, int] = field(default_factory=dict)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_starts(today: date, count: int = WEEKS_KEPT) -> list[date]:
    """The Mondays of the last `count` weeks, oldest first, this week's last."""
    this = monday(today)
    return [this - timedelta(weeks=count - 1 - i) for i in range(count)]


def _is_open(pair: Pair, day: date) -> bool:
    """Started before `day` and not closed before it."""
    return pair.started < day and (pair.closed is None or pair.closed >= day)


def _differs(one: str, other: str) -> bool:
    return bool(one) and bool(other) and one != other


def work_out(rows: Rows, *, cohort: set[int] | None, today: date) -> dict:
    """{"weeks": [...], "periods": {"4": {...}, ...}} for the members in `cohort` (None:
    everyone). A relationship, intro or exchange counts when either member is in it."""
    starts = week_starts(today)
    inside = (lambda member: True) if cohort is None else cohort.__contains__
    members = [p for p in rows.people.values() if p.on_roster and inside(p.id)]
    roster = {m.id: m for m in members}
    pairs = [p for p in rows.pairs if inside(p.a) or inside(p.b)]
    intros = [i for i in rows.intros if inside(i.sender) or inside(i.recipient)]
    pair_by_id = {p.id: p for p in pairs}
    exchanges = [e for e in rows.exchanges if e.pair in pair_by_id]
    weeks = [
        _week(rows, start, today, roster, pairs, intros, exchanges, inside, pair_by_id)
        for start in starts
    ]
    periods = {
        str(n): _period(rows, starts[-n], today, members, pairs, exchanges, inside, pair_by_id)
        for n in PERIODS
    }
    return {"weeks": weeks, "periods": periods}


def _week(rows, start, today, roster, pairs, intros, exchanges, inside, pair_by_id) -> dict:
    end = start + timedelta(days=7)
    # Members of the cohort with an open relationship at the week's end, and how many: the
    # rest have none (iterating only these keeps a week's cost to its relationships).
    counts = _open_counts(pairs, end)
    loaded = {roster[m]: n for m, n in counts.items() if m in roster}
    row = {"week": start.isoformat()}
    row |= _growing(start, end, today, loaded, pairs, intros)
    row |= _mutual(rows, start, end, pairs, exchanges, pair_by_id)
    row |= _load(start, end, len(roster), loaded, intros, inside)
    row |= _seen(rows, start, end, inside)
    return row


def _open_counts(pairs: Iterable[Pair], day: date) -> Counter:
    counts: Counter = Counter()
    for pair in pairs:
        if _is_open(pair, day):
            counts[pair.a] += 1
            counts[pair.b] += 1
    return counts


def _growing(start, end, today, loaded, pairs, intros) -> dict:
    started = [p for p in pairs if start <= p.started < end]
    row = {
        "with_relationship": len(loaded),
        "intros_sent": sum(1 for i in intros if start <= i.sent < end),
        "started": len(started),
    }
    for state in ("accepted", "declined", "expired"):
        row[f"intros_{state}"] = sum(
            1 for i in intros if i.state == state and i.answered and start <= i.answered < end
        )
    origins = Counter(p.origin for p in started)
    row |= {f"from_{origin}": origins[origin] for origin in ORIGINS}
    for weeks in CONTINUE_WEEKS:
        span = timedelta(weeks=weeks)
        if end - timedelta(days=1) + span > today:  # some started this week are younger
            row[f"continued_{weeks}"] = None
            continue
        row[f"continued_{weeks}"] = sum(
            1 for p in started if p.closed is None or p.closed >= p.started + span
        )
    return row


def _mutual(rows, start, end, pairs, exchanges, pair_by_id) -> dict:
    people = rows.people
    started = [p for p in pairs if start <= p.started < end]
    gave: dict[int, set[int]] = defaultdict(set)  # pair -> the members who gave in it
    for e in exchanges:
        if start <= e.day < end:
            pair = pair_by_id[e.pair]
            other = pair.b if e.author == pair.a else pair.a
            if e.shared:
                gave[e.pair].add(e.author)
            if e.learned:
                gave[e.pair].add(other)
    levels_differ = junior_gave = 0
    for pair_id, givers in gave.items():
        pair = pair_by_id[pair_id]
        la, lb = people[pair.a].level, people[pair.b].level
        if la is None or lb is None or la == lb:
            continue
        levels_differ += 1
        junior_gave += (pair.a if la < lb else pair.b) in givers
    return {
        "cross_team": sum(1 for p in started if _differs(people[p.a].team, people[p.b].team)),
        "cross_discipline": sum(
            1 for p in started if _differs(people[p.a].discipline, people[p.b].discipline)
        ),
        "same_level": sum(
            1
            for p in started
            if people[p.a].level is not None and people[p.a].level == people[p.b].level
        ),
        "exchanged": len(gave),
        "both_ways": sum(1 for givers in gave.values() if len(givers) == 2),
        "levels_differ": levels_differ,
        "junior_gave": junior_gave,
    }


def _load(start, end, roster_size, loaded, intros, inside) -> dict:
    histogram = Counter(loaded.values())
    if roster_size > len(loaded):
        histogram[0] = roster_size - len(loaded)
    # A member who set their capacity to 0 wants none: with none, they are not "at" it.
    at_capacity = sum(1 for m, n in loaded.items() if m.capacity and n >= m.capacity)
    window = end - timedelta(weeks=ASKED_WINDOW)
    received: Counter = Counter()
    declined: Counter = Counter()
    for intro in intros:
        if window <= intro.sent < end and inside(intro.recipient):
            received[intro.recipient] += 1
            declined[intro.recipient] += intro.state == "declined"
    asked = [m for m, n in received.items() if n >= ASKED_OFTEN]
    return {
        "load_histogram": {str(k): v for k, v in sorted(histogram.items())},
        "at_capacity": at_capacity,
        "asked_often": len(asked),
        "declining_often": sum(1 for m in asked if 2 * declined[m] >= received[m]),
    }


def _seen_outside(rows: Rows, o: ObservationRow) -> bool:
    people = rows.people
    return _differs(people[o.observer].team, people[o.subject].team)


def _seen(rows, start, end, inside) -> dict:
    observations = [o for o in rows.observations if start <= o.day < end and inside(o.subject)]
    contributions = [c for c in rows.contributions if start <= c.day < end and inside(c.member)]
    return {
        "observed": len({o.subject for o in observations}),
        "observed_outside": len({o.subject for o in observations if _seen_outside(rows, o)}),
        "observations": len(observations),
        "initiative_observations": sum(1 for o in observations if o.on_initiative),
        "contributions": len(contributions),
        "contributors": len({c.member for c in contributions}),
    }


def _period(rows, start, today, members, pairs, exchanges, inside, pair_by_id) -> dict:
    end = monday(today) + timedelta(days=7)
    return {
        "balance": _balance(start, end, members, exchanges, pair_by_id),
        "seen_by": _seen_by(rows, start, end, members, inside),
        "network": {
            "team": _network(rows, start, end, pairs, "team", rows.team_sizes),
            "discipline": _network(rows, start, end, pairs, "discipline", rows.discipline_sizes),
        },
    }


def _balance(start, end, members, exchanges, pair_by_id) -> dict:
    """Members by what they gave less what they received over the period (those with none
    of either left out): the distribution of value given against value received."""
    net: Counter = Counter()
    active: set[int] = set()
    for e in exchanges:
        if not start <= e.day < end:
            continue
        pair = pair_by_id[e.pair]
        other = pair.b if e.author == pair.a else pair.a
        net[e.author] += e.shared - e.learned
        net[other] += e.learned - e.shared
        active |= {e.author, other}
    buckets = dict.fromkeys(BALANCE_BUCKETS, 0)
    for member in members:
        if member.id not in active:
            continue
        value = net[member.id]
        index = 0 if value <= -3 else 1 if value < 0 else 2 if value == 0 else 3 if value < 3 else 4
        buckets[BALANCE_BUCKETS[index]] += 1
    return buckets


def _seen_by(rows, start, end, members, inside) -> dict:
    """Members observed from outside their team in the period, by team and by discipline."""
    outside = {
        o.subject
        for o in rows.observations
        if start <= o.day < end and inside(o.subject) and _seen_outside(rows, o)
    }
    result = {"members_seen": len(outside)}
    for key in ("team", "discipline"):
        totals: Counter = Counter()
        seen: Counter = Counter()
        for member in members:
            group = getattr(member, key) or "(none)"
            totals[group] += 1
            seen[group] += member.id in outside
        ranked = sorted(totals, key=lambda g: (-seen[g], -totals[g], g))
        if key == "team":
            ranked = ranked[:TABLE_TEAMS]
        result[key] = [[group, totals[group], seen[group]] for group in ranked]
    return result


def _network(rows, start, end, pairs, key, sizes) -> dict:
    """Groups (teams or disciplines) and the relationships started between them in the
    period: the BUSIEST groups by relationships, the rest folded into one "other" node."""
    people = rows.people
    edges: Counter = Counter()
    touching: Counter = Counter()
    for pair in pairs:
        if not start <= pair.started < end:
            continue
        one = getattr(people[pair.a], key) or "(none)"
        two = getattr(people[pair.b], key) or "(none)"
        edges[tuple(sorted((one, two)))] += 1
        touching[one] += 1
        touching[two] += one != two
    busiest = sorted(touching, key=lambda g: (-touching[g], g))[:BUSIEST]
    kept = set(busiest)
    other = f"other {key}s" if key == "team" else "other disciplines"
    folded: Counter = Counter()
    for (one, two), count in edges.items():
        folded[tuple(sorted((one if one in kept else other, two if two in kept else other)))] += (
            count
        )
    nodes = [[group, sizes.get(group, 0)] for group in busiest]
    if len(touching) > len(busiest):
        rest = sum(sizes.get(g, 0) for g in touching if g not in kept)
        nodes.append([other, rest])
    return {
        "nodes": nodes,
        "edges": [[one, two, count] for (one, two), count in sorted(folded.items())],
        "groups_with_relationships": len(touching),
    }
