"""What initiatives do when other areas say something changed about a member."""

from __future__ import annotations

from trellis.initiatives import services
from trellis.people.models import Member


def refresh_fit(sender, *, member: Member, **kwargs) -> None:
    """What a member wrote changed their interests: the initiatives that fit them, and how
    their offers fit, follow (only for a member who is shown initiatives, or offered)."""
    if member.status == Member.Status.ACTIVE:
        services.fit_request(member=member)
