"""/initiatives, /volunteers, /contributions and /observations: the initiatives area.

Each operation calls the selector or service its page calls. Who sees what is theirs to
decide: a draft is its lead's alone, offers are the lead's to read, the contribution log
is the team's, an observation its observer's and its subject's. Anything else is 404.
"""

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from trellis.api.callers import member_of
from trellis.api.errors import answers, not_found
from trellis.api.pagination import Cursor
from trellis.api.schemas.initiatives import (
    ContributionIn,
    ContributionOut,
    InitiativeDetailOut,
    InitiativeIn,
    InitiativeOut,
    InitiativePatch,
    MoveIn,
    ObservationIn,
    ObservationList,
    ObservationOut,
    ObservationRecordedOut,
    ObservationShownIn,
    OfferOut,
    Shown,
    VolunteerIn,
    VolunteerOut,
    VolunteersOut,
)
from trellis.initiatives import selectors, services
from trellis.initiatives.models import Initiative, Observation
from trellis.people.models import Member

TAGS = ["initiatives"]
router = Router(tags=TAGS)
volunteers_router = Router(tags=TAGS)
contributions_router = Router(tags=TAGS)
observations_router = Router(tags=TAGS)

State = Initiative.State
LISTS = {
    "open": lambda member: selectors.initiative_list(states=(State.OPEN, State.UNDERWAY)),
    "done": lambda member: selectors.initiative_list(states=(State.DONE,)),
    "led": lambda member: selectors.initiatives_led(lead=member),
    "joined": lambda member: selectors.initiatives_joined(member=member),
}


def _seen(initiative_id: int, member: Member) -> Initiative:
    """The initiative as `member` may see it (with its lead, topics and team size)."""
    return selectors.initiative_for_viewer(initiative_id=initiative_id, viewer=member)


def _detail(initiative: Initiative, member: Member) -> InitiativeDetailOut:
    """The initiative's page, as `member` reads it."""
    is_lead = initiative.lead_id == member.pk
    shows_fit = selectors.shown_fit(member) and not is_lead and initiative.takes_volunteers
    asked = [initiative.pk] if shows_fit else []
    reasons = selectors.fit_reasons(member=member, initiative_ids=asked)
    return InitiativeDetailOut(
        **InitiativeOut.from_orm(initiative).dict(),
        is_lead=is_lead,
        on_team=selectors.is_on_team(initiative=initiative, member=member),
        next_states=list(services.NEXT_STATES[initiative.state]) if is_lead else [],
        offer_refusal=None
        if is_lead
        else services.offer_refusal(initiative=initiative, member=member),
        fit_reason=reasons.get(initiative.pk, ""),
    )


# --- initiatives ---------------------------------------------------------------------------


@router.get("", response=answers(list[InitiativeOut]), summary="Initiatives")
@paginate(Cursor)
def list_initiatives(request: HttpRequest, show: Shown = "open"):
    """`open` (open and underway) and `done` are the list page's tabs; `led` every one you
    lead, drafts too; `joined` those whose team you are on."""
    return LISTS[show](member_of(request))


@router.post(
    "",
    response=answers(InitiativeDetailOut, status=201),
    summary="Write an initiative",
)
def create_initiative(request: HttpRequest, payload: InitiativeIn):
    member = member_of(request)
    made = services.initiative_create(lead=member, **payload.dict())
    return Status(201, _detail(_seen(made.pk, member), member))


@router.get("/{int:initiative_id}", response=answers(InitiativeDetailOut), summary="An initiative")
def get_initiative(request: HttpRequest, initiative_id: int):
    member = member_of(request)
    return _detail(_seen(initiative_id, member), member)


@router.patch(
    "/{int:initiative_id}", response=answers(InitiativeDetailOut), summary="Change an initiative"
)
def update_initiative(request: HttpRequest, initiative_id: int, payload: InitiativePatch):
    """Its lead only, until it is done or cancelled; give only the fields that change."""
    member = member_of(request)
    initiative = selectors.initiative_led_by(initiative_id=initiative_id, lead=member)
    services.initiative_update(
        initiative=initiative, member=member, **payload.dict(exclude_unset=True)
    )
    return _detail(_seen(initiative_id, member), member)


