"""What matching does when other areas say something changed about a member."""

from __future__ import annotations

from trellis.matching import services
from trellis.people.models import Member


def refresh_recommendations(sender, *, member: Member, **kwargs) -> None:
    """What a member wrote changed their interests: their recommendations follow.

    Only for members matching pairs: active and open to peer learning.
    """
    if member.status == Member.Status.ACTIVE and member.open_to_peer_learning:
        services.recommendations_request(member=member)
