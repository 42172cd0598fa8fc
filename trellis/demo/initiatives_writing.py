"""Handing the planned initiatives to initiatives' bulk writers: initiatives, volunteers,
contributions and observations, then what the services would have told each member.

The rows, their checks, their topics, the observation linter's findings and the
words of each notification are initiatives' (`initiatives.bulk`); here is only
who, what and when, and which notifications their recipients have read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from trellis.demo.initiatives import InitiativePlan, PlannedInitiative
from trellis.demo.writing import DaysAgo, Progress, read_unless_recent
from trellis.initiatives import bulk as initiatives
from trellis.notifications.bulk import notifications_create


@dataclass(frozen=True)
class InitiativesReport:
    """How many initiatives, volunteers, contributions, observations and notifications of
    them the demo has."""

    initiatives: int = 0
    volunteers: int = 0
    contributions: int = 0
    observations: int = 0
    notifications: int = 0


def _initiative(p: PlannedInitiative, ids: list[int], when: DaysAgo) -> initiatives.NewInitiative:
    return initiatives.NewInitiative(
        lead_id=ids[p.lead],
        title=p.title,
        problem=p.problem,
        ends_on=when.day(0) + timedelta(days=p.ends_in),
        state=p.state,
        created_at=when.at(p.created),
        opened_at=when.at(p.opened),
        closed_at=when.at(p.closed),
        why_it_matters=p.why_it_matters,
        skills=p.skills,
        helpers_wanted=p.helpers_wanted,
        time_ask=p.time_ask,
    )


def _volunteers(
    planned: list[PlannedInitiative], keys: list[int], ids: list[int], when: DaysAgo
) -> list[initiatives.NewVolunteer]:
    return [
        initiatives.NewVolunteer(
            initiative_id=key,
            member_id=ids[v.member],
            brings=v.brings,
            state=v.state,
            offered_at=when.at(v.offered),
            answered_at=when.at(v.answered),
            wants_to_learn=v.wants_to_learn,
        )
        for p, key in zip(planned, keys, strict=True)
        for v in p.volunteers
    ]


def _contributions(
    planned: list[PlannedInitiative], keys: list[int], ids: list[int], when: DaysAgo
) -> list[initiatives.NewContribution]:
    return [
        initiatives.NewContribution(key, ids[c.member], c.text, when.at(c.day), c.link)
        for p, key in zip(planned, keys, strict=True)
        for c in p.contributions
    ]


def _observations(
    plan: InitiativePlan, keys: list[int], ids: list[int], when: DaysAgo
) -> list[initiatives.NewObservation]:
    return [
        initiatives.NewObservation(
            observer_id=ids[o.observer],
            subject_id=ids[o.subject],
            text=o.text,
            seen_on=when.day(o.seen),
            recorded_at=when.at(o.recorded),
            initiative_id=None if o.initiative is None else keys[o.initiative],
            shown_on_profile=o.shown,
        )
        for o in plan.observations
    ]


def create_initiatives(
    plan: InitiativePlan, member_ids: list[int], *, now: datetime, report: Progress
) -> InitiativesReport:
    """Write the planned initiatives in bulk, with what the services would have notified."""
    when, planned = DaysAgo(now), plan.initiatives
    keys = initiatives.initiatives_create([_initiative(p, member_ids, when) for p in planned])
    report("initiatives", len(keys), len(keys))
    volunteers = initiatives.volunteers_create(_volunteers(planned, keys, member_ids, when))
    report("initiatives: volunteers", len(volunteers), len(volunteers))
    contributions = initiatives.contributions_create(
        _contributions(planned, keys, member_ids, when)
    )
    report("initiatives: contributions", contributions, contributions)
    observations = initiatives.observations_create(_observations(plan, keys, member_ids, when))
    report("initiatives: observations", len(observations), len(observations))
    told = initiatives.volunteer_notifications(volunteers)
    told += initiatives.done_notifications(keys)
    told += initiatives.observation_notifications(observations)
    notifications = notifications_create(read_unless_recent(told, now))
    report("initiatives: notifications", notifications, notifications)
    counts = (len(keys), len(volunteers), contributions, len(observations), notifications)
    return InitiativesReport(*counts)
