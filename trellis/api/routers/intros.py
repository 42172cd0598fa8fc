"""/intros: the caller's intros, the composer's lint, sending, answering, drafts.

The same selectors and services as the intro pages and the composer (`home.composing`,
`home.services`): someone else's intro, and anyone's draft but one's own, is 404.
"""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from trellis.api.callers import member_of
from trellis.api.errors import answers
from trellis.api.pagination import Cursor
from trellis.api.routers.checked import checked
from trellis.api.schemas.connections import (
    FindingOut,
    IntroDetailOut,
    IntroOut,
    MemberRef,
)
from trellis.connections import selectors, services
from trellis.connections.contact import card_for_intro
from trellis.connections.forms import DeclineForm, IntroForm
from trellis.connections.models import KNOWN_STATES, MAX_MESSAGE, MAX_REASON, Intro
from trellis.home import composing
from trellis.home import services as home_services
from trellis.people.models import Member

router = Router(tags=["intros"])

Box = Literal["sent", "received"]
KnownState = Literal[tuple(KNOWN_STATES)]  # type: ignore[valid-type]


class SourcesIn(Schema):
    """What an intro comes from, if anything: each one you may see, about the two of you."""

    suggestion: int | None = Field(default=None, description="A suggestion of the two of you.")
    post: int | None = Field(default=None, description="The recipient's post it answers.")
    initiative: int | None = Field(default=None, description="An initiative you both work on.")
    helper: int | None = Field(
        default=None, description="An entry of /helpers: someone who could help you."
    )

    def ids(self) -> dict[str, int | None]:
        return {
            "suggestion_id": self.suggestion,
            "post_id": self.post,
            "initiative_id": self.initiative,
            "helper_id": self.helper,
        }


class ComposeIn(SourcesIn):
    to: int = Field(description="The member the intro is for.")
    message: str = Field(
        default="",
        max_length=MAX_MESSAGE,
        description="The message as typed so far; empty for the composer's own draft.",
    )


class QuotedFindingOut(FindingOut):
    quote: str = Field(description="The words of the message it is about.")


class ComposeOut(Schema):
    recipient: MemberRef
    message: str = Field(description="The message linted: yours, else your saved draft or ours.")
    shared: list[str] = Field(description="What the two of you share, as the draft uses it.")
    explanation: str = Field(description="Why Trellis put you together, if it did.")
    findings: list[QuotedFindingOut] = Field(description="What the ask linter notices.")
    refusal: str | None = Field(description="Why an intro to them cannot be sent now, if so.")
    has_draft: bool = Field(description="Whether you saved a draft to them.")


class SendIn(SourcesIn):
    to: int = Field(description="The member the intro is for.")
    message: str = Field(max_length=MAX_MESSAGE)


class DraftIn(SourcesIn):
    to: int = Field(description="The member the draft is for.")
    message: str | None = Field(
        default=None, max_length=MAX_MESSAGE, description="Leave out for the composer's draft."
    )


class DeclineIn(Schema):
    reason: str = Field(
        default="", max_length=MAX_REASON, description="Private: only you will ever read it."
    )


def _detail(intro: Intro, member: Member) -> Intro:
    """The intro with what its page adds for `member`: how to reach the other."""
    intro.contact = card_for_intro(intro, member=member)
    return intro


def _reread(intro_id: int, member: Member) -> Intro:
    return _detail(selectors.intro_for_member(intro_id=intro_id, member=member), member)


def _recipient_and_sources(member: Member, payload: SourcesIn, to: int):
    recipient = composing.intro_recipient(member_id=to, sender=member)
    sources = composing.intro_sources(sender=member, recipient=recipient, **payload.ids())
    return recipient, sources


@router.get("", response=answers(list[IntroOut]), summary="Your intros")
@paginate(Cursor)
def list_intros(request: HttpRequest, box: Box | None = None, state: KnownState | None = None):
    """Intros you sent (`box=sent`, drafts included) or received (`box=received`), or both;
    `state` as you know it (a sender never sees 'declined')."""
    return selectors.intros_of(member=member_of(request), box=box, state=state)


