"""Schemas for initiatives, volunteers, contributions and observations.

Each says what its page shows to the caller and no more: what a volunteer brings is read
by them and the lead; the contribution log by the team; an observation by its observer
and its subject (anyone else only when the subject shows it on their profile).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from trellis.initiatives.models import Initiative, Volunteer

# States as plain enums of their values: every area's models call theirs `State`, and the
# schema would otherwise give them one shared, clashing name.
InitiativeState = Literal[tuple(Initiative.State.values)]
VolunteerState = Literal[tuple(Volunteer.State.values)]
# The list's tabs as the page has them, and the caller's own lists beside it.
Shown = Literal["open", "done", "led", "joined"]
ObservationList = Literal["about_me", "written"]
NextState = Literal["open", "underway", "done", "cancelled"]


class InitiativeMember(Schema):
    id: int
    display_name: str


class InitiativeTopic(Schema):
    slug: str
    name: str


class InitiativeOut(Schema):
    id: int
    title: str
    problem: str = Field(description="The problem it solves: what volunteers are matched on.")
    why_it_matters: str
    skills: str = Field(description="The skills and topics it needs, as the lead wrote them.")
    topics: list[InitiativeTopic] = Field(description="Topics of the vocabulary it names.")
    helpers_wanted: int
    time_ask: str = Field(description="The time it asks of a helper, in the lead's words.")
    ends_on: date
    state: InitiativeState = Field(description="draft (its lead's alone), open, underway, …")
    lead: InitiativeMember
    team_size: int = Field(description="Volunteers on the team, the lead aside.")
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None = Field(description="When it was marked done or cancelled.")


class InitiativeDetailOut(InitiativeOut):
    is_lead: bool = Field(description="You lead it.")
    on_team: bool = Field(description="You lead it or are a volunteer on its team.")
    next_states: list[str] = Field(description="The states you may move it to (its lead only).")
    offer_refusal: str | None = Field(
        description="Why you may not offer to help now; null when you may."
    )
    fit_reason: str = Field(
        description="Why it fits you, as last worked out in the background; empty if not."
    )


class InitiativeIn(Schema):
    title: str
    problem: str
    ends_on: date
    why_it_matters: str = ""
    skills: str = ""
    helpers_wanted: int = 2
    time_ask: str = ""
    publish: bool = Field(
        default=False, description="Open it at once; otherwise a draft only you see."
    )


class InitiativePatch(Schema):
    title: str | None = None
    problem: str | None = None
    ends_on: date | None = None
    why_it_matters: str | None = None
    skills: str | None = None
    helpers_wanted: int | None = None
    time_ask: str | None = None


class MoveIn(Schema):
    to: NextState = Field(
        description="open (draft or underway to open), underway, done or cancelled."
    )


class VolunteerOut(Schema):
    id: int
    initiative_id: int
    member: InitiativeMember
    state: VolunteerState
    brings: str = Field(description="What they bring (the volunteer's and the lead's to read).")
    wants_to_learn: str
    created_at: datetime
    answered_at: datetime | None


class OfferOut(VolunteerOut):
    fit_score: float | None = Field(
        description="How well they fit, worked out in the background; null: not yet."
    )
    fit_reason: str


class VolunteersOut(Schema):
    team: list[InitiativeMember] = Field(
        description="The lead first, then the volunteers on the team."
    )
    places_left: int
    yours: VolunteerOut | None = Field(description="Your own offer, if you made one.")
    offers: list[OfferOut] | None = Field(
        description="Every offer, waiting first, best fit first: the lead's alone (null for "
        "anyone else)."
    )


class VolunteerIn(Schema):
    brings: str = Field(description="What you bring: the lead reads it to see where you fit.")
    wants_to_learn: str = ""


class ContributionOut(Schema):
    id: int
    initiative_id: int
    member: InitiativeMember
    text: str
    link: str
    created_at: datetime


class ContributionIn(Schema):
    text: str = Field(description="What you did, in a line or two.")
    link: str = Field(default="", description="Optional: where to see it (http or https).")


class ObservationOut(Schema):
    id: int
    observer: InitiativeMember
    subject: InitiativeMember
    initiative_id: int | None
    text: str = Field(description="What the observer saw (theirs and the subject's to read).")
    seen_on: date
    shown_on_profile: bool = Field(description="The subject chose to show it on their profile.")
    created_at: datetime


class FindingOut(Schema):
    rule: str
    start: int
    end: int
    quote: str = Field(description="The words it is about.")
    why: str
    suggestion: str
    also: list[str]


class ObservationRecordedOut(ObservationOut):
    findings: list[FindingOut] = Field(
        description="What the observation linter noticed: it explains, it never blocks."
    )


class ObservationIn(Schema):
    text: str = Field(description="Specific work you saw them do: never a rating.")
    seen_on: date = Field(description="When you saw it: within the last five years.")


class ObservationShownIn(Schema):
    shown_on_profile: bool
