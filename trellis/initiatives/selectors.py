"""Reads for initiatives: lists and pages as each member may see them, teams, the
contribution log and observations (the visibility map and the organiser's unseen
contributors are in `seen_work.py`). Every list states what it joins and prefetches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from trellis.initiatives.models import (
    Contribution,
    Initiative,
    InitiativeFit,
    InitiativeFitList,
    Milestone,
    Observation,
    Volunteer,
)
from trellis.people.models import Member, Topic

State = Initiative.State
LISTED_STATES = (State.OPEN, State.UNDERWAY)
TOPIC_INITIATIVES = 10


def _with_lead_and_topics(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Each with its lead, topics by name and how many volunteers are on the team,
    newest opened first (an aggregate drops the model's default order: restated)."""
    return (
        initiatives.select_related("lead")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .annotate(
            team_size=Count("volunteers", filter=Q(volunteers__state=Volunteer.State.ACCEPTED))
        )
        .order_by(*Initiative._meta.ordering)
    )


def _still_here() -> Q:
    return ~Q(lead__status=Member.Status.LEFT)


def initiative_for_viewer(*, initiative_id: int, viewer: Member | None) -> Initiative:
    """One initiative `viewer` may see, with its lead and topics; DoesNotExist otherwise.

    A draft is its lead's alone; a published one is seen by every member.
    """
    visible = Q(state__in=[s for s in State.values if s != State.DRAFT]) & _still_here()
    if viewer is not None:
        visible |= Q(lead=viewer)
    return _with_lead_and_topics(Initiative.objects.filter(visible)).get(pk=initiative_id)


def initiative_led_by(*, initiative_id: int, lead: Member) -> Initiative:
    """One initiative `lead` leads (drafts too); DoesNotExist for anyone else, as if missing."""
    initiative = initiative_for_viewer(initiative_id=initiative_id, viewer=lead)
    if initiative.lead_id != lead.pk:
        raise Initiative.DoesNotExist("Only its lead may do this.")
    return initiative


def initiative_for_team(*, initiative_id: int, member: Member) -> Initiative:
    """One initiative `member` is on the team of (its lead, or accepted): the contribution
    log is the team's. DoesNotExist for anyone else, as if missing."""
    initiative = initiative_for_viewer(initiative_id=initiative_id, viewer=member)
    if not is_on_team(initiative=initiative, member=member):
        raise Initiative.DoesNotExist("The contribution log is the team's.")
    return initiative


def initiative_list(*, states: tuple[str, ...] = LISTED_STATES) -> QuerySet[Initiative]:
    """Published initiatives in `states`, newest opened first (two queries a page)."""
    published = [s for s in states if s != State.DRAFT]
    return _with_lead_and_topics(Initiative.objects.filter(_still_here(), state__in=published))


def initiatives_led(*, lead: Member) -> QuerySet[Initiative]:
    """Every initiative `lead` champions, drafts included, newest first."""
    return _with_lead_and_topics(Initiative.objects.filter(lead=lead)).order_by(
        "-created_at", "-id"
    )


def initiatives_joined(*, member: Member) -> QuerySet[Initiative]:
    """Initiatives `member` is on the team of (not as lead), newest first."""
    on_team = Volunteer.objects.filter(member=member, state=Volunteer.State.ACCEPTED)
    return _with_lead_and_topics(
        Initiative.objects.filter(pk__in=on_team.values("initiative_id")).exclude(state=State.DRAFT)
    )


def topic_initiatives(*, topic: Topic, limit: int = TOPIC_INITIATIVES) -> list[Initiative]:
    """Open initiatives on `topic`, newest first."""
    return list(
        _with_lead_and_topics(
            Initiative.objects.filter(_still_here(), state=State.OPEN, topics=topic)
        )[:limit]
    )