@router.post(
    "/{int:initiative_id}/move",
    response=answers(InitiativeDetailOut),
    summary="Open, start, finish or cancel an initiative",
)
def move_initiative(request: HttpRequest, initiative_id: int, payload: MoveIn):
    """Its lead only: draft → open → underway → done; anything not yet done may be
    cancelled. `next_states` on the initiative says which moves it allows now."""
    member = member_of(request)
    initiative = selectors.initiative_led_by(initiative_id=initiative_id, lead=member)
    services.initiative_move(initiative=initiative, member=member, to=payload.to)
    return _detail(_seen(initiative_id, member), member)


# --- volunteers ----------------------------------------------------------------------------


@router.get(
    "/{int:initiative_id}/volunteers",
    response=answers(VolunteersOut),
    summary="An initiative's team and offers",
)
def list_volunteers(request: HttpRequest, initiative_id: int):
    """Everyone who may see the initiative sees its team and their own offer; its lead also
    every offer, ranked by the fit the background worker stored (nothing scored here)."""
    member = member_of(request)
    seen = selectors.volunteers_seen_by(initiative=_seen(initiative_id, member), viewer=member)
    offers = None
    if seen.offers is not None:
        offers = [
            OfferOut(
                **VolunteerOut.from_orm(ranked.volunteer).dict(),
                fit_score=ranked.fit.score if ranked.fit else None,
                fit_reason=ranked.fit.reason if ranked.fit else "",
            )
            for ranked in seen.offers
        ]
    return VolunteersOut(
        team=seen.team, places_left=seen.places_left, yours=seen.yours, offers=offers
    )


@router.post(
    "/{int:initiative_id}/volunteers",
    response=answers(VolunteerOut, status=201),
    summary="Offer to help",
)
def offer_help(request: HttpRequest, initiative_id: int, payload: VolunteerIn):
    member = member_of(request)
    initiative = _seen(initiative_id, member)
    offered = services.volunteer_offer(initiative=initiative, member=member, **payload.dict())
    return Status(201, offered)


@router.delete(
    "/{int:initiative_id}/volunteers/mine",
    response=answers(VolunteerOut),
    summary="Withdraw your offer, or leave the team",
)
def withdraw_offer(request: HttpRequest, initiative_id: int):
    member = member_of(request)
    mine = selectors.volunteer_of(initiative=_seen(initiative_id, member), member=member)
    if mine is None:
        raise not_found()
    return services.volunteer_withdraw(volunteer=mine, member=member)


def _answer(request: HttpRequest, volunteer_id: int, *, accept: bool):
    lead = member_of(request)
    volunteer = selectors.volunteer_for_lead(volunteer_id=volunteer_id, lead=lead)
    answer = services.volunteer_accept if accept else services.volunteer_decline
    return answer(volunteer=volunteer, lead=lead)


@volunteers_router.post(
    "/{int:volunteer_id}/accept", response=answers(VolunteerOut), summary="Welcome a volunteer"
)
def accept_volunteer(request: HttpRequest, volunteer_id: int):
    """The initiative's lead only, while it has places left."""
    return _answer(request, volunteer_id, accept=True)


@volunteers_router.post(
    "/{int:volunteer_id}/decline", response=answers(VolunteerOut), summary="Decline an offer"
)
def decline_volunteer(request: HttpRequest, volunteer_id: int):
    """The initiative's lead only; only the volunteer is told."""
    return _answer(request, volunteer_id, accept=False)


# --- contributions -------------------------------------------------------------------------


@router.get(
    "/{int:initiative_id}/contributions",
    response=answers(list[ContributionOut]),
    summary="The team's contribution log",
)
@paginate(Cursor)
def list_contributions(request: HttpRequest, initiative_id: int):
    """The lead and the team read it; anyone else gets 404."""
    member = member_of(request)
    initiative = selectors.initiative_for_team(initiative_id=initiative_id, member=member)
    return selectors.contributions(initiative=initiative)


