from __future__ import annotations

from django.http import Http404

from trellis.initiatives import selectors
from trellis.initiatives.models import Initiative
from trellis.people.models import Member


def initiative_or_404(initiative_id: int, viewer: Member | None) -> Initiative:
    """An initiative `viewer` may see (drafts are their lead's alone), else 404."""
    try:
        return selectors.initiative_for_viewer(initiative_id=initiative_id, viewer=viewer)
    except Initiative.DoesNotExist:
        raise Http404("No such initiative") from None


def led_or_404(initiative_id: int, lead: Member) -> Initiative:
    """An initiative `lead` leads; 404 for everyone else, as if it were missing."""
    try:
        return selectors.initiative_led_by(initiative_id=initiative_id, lead=lead)
    except Initiative.DoesNotExist:
        raise Http404("No such initiative") from None


def team_initiative_or_404(initiative_id: int, member: Member) -> Initiative:
    """An initiative `member` is on the team of; 404 for everyone else (the log is theirs)."""
    try:
        return selectors.initiative_for_team(initiative_id=initiative_id, member=member)
    except Initiative.DoesNotExist:
        raise Http404("No such initiative") from None
