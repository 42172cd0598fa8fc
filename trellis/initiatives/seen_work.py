"""What a member's work looks like from outside: the visibility map (who has seen their
work, month by month, from which teams) and the organiser's unseen contributors."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from trellis.initiatives.models import (
    Contribution,
    Observation,
)
from trellis.people.models import Member


@dataclass(frozen=True)
class Group:
    """Observers who share a team, a discipline or a level, and how many there are."""

    label: str
    observers: int
    mine: bool = False  # the subject's own team, discipline or level


@dataclass(frozen=True)
class Month:
    """Observations in one calendar month, by where the observer sits."""

    start: date
    inside: int
    outside: int


@dataclass
class Visibility:
    """Who has seen `subject`'s work: observers grouped, and observations over time."""

    subject: Member
    observers: int = 0
    observations: int = 0
    by_team: list[Group] = field(default_factory=list)
    by_discipline: list[Group] = field(default_factory=list)
    by_level: list[Group] = field(default_factory=list)
    months: list[Month] = field(default_factory=list)
    outside_team: int = 0  # observers from another team (or with no team given)

    @property
    def only_own_team(self) -> bool:
        """Seen, but only by people in the subject's own team."""
        return bool(self.subject.team) and self.observers > 0 and self.outside_team == 0


def _month_starts(last: date, count: int) -> list[date]:
    months, year, month = [], last.year, last.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _groups(counts: Counter, mine: str, unknown: str) -> list[Group]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0] == "", item[0]))
    return [Group(label or unknown, n, bool(label) and label == mine) for label, n in ordered]


def visibility(*, subject: Member, months: int = 12, today: date | None = None) -> Visibility:
    """The visibility map of `subject`: one query for every observation about them."""
    today = today or timezone.localdate()
    rows = list(
        Observation.objects.filter(subject=subject)
        .exclude(observer__status=Member.Status.LEFT)
        .values_list(
            "observer_id", "observer__team", "observer__discipline", "observer__level", "seen_on"
        )
    )
    found = Visibility(subject=subject, observations=len(rows))
    people = {row[0]: row[1:4] for row in rows}
    found.observers = len(people)
    teams = Counter(team for team, _, _ in people.values())
    found.by_team = _groups(teams, subject.team, "No team given")
    found.by_discipline = _groups(
        Counter(d for _, d, _ in people.values()), subject.discipline, "No discipline given"
    )
    levels = Counter(f"Level {lv}" if lv is not None else "" for _, _, lv in people.values())
    mine = f"Level {subject.level}" if subject.level is not None else ""
    found.by_level = _groups(levels, mine, "No level given")
    found.outside_team = sum(
        1 for team, _, _ in people.values() if not team or team != subject.team
    )
    per_month: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for _, team, _, _, seen_on in rows:
        inside = bool(subject.team) and team == subject.team
        per_month[seen_on.replace(day=1)][0 if inside else 1] += 1
    found.months = [
        Month(start, *per_month.get(start, [0, 0])) for start in _month_starts(today, months)
    ]
    return found


# --- the organiser's view --------------------------------------------------------------


def unseen_contributors(*, months: int, now: datetime | None = None) -> QuerySet[Member]:
    """Members with contributions in the last `months` months and no observation seen in
    that time by someone outside their team. Names and counts only: no text is read.

    Each member carries `recent_contributions`, `recent_initiatives` and
    `last_contribution_at`. Someone with no team given is unseen until anyone
    records their work; members who left are not listed. Most contributions first.
    """
    now = now or timezone.now()
    since = now - timedelta(days=round(months * 30.44))
    seen_from_outside = (
        Observation.objects.filter(subject=OuterRef("pk"), seen_on__gte=since.date())
        # Not outside: an observer with a team, and the same team as the subject.
        .exclude(observer__team=OuterRef("team"), observer__team__gt="")
    )
    # Driven from the window's contributions (their date index), not from the membership:
    # only members with a recent contribution are read, and each one's figures come from
    # the (member, created_at) index. No GROUP BY over whole member rows.
    recent = Contribution.objects.filter(created_at__gte=since)
    theirs = recent.filter(member=OuterRef("pk")).order_by().values("member")
    return (
        Member.objects.filter(pk__in=recent.values("member_id"))
        .exclude(status=Member.Status.LEFT)
        .exclude(Exists(seen_from_outside))
        .annotate(
            recent_contributions=Subquery(theirs.annotate(n=Count("pk")).values("n")),
            recent_initiatives=Subquery(
                theirs.annotate(n=Count("initiative", distinct=True)).values("n")
            ),
            last_contribution_at=Subquery(theirs.annotate(last=Max("created_at")).values("last")),
        )
        .order_by("-recent_contributions", "display_name", "pk")
    )
