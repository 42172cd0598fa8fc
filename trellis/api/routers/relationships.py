"""/relationships: the caller's relationships, their exchanges, closing, proposing a time.

The same selectors and services as the relationship pages: a relationship the caller is
not in is 404 (organisers too), and the invitation (.ics) of a proposed time stays on the
pages (`invitation_url`).
"""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AwareDatetime, Field, field_validator

from trellis.api.callers import member_of
from trellis.api.errors import answers
from trellis.api.pagination import Cursor
from trellis.api.routers.checked import checked
from trellis.api.schemas.connections import (
    ExchangeOut,
    MeetingOut,
    RelationshipDetailOut,
    RelationshipOut,
    RelationshipState,
)
from trellis.connections import reciprocity, selectors, services
from trellis.connections.contact import card_in_relationship
from trellis.connections.forms import CloseForm, ExchangeForm
from trellis.connections.models import MAX_REASON, Relationship
from trellis.connections.models.meetings import (
    MAX_LINK,
    MAX_MINUTES,
    MAX_NOTE,
    MAX_PLACE,
    MIN_MINUTES,
)
from trellis.connections.models.relationships import MAX_TEXT
from trellis.people.models import Member
from trellis.text import limits

router = Router(tags=["relationships"])


class CloseIn(Schema):
    reason: str = Field(
        default="", max_length=MAX_REASON, description="Private: only you will ever read it."
    )


class ExchangeIn(Schema):
    date: datetime.date = Field(description="When you talked: not in the future.")
    what_i_shared: str = Field(default="", max_length=MAX_TEXT)
    what_i_learned: str = Field(default="", max_length=MAX_TEXT)
    note: str = Field(
        default="", max_length=MAX_TEXT, description="Both of you can read it; nobody else."
    )
    topics: str = Field(
        default="",
        max_length=limits.EXCHANGE_TOPICS,
        description="Comma-separated topic names or synonyms, e.g. 'Kubernetes, Terraform'.",
    )


class ProposalIn(Schema):
    starts_at: AwareDatetime = Field(description="With its UTC offset; within the next year.")
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    place: str = Field(default="", max_length=MAX_PLACE, description="A place, or give a link.")
    link: str = Field(default="", max_length=MAX_LINK, description="https:// only.")
    note: str = Field(default="", max_length=MAX_NOTE)

    @field_validator("starts_at")
    @classmethod
    def in_utc(cls, value: datetime.datetime) -> datetime.datetime:
        """The time in UTC, as it is stored (a time no calendar holds in UTC is refused)."""
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValueError("Choose a time within the next year.") from None


def _detail(relationship: Relationship, member: Member) -> Relationship:
    """The relationship with what its page adds for `member` (from what was prefetched)."""
    me = relationship.member_a if relationship.member_a_id == member.pk else relationship.member_b
    relationship.contact = card_in_relationship(relationship, member=member)
    relationship.shared_topics = selectors.shared_topics(me, relationship.other(member.pk))
    relationship.gave, relationship.received = reciprocity.totals(
        relationship.exchanges.all(), member.pk
    )
    return relationship


def _read(relationship_id: int, member: Member) -> Relationship:
    found = selectors.relationship_for_member(relationship_id=relationship_id, member=member)
    return _detail(found, member)


@router.get("", response=answers(list[RelationshipOut]), summary="Your relationships")
@paginate(Cursor)
def list_relationships(request: HttpRequest, state: RelationshipState | None = None):
    """Your relationships, newest first; `state` active, dormant (resting) or closed."""
    return selectors.relationships_of(member=member_of(request), state=state)


@router.get("/{relationship_id}", response=answers(RelationshipDetailOut), summary="One")
def get_relationship(request: HttpRequest, relationship_id: int):
    """One of your relationships, with how to reach the other while it is open."""
    return _read(relationship_id, member_of(request))


@router.post("/{relationship_id}/close", response=answers(RelationshipDetailOut), summary="Close")
def close_relationship(request: HttpRequest, relationship_id: int, payload: CloseIn):
    """Close one of your relationships; the reason is yours alone."""
    member = member_of(request)
    relationship = _read(relationship_id, member)
    reason = checked(CloseForm, {"reason": payload.reason})["reason"]
    services.relationship_close(relationship=relationship, member=member, reason=reason)
    return _read(relationship_id, member)


@router.get(
    "/{relationship_id}/exchanges",
    response=answers(list[ExchangeOut]),
    summary="Its exchanges",
)
@paginate(Cursor)
def list_exchanges(request: HttpRequest, relationship_id: int):
    """What each of you recorded: seen by the two of you, nobody else."""
    return selectors.exchanges_in(relationship_id=relationship_id, member=member_of(request))


@router.post(
    "/{relationship_id}/exchanges",
    response=answers(ExchangeOut, status=201),
    summary="Record an exchange",
)
def record_exchange(request: HttpRequest, relationship_id: int, payload: ExchangeIn):
    """Record what you shared and what you learned in a conversation, as the journal does."""
    member = member_of(request)
    relationship = _read(relationship_id, member)
    data = checked(ExchangeForm, payload.dict())
    exchange = services.exchange_record(relationship=relationship, author=member, **data)
    return Status(201, exchange)


@router.post(
    "/{relationship_id}/proposals",
    response=answers(MeetingOut, status=201),
    summary="Propose a time",
)
def propose_time(request: HttpRequest, relationship_id: int, payload: ProposalIn):
    """Propose a time to talk: stored, and e-mailed to the other with the invitation."""
    member = member_of(request)
    relationship = _read(relationship_id, member)
    meeting = services.meeting_propose(
        relationship=relationship,
        proposer=member,
        starts_at=payload.starts_at,
        minutes=payload.minutes,
        place=payload.place,
        link=payload.link,
        note=payload.note,
        now=timezone.now(),
    )
    return Status(201, meeting)