@router.post(
    "/{int:initiative_id}/contributions",
    response=answers(ContributionOut, status=201),
    summary="Log what you did",
)
def log_contribution(request: HttpRequest, initiative_id: int, payload: ContributionIn):
    member = member_of(request)
    initiative = selectors.initiative_for_team(initiative_id=initiative_id, member=member)
    logged = services.contribution_log(initiative=initiative, member=member, **payload.dict())
    return Status(201, logged)


@contributions_router.delete(
    "/{int:contribution_id}", response=answers(ContributionOut), summary="Remove a contribution"
)
def delete_contribution(request: HttpRequest, contribution_id: int):
    """One of your own; the answer is what was removed."""
    member = member_of(request)
    contribution = selectors.own_contribution(contribution_id=contribution_id, member=member)
    answer = ContributionOut.from_orm(contribution)
    services.contribution_delete(contribution=contribution, member=member)
    return answer


# --- observations --------------------------------------------------------------------------


@contributions_router.get(
    "/{int:contribution_id}/observations",
    response=answers(list[ObservationOut]),
    summary="Observations of the work behind a contribution",
)
@paginate(Cursor)
def list_observations(request: HttpRequest, contribution_id: int):
    """Observations of the contributor's work on the initiative that you may read: all of
    them if it is your work, otherwise those you wrote and those they show on their profile.
    The contribution itself is the team's: anyone else gets 404."""
    member = member_of(request)
    contribution = selectors.contribution_for_team(contribution_id=contribution_id, member=member)
    return selectors.observations_of_contribution(contribution=contribution, viewer=member)


@contributions_router.post(
    "/{int:contribution_id}/observations",
    response=answers(ObservationRecordedOut, status=201),
    summary="Record work you saw a teammate do",
)
def record_observation(request: HttpRequest, contribution_id: int, payload: ObservationIn):
    """About the contribution's member, on its initiative. The linter's findings come back
    with it: they explain, they never refuse."""
    member = member_of(request)
    contribution = selectors.contribution_for_team(contribution_id=contribution_id, member=member)
    recorded = services.observation_record(
        observer=member,
        subject=contribution.member,
        initiative=contribution.initiative,
        text=payload.text,
        seen_on=payload.seen_on,
    )
    findings = [
        finding | {"quote": recorded.text[finding["start"] : finding["end"]]}
        for finding in recorded.findings
    ]
    answer = ObservationRecordedOut(**ObservationOut.from_orm(recorded).dict(), findings=findings)
    return Status(201, answer)


OBSERVATION_LISTS = {
    "about_me": lambda member: selectors.observations_about(subject=member, viewer=member),
    "written": lambda member: selectors.observations_written(observer=member),
}


@observations_router.get(
    "", response=answers(list[ObservationOut]), summary="Observations about you, or by you"
)
@paginate(Cursor)
def list_own_observations(request: HttpRequest, show: ObservationList = "about_me"):
    """As your visibility page lists them: `about_me` (every one, shown on your profile or
    not) or `written` (those you recorded about others)."""
    return OBSERVATION_LISTS[show](member_of(request))


def _observation(request: HttpRequest, observation_id: int) -> tuple[Observation, Member]:
    member = member_of(request)
    return selectors.observation_for(observation_id=observation_id, member=member), member


@observations_router.get(
    "/{int:observation_id}", response=answers(ObservationOut), summary="An observation"
)
def get_observation(request: HttpRequest, observation_id: int):
    """One you wrote or one about you."""
    return _observation(request, observation_id)[0]


@observations_router.patch(
    "/{int:observation_id}",
    response=answers(ObservationOut),
    summary="Show an observation on your profile, or hide it",
)
def show_observation(request: HttpRequest, observation_id: int, payload: ObservationShownIn):
    """Its subject only chooses."""
    observation, member = _observation(request, observation_id)
    return services.observation_show(
        observation=observation, member=member, shown=payload.shown_on_profile
    )


@observations_router.delete(
    "/{int:observation_id}", response=answers(ObservationOut), summary="Take back an observation"
)
def delete_observation(request: HttpRequest, observation_id: int):
    """Its observer only; it is gone for good (the answer is what was taken back)."""
    observation, member = _observation(request, observation_id)
    answer = ObservationOut.from_orm(observation)
    services.observation_delete(observation=observation, member=member)
    return answer
