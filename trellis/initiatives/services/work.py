"""The work itself: contributions a team logs, and observations of what someone did."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from trellis.initiatives import selectors
from trellis.initiatives.models import (
    MAX_CONTRIBUTION,
    MAX_OBSERVATION,
    Contribution,
    Initiative,
    Observation,
)
from trellis.lint import lint_observation
from trellis.notifications.models import Notification
from trellis.notifications.services import notify
from trellis.people.models import Member
from trellis.people.signals import help_given_changed

logger = logging.getLogger(__name__)
# How far back an observation may be dated: long enough for last year's project.
OLDEST_OBSERVATION = timedelta(days=5 * 366)
# What the subject is told (`initiatives.bulk` tells it in bulk, in the same words).
OBSERVED_TEXT = "{observer} recorded what they saw you do."


def text_cleaned(text: str, *, limit: int, empty: str) -> str:
    """`text` stripped, or a ValidationError saying `empty` or that it is too long."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": empty})
    if len(text) > limit:
        raise ValidationError(
            {"text": f"Keep this under {limit:,} characters; it has {len(text):,}."}
        )
    return text


def link_cleaned(link: str) -> str:
    """A web link stripped (or none), or a ValidationError for anything but http(s)."""
    link = link.strip()
    if not link:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise ValidationError(
            {"link": "Give a web address starting with https:// or http://."}
        ) from None
    return link


@transaction.atomic
def contribution_log(
    *, initiative: Initiative, member: Member, text: str, link: str = "", refresh: bool = True
) -> Contribution:
    """Log what `member` did for an initiative; only its team may, once it is published.

    The lead and the team see the log; nobody else does. Work on someone else's
    initiative is evidence of what `member` can help with (`help_given_changed`), unless
    `refresh=False` (the demo seed, which works out who could help itself).
    """
    initiative = Initiative.objects.get(pk=initiative.pk)  # its state now, not as passed
    if not selectors.is_on_team(initiative=initiative, member=member):
        raise ValidationError("Only the initiative's team can log contributions to it.")
    if initiative.state in (Initiative.State.DRAFT, Initiative.State.CANCELLED):
        raise ValidationError(f"This initiative is {initiative.state_phrase}.")
    contribution = Contribution(
        initiative=initiative,
        member=member,
        text=text_cleaned(
            text, limit=MAX_CONTRIBUTION, empty="Say what you did, in a line or two."
        ),
        link=link_cleaned(link),
    )
    contribution.full_clean()
    contribution.save()
    if refresh and initiative.lead_id != member.pk:
        help_given_changed.send(sender=Contribution, member=member)
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, member: Member) -> None:
    """Remove one of `member`'s own contributions; Contribution.DoesNotExist for others'."""
    Contribution.objects.select_for_update().get(pk=contribution.pk, member=member).delete()
    help_given_changed.send(sender=Contribution, member=member)


def observation_findings(text: str, subject: Member) -> list[dict]:
    """What the observation linter notices; it explains, never blocks (nor fails a save)."""
    try:
        return [f.as_dict() for f in lint_observation(text, subject=subject.display_name)]
    except Exception:
        logger.exception("The observation linter failed; carrying on without its findings")
        return []


def seen_on_checked(seen_on: date | None, today: date) -> date:
    """When an observer saw the work, if it is a date from five years ago to `today`."""
    if not isinstance(seen_on, date):
        raise ValidationError({"seen_on": "Say when you saw it (a date)."})
    if seen_on > today:
        raise ValidationError({"seen_on": "That date is in the future: when did you see it?"})
    if seen_on < today - OLDEST_OBSERVATION:
        raise ValidationError({"seen_on": "That was more than five years ago: pick a later date."})
    return seen_on


def _check_initiative(initiative: Initiative | None, subject: Member) -> None:
    if initiative is None:
        return
    initiative = Initiative.objects.get(pk=initiative.pk)  # its state now, not as passed
    if initiative.state == Initiative.State.DRAFT:
        raise ValidationError(
            {"initiative": "That initiative is a draft: nobody has worked on it yet."}
        )
    if not selectors.is_on_team(initiative=initiative, member=subject):
        raise ValidationError(
            {"initiative": f"{subject.display_name} is not on the team of “{initiative.title}”."}
        )


@transaction.atomic
def observation_record(
    *,
    observer: Member,
    subject: Member,
    text: str,
    seen_on: date | None,
    initiative: Initiative | None = None,
    now: datetime | None = None,
    refresh: bool = True,
) -> Observation:
    """Record specific work `observer` saw `subject` do; the subject is told and sees it.

    It is never a rating: it is shown on the subject's profile only if they choose.
    It is evidence of what the subject can help with (`help_given_changed`), unless
    `refresh=False` (the demo seed, which works out who could help itself).
    """
    now = now or timezone.now()
    if observer.pk == subject.pk:
        raise ValidationError("You can't record an observation about yourself.")
    if observer.status == Member.Status.LEFT:
        raise ValidationError("You have left the network.")
    if subject.status == Member.Status.LEFT:
        raise ValidationError(f"{subject.display_name} has left the network.")
    text = text_cleaned(text, limit=MAX_OBSERVATION, empty="Say what you saw them do.")
    seen_on = seen_on_checked(seen_on, timezone.localdate(now))
    _check_initiative(initiative, subject)
    observation = Observation(
        observer=observer,
        subject=subject,
        initiative=initiative,
        text=text,
        seen_on=seen_on,
        findings=observation_findings(text, subject),
    )
    observation.full_clean()
    observation.save()
    notify(
        member=subject,
        kind=Notification.Kind.OBSERVATION_RECEIVED,
        text=OBSERVED_TEXT.format(observer=observer.display_name),
        url=observation.get_absolute_url(),
    )
    if refresh:
        help_given_changed.send(sender=Observation, member=subject)
    return observation


@transaction.atomic
def observation_show(
    *, observation: Observation, member: Member, shown: bool, refresh: bool = True
) -> Observation:
    """Show an observation on the subject's profile, or hide it; only the subject chooses.

    Observation.DoesNotExist for anyone but its subject. Its words become (or stop
    being) evidence of what they can help with, unless `refresh=False` (the demo seed).
    """
    observation = Observation.objects.select_for_update().get(pk=observation.pk, subject=member)
    if observation.shown_on_profile != shown:
        observation.shown_on_profile = shown
        observation.save(update_fields=["shown_on_profile", "updated_at"])
        if refresh:
            help_given_changed.send(sender=Observation, member=member)
    return observation


@transaction.atomic
def observation_delete(*, observation: Observation, member: Member) -> None:
    """Take back an observation one wrote; Observation.DoesNotExist for anyone else."""
    found = Observation.objects.select_for_update().select_related("subject")
    observation = found.get(pk=observation.pk, observer=member)
    observation.delete()
    help_given_changed.send(sender=Observation, member=observation.subject)
