"""Asking the background worker to work out initiative fit again when what it depends on
changed: a member's profile or posts (their own fits, and their offers), an initiative
opened or changed (everyone's), a volunteer's note (that offer). Closing an initiative
takes it off everyone's list at once, here: a delete, no engine."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from trellis.db.worker import enqueue_on_commit
from trellis.initiatives import tasks
from trellis.initiatives.models import Initiative, InitiativeFit, InitiativeFitList, Volunteer
from trellis.people.models import Member

# The periodic sweep works everyone out again at most this often.
FIT_SWEEP_EVERY = timedelta(days=1)


@transaction.atomic
def fit_request(*, member: Member) -> None:
    """Note that the initiatives fitting `member`, and how their offers fit, should be
    worked out again (their profile or posts changed), and queue the worker."""
    now = timezone.now()
    InitiativeFitList.objects.update_or_create(member=member, defaults={"requested_at": now})
    Volunteer.objects.filter(member=member).exclude(state=Volunteer.State.WITHDRAWN).update(
        fit_requested_at=now
    )
    enqueue_on_commit(tasks.refresh_fit_task)


@transaction.atomic
def volunteer_fit_request(*, volunteer: Volunteer | None = None, initiative=None) -> None:
    """Note that one offer (its note changed), or every offer on an initiative (it
    changed), should be worked out again, and queue the worker."""
    offers = Volunteer.objects.exclude(state=Volunteer.State.WITHDRAWN)
    if volunteer is not None:
        offers = offers.filter(pk=volunteer.pk)
    elif initiative is not None:
        offers = offers.filter(initiative=initiative)
    else:
        raise ValueError("Say which offer or which initiative's offers to work out.")
    if offers.update(fit_requested_at=timezone.now()):
        enqueue_on_commit(tasks.refresh_fit_task)


def fit_request_everything(*, unless_done_since: datetime | None = None) -> None:
    """Queue working out everyone's fits again, unless every member's were worked out since
    `unless_done_since` (default: now). A burst of changes costs one run: a task finds
    the fits fresh since it was asked, and stops."""
    since = (unless_done_since or timezone.now()).isoformat()
    enqueue_on_commit(tasks.refresh_all_fit_task, requested_at=since)


@transaction.atomic
def fit_forget(*, initiative: Initiative) -> int:
    """Take a closed initiative off every member's list now; how many rows went."""
    deleted, _ = InitiativeFit.objects.filter(initiative=initiative).delete()
    return deleted


def fit_sweep() -> None:
    """The periodic sweep's part: anything asked for and not worked out (a worker that was
    down), and everyone worked out again once a day at most."""
    enqueue_on_commit(tasks.refresh_fit_task)
    fit_request_everything(unless_done_since=timezone.now() - FIT_SWEEP_EVERY)