def initiatives_for_fit(*, limit: int) -> list[Initiative]:
    """Initiatives members could volunteer for now, for the background worker to score:
    open or underway, their lead still here, newest first (no joins: the texts suffice)."""
    return list(
        Initiative.objects.filter(_still_here(), state__in=LISTED_STATES).order_by(
            *Initiative._meta.ordering
        )[:limit]
    )


# --- stored fit, as pages read it ----------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How well a member fits an initiative, and the reason in one line."""

    score: float
    helps: float
    learns: float
    shared: float
    reason: str


@dataclass(frozen=True)
class RankedInitiative:
    """An initiative that fits the member reading it, with why."""

    initiative: Initiative
    fit: Fit


@dataclass(frozen=True)
class RankedVolunteer:
    """An offer to help, with how the volunteer fits (None: not worked out yet)."""

    volunteer: Volunteer
    fit: Fit | None


@dataclass(frozen=True)
class FitShown:
    """The initiatives that fit a member, as stored: `worked_out` False before the first
    time the worker worked them out (the page says so, and asks for it)."""

    items: list[RankedInitiative]
    worked_out: bool
    touched_at: datetime | None = None

    def older_than(self, moment: datetime) -> bool:
        """Neither worked out nor asked for since `moment` (the profile changed then)."""
        return self.touched_at is None or self.touched_at < moment


def _fit_of(row: InitiativeFit) -> Fit:
    return Fit(row.score, row.helps, row.learns, row.shared, row.reason)


def _shown_fits(member: Member) -> QuerySet[InitiativeFit]:
    """`member`'s own stored fits they may be shown now, best first: on an initiative
    still open or underway, whose lead is still here, not theirs, and not one they
    offered to help with (withdrawn offers aside)."""
    offered = Volunteer.objects.filter(member=member).exclude(state=Volunteer.State.WITHDRAWN)
    return (
        InitiativeFit.objects.filter(member=member, initiative__state__in=LISTED_STATES)
        .exclude(initiative__lead__status=Member.Status.LEFT)
        .exclude(initiative__lead=member)
        .exclude(initiative_id__in=offered.values("initiative_id"))
        .order_by("position", "id")
    )


def initiatives_fitting(*, member: Member, limit: int) -> FitShown:
    """The initiatives that fit `member`, as the worker last worked them out, best first:
    at most `limit`, each with its lead, topics and team size. Never anyone else's.

    One query when nothing was ever asked for, two when none fits, four otherwise.
    """
    found = InitiativeFitList.objects.filter(member=member).first()
    if found is None:
        return FitShown([], worked_out=False)
    touched = max(filter(None, (found.computed_at, found.requested_at)), default=None)
    rows = list(_shown_fits(member)[:limit]) if found.computed_at else []
    initiatives = (
        {
            i.pk: i
            for i in _with_lead_and_topics(
                Initiative.objects.filter(pk__in=[r.initiative_id for r in rows])
            )
        }
        if rows
        else {}
    )
    items = [
        RankedInitiative(initiatives[r.initiative_id], _fit_of(r))
        for r in rows
        if r.initiative_id in initiatives
    ]
    return FitShown(items, worked_out=found.computed_at is not None, touched_at=touched)


def shown_fit(viewer: Member | None) -> bool:
    """Whether `viewer` is shown which initiatives fit them: active and open to them."""
    return (
        viewer is not None and viewer.status == Member.Status.ACTIVE and viewer.open_to_initiatives
    )


def fit_reasons(*, member: Member | None, initiative_ids: list[int]) -> dict[int, str]:
    """Why each of `initiative_ids` fits `member`, for those stored as fitting them (one
    query; none without a member or ids)."""
    if member is None or not initiative_ids:
        return {}
    shown = _shown_fits(member).filter(initiative_id__in=initiative_ids)
    return dict(shown.values_list("initiative_id", "reason"))


def fit_worked_out(*, member: Member | None) -> bool:
    """Whether the initiatives that fit `member` were ever worked out (one query)."""
    if member is None:
        return False
    return InitiativeFitList.objects.filter(member=member, computed_at__isnull=False).exists()


