"""The period and cohort a page or an API call asks for, checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trellis.insights import compute
from trellis.insights.models import CohortFigures
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
