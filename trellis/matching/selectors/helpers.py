""" "Who could help": the stored lists, as a page shows them to a viewer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet

from trellis.matching.models import (
    HelperList,
    PossibleHelper,
)
from trellis.people import hooks
from trellis.people.hooks import pair_key
from trellis.people.models import Member, Topic
from trellis.people.selectors import managers_above

from .people import kept_apart_pairs

# "Who could help": how many a page shows, out of the ones stored for it.
HELPERS_SHOWN = 5


@dataclass(frozen=True)
class HelpersShown:
    """Who could help with something, as one viewer may see them now.

    `worked_out` is False until the background worker has looked (the page says it
    is being worked out); `touched_at` is when it was last worked out or asked for
    (None: never).
    """

    helpers: list[PossibleHelper]
    worked_out: bool
    touched_at: datetime | None = None

    @property
    def never_asked(self) -> bool:
        return self.touched_at is None

    def older_than(self, moment: datetime) -> bool:
        """Neither worked out nor asked for since `moment` (a profile changed then)."""
        return self.touched_at is None or self.touched_at < moment


def _helper_list(*, member=None, post_id=None, topic=None) -> HelperList | None:
    if member is not None:
        return HelperList.objects.filter(member=member).first()
    if post_id is not None:
        return HelperList.objects.filter(post_id=post_id).first()
    return HelperList.objects.filter(topic=topic).first()


def helpers_shown(
    *,
    viewer: Member | None,
    member: Member | None = None,
    post_id: int | None = None,
    topic: Topic | None = None,
    limit: int = HELPERS_SHOWN,
) -> HelpersShown:
    """Who could help `member` (with what they work on and are learning), with one post or
    with one topic, as stored, for `viewer` to read: best first, at most `limit`.

    Checked again now, whatever was true when they were worked out: never the viewer,
    nobody in the viewer's reporting line, nobody kept apart from them (dismissed, in a
    relationship already, a declined intro), nobody paused, gone, no longer open to
    helping or at capacity. A fixed number of queries whatever the number of helpers:
    one when nothing was ever asked for, two when nobody is stored, nine otherwise.
    """
    found = _helper_list(member=member, post_id=post_id, topic=topic)
    if found is None:
        return HelpersShown([], worked_out=False)
    touched = max(filter(None, (found.computed_at, found.requested_at)), default=None)
    stored = [
        entry
        for entry in PossibleHelper.objects.filter(
            helper_list=found, helper__status=Member.Status.ACTIVE, helper__open_to_helping=True
        )
        .select_related("helper")
        .order_by("position", "id")
        if viewer is None or entry.helper_id != viewer.pk
    ]
    shown = _still_free(stored, viewer)[:limit] if stored else []
    return HelpersShown(shown, worked_out=found.computed_at is not None, touched_at=touched)


def _still_free(stored: list[PossibleHelper], viewer: Member | None) -> list[PossibleHelper]:
    """The stored helpers the viewer may be shown now: outside their reporting line, not
    kept apart from them, with room left for another relationship."""
    helper_ids = [entry.helper_id for entry in stored]
    load = hooks.relationship_load(member_ids=helper_ids)
    shown = [e for e in stored if load.get(e.helper_id, 0) < e.helper.capacity]
    if viewer is None:
        return shown
    above = managers_above(member_ids=[viewer.pk, *helper_ids])
    apart = kept_apart_pairs(member_ids={viewer.pk})
    return [
        entry
        for entry in shown
        if entry.helper_id not in above.get(viewer.pk, set())
        and viewer.pk not in above.get(entry.helper_id, set())
        and pair_key(viewer.pk, entry.helper_id) not in apart
    ]


def visible_helper(*, entry_id: int, viewer: Member) -> PossibleHelper:
    """One stored helper `viewer` may be shown now (the composer opens from it), with its
    list and what the list is about; PossibleHelper.DoesNotExist otherwise."""
    entry = PossibleHelper.objects.select_related(
        "helper", "helper_list", "helper_list__topic"
    ).get(pk=entry_id)
    listed = entry.helper_list
    if listed.about == HelperList.About.MEMBER and listed.member_id != viewer.pk:
        raise PossibleHelper.DoesNotExist("Someone else's list")
    free = entry.helper.status == Member.Status.ACTIVE and entry.helper.open_to_helping
    if entry.helper_id == viewer.pk or not free or not _still_free([entry], viewer):
        raise PossibleHelper.DoesNotExist("Not one the viewer may be shown now")
    return entry


def pending_helper_lists() -> QuerySet[HelperList]:
    """Lists asked for and not worked out since."""
    return HelperList.objects.filter(
        Q(computed_at__isnull=True) | Q(requested_at__gt=F("computed_at"))
    )
