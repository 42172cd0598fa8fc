"""How two people in a relationship reach each other, shown to them and to nobody else.

A member's e-mail address and their own "how to reach me" (a chat handle, a booking
link) are shown to the people they share an open relationship with (active or
resting), which an accepted intro starts. Closing it, or never having one, shows
nothing: not to other members, not to organisers.
"""

from __future__ import annotations

from dataclasses import dataclass

from trellis.connections import selectors
from trellis.connections.models import Intro, Relationship
from trellis.people.models import Member


@dataclass(frozen=True, slots=True)
class ContactCard:
    """One member's ways of being reached, for someone allowed to see them."""

    name: str
    email: str
    chat_handle: str
    booking_link: str

    def as_text(self) -> str:
        """The card as lines of an e-mail."""
        lines = [f"How to reach {self.name}:", f"- E-mail: {self.email}"]
        if self.chat_handle:
            lines.append(f"- Chat: {self.chat_handle}")
        if self.booking_link:
            lines.append(f"- Book a time: {self.booking_link}")
        return "\n".join(lines)


def contact_card(member: Member) -> ContactCard:
    """`member`'s card. Only for callers that already checked who may see it."""
    return ContactCard(
        name=member.display_name,
        email=member.user.email,
        chat_handle=member.chat_handle,
        booking_link=member.booking_link,
    )


def card_in_relationship(relationship: Relationship, *, member: Member) -> ContactCard | None:
    """The card of `member`'s other in `relationship`, while it is open; None once closed."""
    if relationship.is_closed or not relationship.has_member(member.pk):
        return None
    return contact_card(relationship.other(member.pk))


def card_for_viewer(*, viewer: Member | None, member: Member) -> ContactCard | None:
    """`member`'s card if `viewer` shares an open relationship with them; None otherwise."""
    if viewer is None or viewer.pk == member.pk:
        return None
    if selectors.relationship_between(a_id=viewer.pk, b_id=member.pk) is None:
        return None
    return contact_card(member)


def card_for_intro(intro: Intro, *, member: Member) -> ContactCard | None:
    """How `member` reaches the other of an intro: once accepted, while they stay connected."""
    if intro.state != Intro.State.ACCEPTED:
        return None
    other = intro.recipient if intro.sender_id == member.pk else intro.sender
    return card_for_viewer(viewer=member, member=other)
