"""What initiatives tell matching about helping (`people.hooks.help_given`): work a member
did on someone else's initiative, and work of theirs that someone saw.

Only words anyone may read go out: an initiative's title and topics (a published
initiative is public), and an observation's text only when its subject chose to show it
on their profile. A contribution's own text is for the lead and the team alone, and an
observation kept off the profile is for its observer and subject alone: neither is used.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import F, Min, Prefetch

from trellis.initiatives.models import Contribution, Initiative, Observation
from trellis.people.hooks import HelpGiven, MemberIds
from trellis.people.models import Topic


def _initiative_words(initiative: Initiative) -> str:
    """ "Postgres upgrade: PostgreSQL, Database migrations": its title, then its topics."""
    names = [topic.name for topic in initiative.topics.all()]
    return f"{initiative.title}: {', '.join(names)}" if names else initiative.title


def _initiatives(ids: set[int]) -> dict[int, Initiative]:
    """Published initiatives by id with their topics (two queries)."""
    found = (
        Initiative.objects.filter(pk__in=ids)
        .exclude(state=Initiative.State.DRAFT)
        .only("id", "title")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
    )
    return {initiative.pk: initiative for initiative in found}


def _contributed(member_ids: MemberIds) -> list[tuple[int, int, date]]:
    """(member, initiative, first contribution) for work on initiatives others lead."""
    rows = (
        Contribution.objects.filter(member_id__in=member_ids)
        .exclude(initiative__lead_id=F("member_id"))
        .values("member_id", "initiative_id")
        .annotate(first=Min("created_at"))
        .order_by()
    )
    return [(row["member_id"], row["initiative_id"], row["first"].date()) for row in rows]


def help_given_on_initiatives(*, member_ids: MemberIds) -> dict[int, list[HelpGiven]]:
    """Each initiative a member contributed to (one entry, from their first contribution), and
    each observation of their work: in an initiative's title and topics, or the observation's
    words when its subject shows it on their profile. Four queries."""
    contributed = _contributed(member_ids)
    observed = list(
        Observation.objects.filter(subject_id__in=member_ids).values_list(
            "subject_id", "initiative_id", "text", "seen_on", "shown_on_profile"
        )
    )
    initiatives = _initiatives(
        {i for _, i, _ in contributed} | {i for _, i, _, _, _ in observed if i is not None}
    )
    given: dict[int, list[HelpGiven]] = defaultdict(list)
    for member_id, initiative_id, first in contributed:
        if initiative_id in initiatives:
            given[member_id].append(HelpGiven(first, _initiative_words(initiatives[initiative_id])))
    for subject_id, initiative_id, text, seen_on, shown in observed:
        if shown:
            given[subject_id].append(HelpGiven(seen_on, text))
        elif initiative_id in initiatives:
            words = _initiative_words(initiatives[initiative_id])
            given[subject_id].append(HelpGiven(seen_on, words))
    return dict(given)
