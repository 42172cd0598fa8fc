"""The insight figures as plain dataclasses: what the pages, the CSV exports and the JSON
API show, read from what the background worker kept (a team: worked out on request from
its own rows, in a fixed number of queries).

`parse_filters` checks a period and a cohort; `growing`, `mutual`, `load`, `seen` and
`network` answer one question each for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone

from trellis.insights import compute, measures, sources
from trellis.insights.models import CohortFigures, InsightsRun
from trellis.people.models import Member
from trellis.text import limits
from trellis.text.characters import character_problem

PERIODS = compute.PERIODS
DEFAULT_WEEKS = 12
NETWORK_BY = ("team", "discipline")


@dataclass(frozen=True)
class Cohort:
    """Whose figures: everyone, one discipline or one team (as they are on the roster now)."""

    kind: str = "all"
    value: str = ""

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "everyone"
        return f"the {self.kind} {self.value}"

    @property
    def query(self) -> dict[str, str]:
        """The GET parameters naming it."""
        return {} if self.kind == "all" else {self.kind: self.value}


EVERYONE = Cohort()


@dataclass(frozen=True)
class Filters:
    weeks: int = DEFAULT_WEEKS
    cohort: Cohort = EVERYONE


def _weeks_problem(text: str) -> tuple[int, str | None]:
    choices = ", ".join(map(str, PERIODS))
    try:
        weeks = int(text)
    except ValueError:
        return DEFAULT_WEEKS, f"Choose a period of {choices} weeks."
    if weeks not in PERIODS:
        return DEFAULT_WEEKS, f"Choose a period of {choices} weeks, not {weeks}."
    return weeks, None


def _name_problem(kind: str, name: str) -> str | None:
    problem = character_problem(name, multiline=False, label=kind)
    if problem:
        return problem
    if len(name) > limits.TEAM:
        return f"A {kind}'s name has at most {limits.TEAM} characters."
    if not Member.objects.filter(**{kind: name}).exists():
        return f"Nobody is in a {kind} called “{name}”: check the spelling."
    return None


def parse_filters(query: Mapping[str, str]) -> tuple[Filters, dict[str, str]]:
    """The period (`weeks`) and cohort (`discipline` or `team`) a page was asked for, and
    what is wrong with them as field -> message (the defaults stand in for a bad value).
    At most one query (does the team or discipline exist?)."""
    errors: dict[str, str] = {}
    weeks, problem = _weeks_problem(str(query.get("weeks") or DEFAULT_WEEKS).strip())
    if problem:
        errors["weeks"] = problem
    named = {k: str(query.get(k) or "").strip() for k in ("discipline", "team")}
    named = {k: v for k, v in named.items() if v}
    cohort = EVERYONE
    if len(named) > 1:
        errors["team"] = "Choose a team or a discipline, not both."
    elif named:
        kind, name = next(iter(named.items()))
        problem = _name_problem(kind, name)
        if problem:
            errors[kind] = problem
        else:
            cohort = Cohort(kind, name)
    return Filters(weeks, cohort), errors


def disciplines() -> list[str]:
    """The disciplines the worker kept figures for (few: the demo's 100,000 have 11)."""
    return list(
        CohortFigures.objects.filter(kind=CohortFigures.Kind.DISCIPLINE)
        .order_by("value")
        .values_list("value", flat=True)
    )


@dataclass(frozen=True)
class Status:
    """Whether there are figures to show, and from when."""

    ready: bool
    pending: bool
    computed_at: datetime | None = None


@dataclass(frozen=True)
class Measure:
    """One weekly figure: its column in the table and CSV, its name, and what it counts."""

    key: str
    label: str
    definition: str


@dataclass(frozen=True)
class Headline:
    """A figure over the whole period, in words, with its definition."""

    label: str
    value: str
    definition: str


@dataclass(frozen=True)
class Week:
    start: date
    values: tuple[int | float | None, ...]


@dataclass(frozen=True)
class Table:
    """A table of the period as a whole (not weekly)."""

    caption: str
    definition: str
    columns: tuple[str, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class Figures:
    """One question's figures for a cohort over a period: headline figures, weekly measures
    (`weeks` rows, a value per measure) and any tables of the period."""

    question: str
    cohort: Cohort
    weeks: int
    status: Status
    members: int = 0
    headlines: list[Headline] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    rows: list[Week] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def series(self, key: str) -> list:
        index = [m.key for m in self.measures].index(key)
        return [row.values[index] for row in self.rows]


@dataclass(frozen=True)
class Node:
    name: str
    members: int


@dataclass(frozen=True)
class Edge:
    one: str
    two: str
    relationships: int


@dataclass(frozen=True)
class Network:
    """Teams or disciplines and the relationships started between them in the period."""

    cohort: Cohort
    weeks: int
    by: str
    status: Status
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups_with_relationships: int = 0


@dataclass(frozen=True)
class _Kept:
    status: Status
    members: int = 0
    weeks: list[dict] = field(default_factory=list)
    periods: dict = field(default_factory=dict)


def _kept(cohort: Cohort) -> _Kept:
    """The cohort's figures: kept by the worker (two queries), or for a team worked out
    now from its own rows (a fixed number of queries, bounded by the team's size)."""
    if cohort.kind == "team":
        rows, ids = sources.one_team(team=cohort.value, today=timezone.localdate())
        figures = compute.work_out(rows, cohort=ids, today=timezone.localdate())
        members = sum(1 for i in ids if rows.people[i].on_roster)
        return _Kept(Status(True, False, timezone.now()), members, **figures)
    run = InsightsRun.objects.order_by("pk").first()
    pending = bool(run and run.pending)
    kind = CohortFigures.Kind.EVERYONE if cohort.kind == "all" else CohortFigures.Kind.DISCIPLINE
    kept = CohortFigures.objects.filter(kind=kind, value=cohort.value).first()
    if run is None or run.computed_at is None or kept is None:
        return _Kept(Status(False, pending))
    return _Kept(Status(True, pending, run.computed_at), kept.members, kept.weeks, kept.periods)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _sum(weeks: list[dict], key: str) -> int:
    return sum(week.get(key) or 0 for week in weeks)


def _figures(
    question: str,
    filters: Filters,
    kept: _Kept,
    measure_list: list[Measure],
    derived: Mapping[str, Callable[[dict], int | float | None]] | None = None,
) -> tuple[Figures, list[dict]]:
    weeks = kept.weeks[-filters.weeks :]
    derived = derived or {}
    rows = [
        Week(
            date.fromisoformat(week["week"]),
            tuple(
                derived[m.key](week) if m.key in derived else week.get(m.key) for m in measure_list
            ),
        )
        for week in weeks
    ]
    figures = Figures(
        question, filters.cohort, filters.weeks, kept.status, kept.members, [], measure_list, rows
    )
    return figures, weeks


# In a cohort this small, a count of declines could point at the person who declined (only
# they may know of it): those figures are not shown for it.
SMALLEST_COHORT = 5
DECLINES = frozenset({"intros_declined", "asked_often", "declining_often"})
DECLINE_HEADLINES = frozenset({"Intros accepted", "Asked often", "Declining often"})
HIDDEN = f"not shown for fewer than {SMALLEST_COHORT} members"


def _hide_declines_of_few(figures: Figures) -> Figures:
    """Leave out every figure that counts declines when the cohort (a team or discipline)
    has fewer than SMALLEST_COHORT members."""
    if figures.cohort.kind == "all" or figures.members >= SMALLEST_COHORT:
        return figures
    keys = [m.key for m in figures.measures]
    figures.rows[:] = [
        Week(
            row.start,
            tuple(None if k in DECLINES else v for k, v in zip(keys, row.values, strict=True)),
        )
        for row in figures.rows
    ]
    figures.headlines[:] = [
        replace(h, value=HIDDEN) if h.label in DECLINE_HEADLINES else h for h in figures.headlines
    ]
    return figures


GROWING = [
    Measure(
        "with_relationship",
        "Members in a relationship",
        (
            "Members of the cohort with at least one relationship that was open (active or "
            "resting, not closed) at the week's end."
        ),
    ),
    Measure("intros_sent", "Intros sent", "Intros sent that week by or to a member of the cohort."),
    Measure("intros_accepted", "Accepted", "Intros accepted that week."),
    Measure(
        "intros_declined",
        "Declined",
        "Intros declined that week (a count: who declined is never shown).",
    ),
    Measure("intros_expired", "Expired", "Intros that expired unanswered that week."),
    Measure(
        "started",
        "Relationships started",
        "Relationships started that week with a member of the cohort in them.",
    ),
    Measure(
        "from_round", "From a round", "Of those, started from an organiser's round suggestion."
    ),
    Measure(
        "from_recommendation",
        "From a recommendation",
        "Started from a member's own recommendations.",
    ),
    Measure(
        "from_suggestion",
        "From a suggestion since removed",
        (
            "Started from a suggestion no longer kept, so whether a round or a recommendation is "
            "unknown."
        ),
    ),
    Measure("from_post", "From a post", "Started by answering a post."),
    Measure("from_profile", "From a profile", "Started from someone's profile."),
    Measure(
        "from_help",
        "From “who could help”",
        "Started from the list of who could help with a problem.",
    ),
    Measure(
        "from_initiative", "From an initiative", "Started from working on an initiative together."
    ),
    Measure(
        "continued_6",
        "Still open after 6 weeks",
        (
            "Of the relationships started that week, those not closed within 6 weeks of starting "
            "(empty: not 6 weeks old yet)."
        ),
    ),
    Measure(
        "continued_12",
        "Still open after 12 weeks",
        "The same, after 12 weeks (empty: not 12 weeks old yet).",
    ),
]


def growing(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is mentorship growing by itself? Members in relationships, intros and what became of
    them, where relationships started, and how many last."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("growing", filters, kept, GROWING)
    if not kept_weeks:
        return figures
    started = _sum(kept_weeks, "started")
    answered = sum(_sum(kept_weeks, f"intros_{s}") for s in ("accepted", "declined", "expired"))
    by_round = _sum(kept_weeks, "from_round")
    old_enough = [w for w in kept_weeks if w.get("continued_6") is not None]
    figures.headlines.extend(
        [
            Headline(
                "Members in a relationship now",
                f"{kept_weeks[-1]['with_relationship']} of {figures.members}",
                (
                    "Members of the cohort on the roster with an open relationship at the end of "
                    "this week."
                ),
            ),
            Headline(
                "Intros sent",
                str(_sum(kept_weeks, "intros_sent")),
                "Over the period, by or to a member of the cohort.",
            ),
            Headline(
                "Intros accepted",
                _ratio(measures.share(_sum(kept_weeks, "intros_accepted"), answered)),
                "Of the intros answered or expired in the period, the share accepted.",
            ),
            Headline(
                "Relationships started",
                str(started),
                "Over the period, with a member of the cohort in them.",
            ),
            Headline(
                "Started without a round",
                _ratio(measures.share(started - by_round, started)),
                (
                    "The share of those that began from a post, a profile, a recommendation, “who"
                    " could help” or an initiative rather than a round: mentorship growing by "
                    "itself."
                ),
            ),
            Headline(
                "Still open after 6 weeks",
                _ratio(
                    measures.share(_sum(old_enough, "continued_6"), _sum(old_enough, "started"))
                ),
                (
                    "Of the relationships started in the period at least 6 weeks ago, the share "
                    "not closed within 6 weeks."
                ),
            ),
        ]
    )
    return _hide_declines_of_few(figures)


MUTUAL = [
    Measure(
        "started",
        "Relationships started",
        "Relationships started that week with a member of the cohort in them.",
    ),
    Measure("cross_team", "Across teams", "Of those, between members of two different teams."),
    Measure(
        "cross_discipline", "Across disciplines", "Between members of two different disciplines."
    ),
    Measure("same_level", "Same level", "Between members at the same level."),
    Measure(
        "exchanged",
        "With an exchange",
        "Relationships with an exchange recorded for that week (by either member).",
    ),
    Measure(
        "both_ways",
        "Value both ways",
        (
            "Of those, relationships where both members gave something that week (what one "
            "shared, or the other learned)."
        ),
    ),
    Measure(
        "levels_differ",
        "Different levels",
        (
            "Of the relationships with an exchange that week, those between members at different "
            "levels."
        ),
    ),
    Measure(
        "junior_gave",
        "The junior one gave",
        "Of those, relationships where the member at the lower level gave something that week.",
    ),
]


def mutual(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is it mutual, not hierarchical? Relationships across teams, disciplines and levels,
    reciprocity, and how what members gave compares with what they received."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("mutual", filters, kept, MUTUAL)
    if not kept_weeks:
        return figures
    started = _sum(kept_weeks, "started")
    figures.headlines.extend(
        [
            Headline(
                "Across teams",
                _ratio(measures.share(_sum(kept_weeks, "cross_team"), started)),
                "Of the relationships started in the period, the share between two teams.",
            ),
            Headline(
                "Across disciplines",
                _ratio(measures.share(_sum(kept_weeks, "cross_discipline"), started)),
                "Of the relationships started in the period, the share between two disciplines.",
            ),
            Headline(
                "Same level",
                _ratio(measures.share(_sum(kept_weeks, "same_level"), started)),
                (
                    "Of the relationships started in the period, the share between members at the"
                    " same level."
                ),
            ),
            Headline(
                "The junior one gave",
                _ratio(
                    measures.share(
                        _sum(kept_weeks, "junior_gave"), _sum(kept_weeks, "levels_differ")
                    )
                ),
                (
                    "Of the weekly exchanges between members at different levels, the share where"
                    " the more junior member gave something."
                ),
            ),
            Headline(
                "Reciprocity",
                _ratio(
                    measures.share(_sum(kept_weeks, "both_ways"), _sum(kept_weeks, "exchanged"))
                ),
                (
                    "Of the relationships with an exchange in a week, counted each week, the "
                    "share where value went both ways."
                ),
            ),
        ]
    )
    balance = kept.periods[str(weeks)]["balance"]
    figures.tables.append(
        Table(
            "What members gave against what they received",
            (
                "Members of the cohort with an exchange in the period, by the number of things "
                "they gave (shared) less the number they received (learned) over the whole "
                "period."
            ),
            ("Balance", "Members"),
            list(balance.items()),
        )
    )
    return figures


LOAD = [
    Measure(
        "with_relationship",
        "Members in a relationship",
        "Members of the cohort with at least one open relationship at the week's end.",
    ),
    Measure(
        "at_capacity",
        "At capacity",
        (
            "Members with as many open relationships as the capacity they set, or more (those who"
            " set 0 aside), at the week's end."
        ),
    ),
    Measure(
        "gini",
        "Gini",
        (
            "How unevenly open relationships are spread over the cohort's members at the week's "
            "end: 0 everyone has as many, 1 one member has them all."
        ),
    ),
    Measure(
        "top_decile",
        "Top tenth's share",
        (
            "The share of all open relationships held by the tenth of members who hold the most, "
            "at the week's end."
        ),
    ),
    Measure(
        "asked_often",
        "Asked often",
        (
            f"Members who received {compute.ASKED_OFTEN} or more intros in the "
            f"{compute.ASKED_WINDOW} weeks to the week's end (a count, no names)."
        ),
    ),
    Measure(
        "declining_often",
        "Declining often",
        "Of those, members who declined at least half of them (a count, no names).",
    ),
]


def _histogram(week: dict) -> dict[int, int]:
    return {int(k): v for k, v in (week.get("load_histogram") or {}).items()}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def load(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is the load fair? Open relationships per member against capacity, how unevenly they
    are spread, and members asked often and declining often (counts only)."""
    filters = Filters(weeks, cohort)
    derived = {
        "gini": lambda week: _rounded(measures.gini(_histogram(week))),
        "top_decile": lambda week: _rounded(measures.top_decile_share(_histogram(week))),
    }
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("load", filters, kept, LOAD, derived)
    if not kept_weeks:
        return figures
    last = kept_weeks[-1]
    histogram = _histogram(last)
    gini = measures.gini(histogram)
    figures.headlines.extend(
        [
            Headline(
                "At capacity now", f"{last['at_capacity']} of {figures.members}", LOAD[1].definition
            ),
            Headline("Gini", "—" if gini is None else f"{gini:.2f}", LOAD[2].definition),
            Headline(
                "Top tenth's share",
                _ratio(measures.top_decile_share(histogram)),
                LOAD[3].definition,
            ),
            Headline("Asked often", str(last["asked_often"]), LOAD[4].definition),
            Headline("Declining often", str(last["declining_often"]), LOAD[5].definition),
        ]
    )
    figures.tables.append(
        Table(
            "Members by open relationships now",
            (
                "How many members of the cohort have each number of open relationships at the end"
                " of this week."
            ),
            ("Open relationships", "Members"),
            sorted(histogram.items()),
        )
    )
    return _hide_declines_of_few(figures)


SEEN = [
    Measure(
        "contributors",
        "Contributors",
        "Members of the cohort who recorded a contribution to an initiative that week.",
    ),
    Measure("contributions", "Contributions", "Contributions they recorded that week."),
    Measure(
        "observed",
        "Members observed",
        "Members of the cohort whose work someone recorded seeing that week.",
    ),
    Measure(
        "observed_outside",
        "Observed from outside their team",
        "Of those, members seen by someone from another team.",
    ),
    Measure(
        "initiative_observations",
        "Observations on initiatives",
        "Observations of work on an initiative that week.",
    ),
    Measure(
        "per_contribution",
        "Observations per contribution",
        "Observations on initiatives divided by contributions, that week.",
    ),
]


def seen(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is work seen? Members observed from outside their team, by team and discipline, and
    observations per contribution."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    per = {
        "per_contribution": lambda week: _rounded(
            measures.share(week.get("initiative_observations", 0), week.get("contributions", 0))
        )
    }
    figures, kept_weeks = _figures("seen", filters, kept, SEEN, per)
    if not kept_weeks:
        return figures
    seen_by = kept.periods[str(weeks)]["seen_by"]
    ratio = measures.share(
        _sum(kept_weeks, "initiative_observations"), _sum(kept_weeks, "contributions")
    )
    figures.headlines.extend(
        [
            Headline(
                "Seen from outside their team",
                f"{seen_by['members_seen']} of {figures.members}",
                (
                    "Members of the cohort whose work someone from another team recorded seeing "
                    "in the period."
                ),
            ),
            Headline(
                "Observations per contribution",
                "—" if ratio is None else f"{ratio:.2f}",
                (
                    "Observations of work on initiatives in the period, divided by the "
                    "contributions recorded in it."
                ),
            ),
        ]
    )
    definition = (
        "Members on the roster, and how many of them someone from another team saw at work in the"
        " period."
    )
    figures.tables.append(
        Table(
            "By discipline",
            definition,
            ("Discipline", "Members", "Seen from outside"),
            [tuple(r) for r in seen_by["discipline"]],
        )
    )
    figures.tables.append(
        Table(
            f"By team (the {compute.TABLE_TEAMS} with the most seen)",
            definition,
            ("Team", "Members", "Seen from outside"),
            [tuple(r) for r in seen_by["team"]],
        )
    )
    return figures


def overview(*, weeks: int, cohort: Cohort) -> dict[str, Figures]:
    """The four questions' figures for one period and cohort, read (or for a team, worked
    out) once for all four."""
    kept = _kept(cohort)
    return {
        name: select(weeks=weeks, cohort=cohort, _kept_figures=kept)
        for name, select in (
            ("growing", growing),
            ("mutual", mutual),
            ("load", load),
            ("seen", seen),
        )
    }


def network(*, weeks: int, by: str, cohort: Cohort) -> Network:
    """Teams or disciplines as nodes (sized by their members) and the relationships started
    between them in the period, the busiest few and the rest folded into one node."""
    if by not in NETWORK_BY:
        raise ValueError(f"Draw the network by team or by discipline, not {by!r}.")
    kept = _kept(cohort)
    if not kept.status.ready:
        return Network(cohort, weeks, by, kept.status)
    picture = kept.periods[str(weeks)]["network"][by]
    return Network(
        cohort,
        weeks,
        by,
        kept.status,
        [Node(name, members) for name, members in picture["nodes"]],
        [Edge(one, two, count) for one, two, count in picture["edges"]],
        picture["groups_with_relationships"],
    )


def status() -> Status:
    """Whether the worker has worked the figures out, and is asked to again."""
    run = InsightsRun.objects.order_by("pk").first()
    if run is None or run.computed_at is None:
        return Status(False, bool(run and run.pending))
    return Status(True, run.pending, run.computed_at)
