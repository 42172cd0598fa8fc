"""Reads that span areas for a member's own pages: who could help them, as stored.

The home page and the API read the same function, so both show the same people.
"""

from __future__ import annotations

from trellis.matching import selectors as matching_selectors
from trellis.people.models import Member


def own_helpers(member: Member) -> matching_selectors.HelpersShown | None:
    """Who could help `member` with what they work on and are learning, as stored (worked
    out in the background, never here); None for a member not active."""
    if member.status != Member.Status.ACTIVE:
        return None
    return matching_selectors.helpers_shown(viewer=member, member=member)
