"""What the worker kept (or, for a team, what is worked out now), as plain dataclasses:
the figures of one cohort, the network picture, and whether they are ready."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone

from trellis.insights import compute, sources
from trellis.insights.models import CohortFigures, InsightsRun
from trellis.insights.selectors.filters import NETWORK_BY, Cohort, Filters


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
