"""The rows the figures are worked out from, read from the database as plain values.

No private words are ever read: an exchange is read as whether something was shared and
whether something was learned (the database compares the text with ""), an intro as its
state and dates (never its message or a decline's reason), an observation as who saw whom
when (never what they saw), a relationship without its closing reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.utils import timezone

from trellis.connections.models import Exchange, Intro, Relationship
from trellis.initiatives.models import Contribution, Observation
from trellis.insights.compute import (
    ASKED_WINDOW,
    ContributionRow,
    ExchangeRow,
    IntroRow,
    ObservationRow,
    Pair,
    Person,
    Rows,
    week_starts,
)
from trellis.insights.models import CohortFigures
from trellis.people.models import Member

ON_ROSTER = (Member.Status.ACTIVE, Member.Status.PAUSED)
PERSON_FIELDS = ("id", "team", "discipline", "level", "capacity", "status")


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localtime(moment).date()


def _person(values: tuple) -> Person:
    pk, team, discipline, level, capacity, status = values
    return Person(pk, team, discipline, level, capacity, status in ON_ROSTER)


def _first_day(today: date) -> date:
    """The first day any figure looks at: the oldest week kept, less the window in which
    "asked often" counts intros."""
    return week_starts(today)[0] - timedelta(weeks=ASKED_WINDOW)


def _origin(origin: str, suggestion_kind: str | None) -> str:
    """A relationship's origin, a suggestion's split by where it came from: a round, a
    recommendation, or (its suggestion since deleted) "suggestion"."""
    if origin == "suggestion" and suggestion_kind:
        return "round" if suggestion_kind == "round" else "recommendation"
    return origin


def _pairs(relationships) -> list[Pair]:
    fields = ("id", "member_a_id", "member_b_id", "origin", "intro__suggestion__kind")
    return [
        Pair(pk, a, b, _origin(origin, kind), _day(started), _day(closed))
        for pk, a, b, origin, kind, started, closed in relationships.values_list(
            *fields, "started_at", "closed_at"
        ).iterator(chunk_size=5000)
    ]


def _intros(intros, since: date) -> list[IntroRow]:
    sent = intros.filter(sent_at__isnull=False, sent_at__date__gte=since)
    return [
        IntroRow(sender, recipient, state, _day(sent_at), _day(answered_at))
        for sender, recipient, state, sent_at, answered_at in sent.values_list(
            "sender_id", "recipient_id", "state", "sent_at", "answered_at"
        ).iterator(chunk_size=5000)
    ]


def _said(field: str) -> Case:
    """Whether a text field holds anything, worked out by the database: the words stay there."""
    return Case(
        When(**{field: ""}, then=Value(False)), default=Value(True), output_field=BooleanField()
    )


def _exchanges(exchanges, since: date) -> list[ExchangeRow]:
    marked = exchanges.filter(date__gte=since).annotate(
        shared=_said("what_i_shared"), learned=_said("what_i_learned")
    )
    return [
        ExchangeRow(*values)
        for values in marked.values_list(
            "relationship_id", "author_id", "date", "shared", "learned"
        ).iterator(chunk_size=5000)
    ]


def _observations(observations, since: date) -> list[ObservationRow]:
    found = observations.filter(seen_on__gte=since).values_list(
        "observer_id", "subject_id", "seen_on", "initiative_id"
    )
    return [
        ObservationRow(observer, subject, day, initiative is not None)
        for observer, subject, day, initiative in found.iterator(chunk_size=5000)
    ]


def _contributions(contributions, since: date) -> list[ContributionRow]:
    found = contributions.filter(created_at__date__gte=since).values_list("member_id", "created_at")
    return [ContributionRow(member, _day(at)) for member, at in found.iterator(chunk_size=5000)]


def _sizes(people: Iterable[Person], key: str) -> dict[str, int]:
    return dict(Counter(getattr(p, key) or "(none)" for p in people if p.on_roster))


def everyone(*, today: date) -> Rows:
    """Every row of the organisation the kept weeks need (the worker's read: a handful of
    queries, each streamed)."""
    since = _first_day(today)
    people = {
        p.id: p
        for p in map(_person, Member.objects.values_list(*PERSON_FIELDS).iterator(chunk_size=5000))
    }
    return Rows(
        people=people,
        pairs=_pairs(Relationship.objects.all()),
        intros=_intros(Intro.objects.all(), since),
        exchanges=_exchanges(Exchange.objects.all(), since),
        observations=_observations(Observation.objects.all(), since),
        contributions=_contributions(Contribution.objects.all(), since),
        team_sizes=_sizes(people.values(), "team"),
        discipline_sizes=_sizes(people.values(), "discipline"),
    )


def one_team(*, team: str, today: date) -> tuple[Rows, set[int]]:
    """The rows about one team's members, and their ids: nine queries whatever the team or
    the organisation, each bounded by the team's members and their relationships."""
    since = _first_day(today)
    members = [_person(v) for v in Member.objects.filter(team=team).values_list(*PERSON_FIELDS)]
    ids = {p.id for p in members}
    pairs = _pairs(Relationship.objects.filter(Q(member_a_id__in=ids) | Q(member_b_id__in=ids)))
    intros = _intros(Intro.objects.filter(Q(sender_id__in=ids) | Q(recipient_id__in=ids)), since)
    exchanges = _exchanges(
        Exchange.objects.filter(relationship_id__in=[p.id for p in pairs]), since
    )
    observations = _observations(Observation.objects.filter(subject_id__in=ids), since)
    contributions = _contributions(Contribution.objects.filter(member_id__in=ids), since)
    others = {p.a for p in pairs} | {p.b for p in pairs} | {o.observer for o in observations}
    others |= {i.sender for i in intros} | {i.recipient for i in intros}
    people = {p.id: p for p in members}
    found = Member.objects.filter(id__in=others - ids).values_list(*PERSON_FIELDS)
    people |= {p.id: p for p in map(_person, found)}
    return Rows(
        people=people,
        pairs=pairs,
        intros=intros,
        exchanges=exchanges,
        observations=observations,
        contributions=contributions,
        team_sizes=_group_sizes("team", {p.team for p in people.values()}),
        discipline_sizes=_discipline_sizes({p.discipline for p in people.values()}),
    ), ids


def _discipline_sizes(disciplines: set[str]) -> dict[str, int]:
    """Members on the roster in each discipline, as the worker last counted them (one
    query); counted now only for a discipline it has not seen (before its first run, and
    members with no discipline, which it keeps no figures for). A discipline holds a tenth
    of the organisation, so counting it on every request grew with the organisation."""
    kept = dict(
        CohortFigures.objects.filter(
            kind=CohortFigures.Kind.DISCIPLINE, value__in=disciplines
        ).values_list("value", "members")
    )
    missing = {d for d in disciplines if d not in kept}
    return {(d or "(none)"): n for d, n in kept.items()} | (
        _group_sizes("discipline", missing) if missing else {}
    )


def _group_sizes(key: str, groups: set[str]) -> dict[str, int]:
    """Members on the roster in each of these teams or disciplines: one query."""
    # Filtered by the group alone, the status counted in the aggregate: with the status in
    # the WHERE, SQLite walked the status index (every member on the roster) instead of the
    # team's index (88 ms at 100,000 members against under 1).
    counted = (
        Member.objects.filter(**{f"{key}__in": groups})
        .order_by()
        .values_list(key)
        .annotate(n=Count("id", filter=Q(status__in=ON_ROSTER)))
    )
    return {(group or "(none)"): n for group, n in counted}