def ranked_volunteers(*, volunteers: list[Volunteer]) -> list[RankedVolunteer]:
    """Offers as the lead reads them: waiting first, then the team, then declined ones;
    best stored fit first within each, offers not worked out yet last (no query)."""
    order = {Volunteer.State.APPLIED: 0, Volunteer.State.ACCEPTED: 1, Volunteer.State.DECLINED: 2}
    ranked = [
        RankedVolunteer(
            v,
            Fit(v.fit_score, 0.0, 0.0, 0.0, v.fit_reason) if v.fit_score is not None else None,
        )
        for v in volunteers
    ]
    return sorted(
        ranked,
        key=lambda r: (
            order.get(r.volunteer.state, 3),
            r.fit is None,
            -(r.fit.score if r.fit else 0.0),
        ),
    )


def is_on_team(*, initiative: Initiative, member: Member | None) -> bool:
    """The lead, or a volunteer the lead accepted."""
    if member is None:
        return False
    if initiative.lead_id == member.pk:
        return True
    return Volunteer.objects.filter(
        initiative=initiative, member=member, state=Volunteer.State.ACCEPTED
    ).exists()


def team(*, initiative: Initiative) -> list[Member]:
    """The lead first, then accepted volunteers in the order they joined."""
    accepted = (
        Volunteer.objects.filter(initiative=initiative, state=Volunteer.State.ACCEPTED)
        .select_related("member")
        .order_by("answered_at", "id")
    )
    return [initiative.lead, *(v.member for v in accepted)]


def volunteer_of(*, initiative: Initiative, member: Member | None) -> Volunteer | None:
    """`member`'s own offer to help with `initiative`, if they made one."""
    if member is None:
        return None
    return Volunteer.objects.filter(initiative=initiative, member=member).first()


