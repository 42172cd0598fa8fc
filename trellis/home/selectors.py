"""Reads that span areas for a member's own pages: who could help them and which
initiatives fit them, as stored, and whether any of it needs working out again.

The pages and the API read the same functions, so both show the same people and ask the
worker for the same things (`home.services.work_out_*`).
"""

from __future__ import annotations

from trellis.initiatives import selectors as initiative_selectors
from trellis.matching import selectors as matching_selectors
from trellis.people.models import Member

# Initiatives that fit, shown on home.
INITIATIVES_SHOWN = 5


def own_helpers(member: Member) -> matching_selectors.HelpersShown | None:
    """Who could help `member` with what they work on and are learning, as stored (worked
    out in the background, never here); None for a member not active."""
    if member.status != Member.Status.ACTIVE:
        return None
    return matching_selectors.helpers_shown(viewer=member, member=member)


def own_work_out_needed(
    member: Member, helpers: matching_selectors.HelpersShown | None
) -> tuple[bool, bool]:
    """Whether `member`'s recommendations, and who could help them (`own_helpers`), need
    working out: missing, or older than their profile."""
    recommendations = (
        member.status == Member.Status.ACTIVE
        and member.open_to_peer_learning
        and matching_selectors.recommendations_need_refresh(member=member)
    )
    return recommendations, helpers is not None and helpers.older_than(member.updated_at)


def own_initiative_fits(member: Member) -> initiative_selectors.FitShown | None:
    """The initiatives that fit `member`, as stored; None for a member not shown any
    (not active, or not open to initiatives)."""
    if member.status != Member.Status.ACTIVE or not member.open_to_initiatives:
        return None
    return initiative_selectors.initiatives_fitting(member=member, limit=INITIATIVES_SHOWN)


def own_initiative_fits_needed(member: Member, fits: initiative_selectors.FitShown | None) -> bool:
    """Whether the initiatives that fit `member` need working out: never asked for, or
    neither worked out nor asked for since their profile changed."""
    return fits is not None and fits.older_than(member.updated_at)
