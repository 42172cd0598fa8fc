"""What the suggestions, intros, relationships and reflections routers answer with.

Each schema shows a caller what the matching page shows them, and nothing more: an
intro's state as its caller may know it (a sender never learns of a decline), a
decline or close reason to the one who gave it alone, the ask linter's findings on a
sent intro to its sender alone, how to reach someone only to the people in an open
relationship with them. Fields that depend on who is asking read the caller from the
request (`_caller`), as the pages read the signed-in member.
"""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from trellis.api.schemas import choices_named
from trellis.api.schemas.people import ContactOut, MemberRef, TopicRef
from trellis.connections.models import KNOWN_STATES, Intro, Relationship
from trellis.matching.selectors import dismissed_at
from trellis.people.models import Member
from trellis.people.requests import request_member

RelationshipState = choices_named("RelationshipState", Relationship.State)


def _caller(context) -> Member | None:
    return request_member(context["request"])


class FindingOut(Schema):
    rule: str = Field(description="Which rule of the ask linter noticed it.")
    start: int = Field(description="Where the words it is about start in the message.")
    end: int = Field(description="Where those words end.")
    why: str = Field(description="Why it matters, in a sentence.")
    suggestion: str = Field(description="A rewrite to try.")
    also: list[str] = Field(description="Other rules that fired on the same words.")


class IntroOut(Schema):
    id: int
    sender: MemberRef
    recipient: MemberRef
    direction: str = Field(description='"sent" (by you) or "received" (by you).')
    origin: str = Field(description="What the two met over: suggestion, profile, post, ….")
    post_id: int | None = Field(description="The recipient's post it answers, if any.")
    state: str = Field(
        description=(
            "The state as you may know it: "
            + ", ".join(KNOWN_STATES)
            + ". A sender never learns of a decline: it reads 'sent' until it would have "
            "expired, then 'no_longer_open'."
        )
    )
    state_label: str = Field(description="The state in words, as the page shows it.")
    is_open: bool = Field(description="Whether it is waiting for an answer, as you see it.")
    message: str
    shared: list[str] = Field(description="The topics and phrases the two share.")
    findings: list[FindingOut] = Field(
        description="What the ask linter noticed when it was sent: its sender's alone."
    )
    decline_reason: str | None = Field(
        description="Why you declined it: only for its recipient, once declined."
    )
    relationship_id: int | None = Field(description="The relationship it started, if any.")
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    expires_at: datetime.datetime | None = Field(
        description="When it stops waiting, while it is open to you."
    )

    @staticmethod
    def resolve_direction(obj: Intro, context) -> str:
        return "sent" if obj.sender_id == _caller(context).pk else "received"

    @staticmethod
    def resolve_state(obj: Intro, context) -> str:
        return obj.known_state_for(_caller(context).pk)

    @staticmethod
    def resolve_state_label(obj: Intro, context) -> str:
        return obj.state_for(_caller(context).pk)

    @staticmethod
    def resolve_is_open(obj: Intro, context) -> bool:
        return obj.looks_open_to(_caller(context).pk)

    @staticmethod
    def resolve_findings(obj: Intro, context) -> list:
        return obj.findings if obj.sender_id == _caller(context).pk else []

    @staticmethod
    def resolve_decline_reason(obj: Intro, context) -> str | None:
        if obj.recipient_id != _caller(context).pk or obj.state != Intro.State.DECLINED:
            return None
        return obj.decline_reason

    @staticmethod
    def resolve_relationship_id(obj: Intro, context) -> int | None:
        if obj.state != Intro.State.ACCEPTED:
            return None
        relationship = getattr(obj, "relationship", None)
        return relationship.pk if relationship is not None else None

    @staticmethod
    def resolve_expires_at(obj: Intro, context) -> datetime.datetime | None:
        return obj.expires_at if obj.looks_open_to(_caller(context).pk) else None


class IntroDetailOut(IntroOut):
    contact: ContactOut | None = Field(
        description="How to reach the other, once accepted and while you stay connected."
    )


class ExchangeOut(Schema):
    id: int
    relationship_id: int
    author: MemberRef
    mine: bool = Field(description="Whether you recorded it.")
    date: datetime.date
    topics: list[TopicRef]
    what_i_shared: str
    what_i_learned: str
    note: str = Field(description="Seen by both members of the relationship, nobody else.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_mine(obj, context) -> bool:
        return obj.author_id == _caller(context).pk

    @staticmethod
    def resolve_topics(obj) -> list:
        return list(obj.topics.all())


class RelationshipOut(Schema):
    id: int
    other: MemberRef = Field(description="The other member of the pair.")
    origin: str
    state: RelationshipState
    intro_id: int | None
    started_at: datetime.datetime
    last_exchange_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    closed_by_you: bool
    closed_reason: str | None = Field(
        description="Why you closed it: only for the member who closed it."
    )

    @staticmethod
    def resolve_other(obj: Relationship, context) -> Member:
        return obj.other(_caller(context).pk)

    @staticmethod
    def resolve_closed_by_you(obj: Relationship, context) -> bool:
        return obj.closed_by_id is not None and obj.closed_by_id == _caller(context).pk

    @staticmethod
    def resolve_closed_reason(obj: Relationship, context) -> str | None:
        if obj.closed_by_id is None or obj.closed_by_id != _caller(context).pk:
            return None
        return obj.closed_reason


class MeetingOut(Schema):
    id: int
    relationship_id: int
    proposer: MemberRef
    starts_at: datetime.datetime
    minutes: int
    place: str
    link: str
    note: str
    invitation_url: str = Field(description="The invitation (.ics), on the pages.")

    @staticmethod
    def resolve_invitation_url(obj) -> str:
        return obj.get_ics_url()


class RelationshipDetailOut(RelationshipOut):
    contact: ContactOut | None = Field(
        description="How to reach the other while the relationship is open; none once closed."
    )
    shared_topics: list[TopicRef] = Field(description="Topics you both work on or wonder about.")
    gave: int = Field(description="How often you shared something in its exchanges.")
    received: int = Field(description="How often you learned something in its exchanges.")
    upcoming_meetings: list[MeetingOut]


class ReflectionOut(Schema):
    id: int
    prompt: str
    body: str
    exchange_id: int | None = Field(description="The exchange of yours it is about, if any.")
    with_whom: MemberRef | None = Field(description="The other member of that exchange.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_with_whom(obj, context) -> Member | None:
        if obj.exchange is None:
            return None
        return obj.exchange.relationship.other(_caller(context).pk)


class SuggestionOut(Schema):
    id: int
    kind: str = Field(description='"round" (an organiser\'s round) or "recommendation".')
    other: MemberRef = Field(description="The person suggested to you.")
    explanation: str = Field(description="Why, written to you.")
    dismissed: bool = Field(description="Whether you dismissed it (never the other's).")
    created_at: datetime.datetime

    @staticmethod
    def resolve_other(obj, context) -> Member:
        return obj.other(_caller(context).pk)

    @staticmethod
    def resolve_explanation(obj, context) -> str:
        return obj.explanation_for(_caller(context).pk)

    @staticmethod
    def resolve_dismissed(obj, context) -> bool:
        return dismissed_at(obj, _caller(context).pk) is not None