def volunteers_for_lead(*, initiative: Initiative) -> list[Volunteer]:
    """Every offer on `initiative` except withdrawn ones, each with its member (one query)."""
    return list(
        Volunteer.objects.filter(initiative=initiative)
        .exclude(state=Volunteer.State.WITHDRAWN)
        .select_related("member")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class VolunteersSeen:
    """An initiative's volunteers as one member may see them: the team (the lead first)
    and the places left, their own offer, and for the lead alone every offer, ranked."""

    team: list[Member]
    places_left: int
    yours: Volunteer | None
    offers: list[RankedVolunteer] | None


def volunteers_seen_by(*, initiative: Initiative, viewer: Member | None) -> VolunteersSeen:
    """What `viewer` may see of `initiative`'s volunteers, as its page and the lead's list
    show them: offers and what each brings are the lead's alone (three queries at most)."""
    members = team(initiative=initiative)
    is_lead = viewer is not None and viewer.pk == initiative.lead_id
    offers = (
        ranked_volunteers(volunteers=volunteers_for_lead(initiative=initiative))
        if is_lead
        else None
    )
    return VolunteersSeen(
        team=members,
        places_left=max(0, initiative.helpers_wanted - (len(members) - 1)),
        yours=None if is_lead else volunteer_of(initiative=initiative, member=viewer),
        offers=offers,
    )


def volunteer_for_lead(*, volunteer_id: int, lead: Member) -> Volunteer:
    """One offer on an initiative `lead` leads; Volunteer.DoesNotExist otherwise."""
    return Volunteer.objects.select_related("initiative", "member").get(
        pk=volunteer_id, initiative__lead=lead
    )


def contributions(*, initiative: Initiative) -> QuerySet[Contribution]:
    """The initiative's contribution log, newest first, with who logged each."""
    return Contribution.objects.filter(initiative=initiative).select_related("member")


def contribution_for_team(*, contribution_id: int, member: Member) -> Contribution:
    """One contribution on an initiative `member` is on the team of, with who logged it and
    the initiative; Contribution.DoesNotExist for anyone else (the log is the team's)."""
    contribution = Contribution.objects.select_related("member", "initiative").get(
        pk=contribution_id
    )
    try:
        initiative_for_team(initiative_id=contribution.initiative_id, member=member)
    except Initiative.DoesNotExist:
        raise Contribution.DoesNotExist("The contribution log is the team's.") from None
    return contribution


def own_contribution(*, contribution_id: int, member: Member) -> Contribution:
    """One of `member`'s own contributions, with its initiative; DoesNotExist for others'."""
    return Contribution.objects.select_related("initiative").get(pk=contribution_id, member=member)


def contributions_by(*, initiative: Initiative, member: Member) -> list[Contribution]:
    """`member`'s own contributions to `initiative`, oldest first."""
    return list(
        Contribution.objects.filter(initiative=initiative, member=member).order_by(
            "created_at", "id"
        )
    )


def _observations() -> QuerySet[Observation]:
    return Observation.objects.select_related("observer", "subject", "initiative")


def observations_about(*, subject: Member, viewer: Member | None) -> QuerySet[Observation]:
    """What `viewer` may read of the observations about `subject`, latest seen first.

    The subject reads all of them; anyone else the ones the subject shows on
    their profile, and the ones they wrote themselves.
    """
    observations = _observations().filter(subject=subject)
    if viewer is not None and viewer.pk == subject.pk:
        return observations
    mine = Q(observer=viewer) if viewer is not None else Q(pk__in=[])
    return observations.filter(Q(shown_on_profile=True) | mine)


def observations_of_contribution(
    *, contribution: Contribution, viewer: Member | None
) -> QuerySet[Observation]:
    """What `viewer` may read of the observations of the work of `contribution`'s member on
    its initiative (`observations_about` decides), latest seen first."""
    return observations_about(subject=contribution.member, viewer=viewer).filter(
        initiative_id=contribution.initiative_id
    )


def observations_written(*, observer: Member) -> QuerySet[Observation]:
    """The observations `observer` recorded about others, latest seen first."""
    return _observations().filter(observer=observer)


def observation_for(*, observation_id: int, member: Member) -> Observation:
    """An observation `member` wrote or is the subject of; DoesNotExist otherwise."""
    return _observations().get(Q(observer=member) | Q(subject=member), pk=observation_id)


# --- the visibility map --------------------------------------------------------------


# Milestones: everyone who sees an initiative sees its plan; its lead and organisers change it.


def may_plan(*, initiative: Initiative, member: Member | None) -> bool:
    """Its lead may plan it (a draft too); an organiser may plan any published one."""
    if member is None:
        return False
    if initiative.lead_id == member.pk:
        return True
    user = member.user
    return initiative.is_published and (user.is_organiser or user.is_superuser)


def milestones(*, initiative: Initiative) -> list[Milestone]:
    """The initiative's milestones, soonest first (one query)."""
    return list(Milestone.objects.filter(initiative=initiative))


def initiative_planned_by(*, initiative_id: int, member: Member) -> Initiative:
    """One initiative `member` may plan; DoesNotExist for anyone else, as if missing."""
    initiative = initiative_for_viewer(initiative_id=initiative_id, viewer=member)
    if not may_plan(initiative=initiative, member=member):
        raise Initiative.DoesNotExist("Only its lead or an organiser may plan it.")
    return initiative


def milestone_for_planner(*, milestone_id: int, member: Member) -> Milestone:
    """One milestone of an initiative `member` may plan, with its initiative;
    Milestone.DoesNotExist for anyone else, as if missing."""
    milestone = Milestone.objects.select_related("initiative").get(pk=milestone_id)
    try:
        initiative_planned_by(initiative_id=milestone.initiative_id, member=member)
    except Initiative.DoesNotExist:
        raise Milestone.DoesNotExist("Only its lead or an organiser may change it.") from None
    return milestone