@router.post("/compose", response=answers(ComposeOut), summary="Lint a draft; sends nothing")
def compose(request: HttpRequest, payload: ComposeIn):
    """The composer: its draft (or your message) with the ask linter's findings, and why an
    intro cannot be sent now, if it cannot. Nothing is saved or sent."""
    sender = member_of(request)
    recipient, sources = _recipient_and_sources(sender, payload, payload.to)
    found = composing.intro_grounds(sender=sender, recipient=recipient, sources=sources)
    draft = composing.saved_draft(sender=sender, recipient=recipient)
    message = payload.message
    if not message.strip():
        message = composing.first_draft(
            sender=sender, recipient=recipient, found=found, draft=draft
        )
    return ComposeOut(
        recipient=MemberRef.from_orm(recipient),
        message=message,
        shared=list(found.shared),
        explanation=sources.explanation_for(sender),
        findings=composing.lint_findings(message, found),
        refusal=services.intro_refusal(sender=sender, recipient=recipient),
        has_draft=draft is not None,
    )


@router.post("", response=answers(IntroDetailOut, status=201), summary="Send an intro")
def send_intro(request: HttpRequest, payload: SendIn):
    """Send an intro (your saved draft to them, if any). The answer carries the ask
    linter's findings; a refusal is 422 with the reason, and nothing is sent."""
    sender = member_of(request)
    recipient, sources = _recipient_and_sources(sender, payload, payload.to)
    message = checked(IntroForm, {"message": payload.message})["message"]
    sent = home_services.intro_send(
        sender=sender,
        recipient=recipient,
        message=message,
        intro=composing.saved_draft(sender=sender, recipient=recipient),
        **sources.as_kwargs(),
    )
    return Status(201, _reread(sent.pk, sender))


@router.get("/drafts", response=answers(list[IntroOut]), summary="Drafts")
@paginate(Cursor)
def list_drafts(request: HttpRequest):
    """Your unsent drafts: yours alone."""
    return selectors.intros_of(member=member_of(request), box="sent", state=Intro.State.DRAFT)


@router.post("/drafts", response=answers(IntroDetailOut, status=201), summary="Save a draft")
def save_draft(request: HttpRequest, payload: DraftIn):
    """Save your draft to someone (one per person, updated in place); without a message,
    the composer's draft."""
    sender = member_of(request)
    recipient, sources = _recipient_and_sources(sender, payload, payload.to)
    message = payload.message
    if message is not None:
        message = checked(IntroForm, {"message": message})["message"]
    draft = home_services.intro_draft(
        sender=sender, recipient=recipient, message=message, **sources.as_kwargs()
    )
    return Status(201, _detail(draft, sender))


@router.get("/drafts/{intro_id}", response=answers(IntroDetailOut), summary="A draft")
def get_draft(request: HttpRequest, intro_id: int):
    member = member_of(request)
    return _detail(selectors.draft_of(intro_id=intro_id, sender=member), member)


@router.delete("/drafts/{intro_id}", response=answers(None, status=204), summary="Delete a draft")
def delete_draft(request: HttpRequest, intro_id: int):
    member = member_of(request)
    draft = selectors.draft_of(intro_id=intro_id, sender=member)
    services.intro_withdraw(intro=draft, member=member)
    return Status(204, None)


@router.get("/{intro_id}", response=answers(IntroDetailOut), summary="One intro")
def get_intro(request: HttpRequest, intro_id: int):
    return _reread(intro_id, member_of(request))


@router.post("/{intro_id}/accept", response=answers(IntroDetailOut), summary="Accept")
def accept_intro(request: HttpRequest, intro_id: int):
    """Accept an intro sent to you: the two of you start a relationship (`relationship_id`)."""
    member = member_of(request)
    intro = selectors.intro_for_recipient(intro_id=intro_id, member=member)
    services.intro_accept(intro=intro, member=member)
    return _reread(intro_id, member)


@router.post("/{intro_id}/decline", response=answers(IntroDetailOut), summary="Decline")
def decline_intro(request: HttpRequest, intro_id: int, payload: DeclineIn):
    """Decline an intro sent to you. The sender only ever sees it is no longer open; the
    reason is yours alone."""
    member = member_of(request)
    intro = selectors.intro_for_recipient(intro_id=intro_id, member=member)
    reason = checked(DeclineForm, {"reason": payload.reason})["reason"]
    services.intro_decline(intro=intro, member=member, reason=reason)
    return _reread(intro_id, member)


@router.post(
    "/{intro_id}/withdraw",
    response={**answers(IntroDetailOut), 204: None},
    summary="Withdraw (a draft: delete)",
)
def withdraw_intro(request: HttpRequest, intro_id: int):
    """Take back an intro you sent; a draft is deleted (204)."""
    member = member_of(request)
    intro = selectors.intro_for_member(intro_id=intro_id, member=member)
    if services.intro_withdraw(intro=intro, member=member) is None:
        return Status(204, None)
    return _reread(intro_id, member)
