"""Reads for calendar feeds: whose feed an address opens, and what the feed shows.

A feed is three queries whatever the size of the site: the address's row with its
member, the initiatives shown, and their milestones (each by an index).
"""

from __future__ import annotations

from django.db.models import Q

from trellis.accounts.secrets import digest_of
from trellis.initiatives.models import Initiative, Milestone, Volunteer
from trellis.integrations.calendars.models import CalendarFeed
from trellis.people.models import Member

State = Initiative.State
# The member's own initiatives: published and not cancelled (a done one keeps its dates).
OWN_STATES = (State.OPEN, State.UNDERWAY, State.DONE)
# What an organiser follows besides their own: every initiative still under way.
ORGANISER_STATES = (State.OPEN, State.UNDERWAY)
LONGEST_SECRET = 100


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The live feed an address's secret opens, with its member and their login; None for
    an unknown, revoked or over-long secret, or a member who left or was deactivated."""
    if not secret or len(secret) > LONGEST_SECRET:
        return None
    found = (
        CalendarFeed.objects.select_related("member__user")
        .filter(digest=digest_of(secret), member__user__is_active=True)
        .exclude(member__status=Member.Status.LEFT)
        .order_by()[:1]
    )
    return next(iter(found), None)


def feed_of(member: Member) -> CalendarFeed | None:
    """The member's live feed, if they made one (the address itself is not kept)."""
    return CalendarFeed.objects.filter(member=member).order_by().first()


def follows_every_initiative(user) -> bool:
    return bool(user.is_organiser or user.is_superuser)


def initiatives_in_feed(*, member: Member | None, everything_open: bool) -> list[Initiative]:
    """The initiatives a feed shows, soonest end first, each with `plan`: its milestones
    soonest first (two queries, the second by the first as a subquery, so that an
    organiser's thousands of initiatives never make a list of thousands of ids).

    `member`'s own (led, or on the team) that are published and not cancelled, and with
    `everything_open` (an organiser) every open or underway initiative too. An initiative
    whose lead left is no longer shown, as on the initiative pages.
    """
    shown = Q(pk__in=[])
    if member is not None:
        on_team = Volunteer.objects.filter(member=member, state=Volunteer.State.ACCEPTED)
        shown = (Q(lead=member) | Q(pk__in=on_team.values("initiative_id"))) & Q(
            state__in=OWN_STATES
        )
    if everything_open:
        shown |= Q(state__in=ORGANISER_STATES)
    chosen = Initiative.objects.filter(shown).exclude(lead__status=Member.Status.LEFT)
    initiatives = list(
        chosen.only("id", "title", "state", "ends_on", "updated_at").order_by("ends_on", "id")
    )
    plans: dict[int, list[Milestone]] = {initiative.pk: [] for initiative in initiatives}
    steps = Milestone.objects.filter(initiative__in=chosen.values("pk")).order_by("due_on", "id")
    for milestone in steps:
        plans.setdefault(milestone.initiative_id, []).append(milestone)
    for initiative in initiatives:
        initiative.plan = plans[initiative.pk]
    return initiatives
