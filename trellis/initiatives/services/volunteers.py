"""Volunteering: offering to help, and the lead's answer, within the places it has."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.initiatives.models import MAX_NOTE, Initiative, Volunteer
from trellis.initiatives.services.fit import volunteer_fit_request
from trellis.notifications.models import Notification
from trellis.notifications.services import notify
from trellis.people.models import Member

# What the lead or the volunteer is told (`initiatives.bulk` tells it in bulk, in the same words).
OFFERED_TEXT = "{member} offered to help with “{title}”."
WELCOMED_TEXT = "{lead} welcomed you onto “{title}”."
NOT_TAKEN_UP_TEXT = "Your offer to help with “{title}” was not taken up this time."


def volunteer_notes(brings: str, wants_to_learn: str) -> tuple[str, str]:
    """What a volunteer brings and wants to learn, tidied, or a ValidationError."""
    brings, wants_to_learn = brings.strip(), wants_to_learn.strip()
    problems = {}
    if not brings:
        problems["brings"] = "Say what you bring: the lead reads it to see where you fit."
    for name, value in (("brings", brings), ("wants_to_learn", wants_to_learn)):
        if len(value) > MAX_NOTE and name not in problems:
            problems[name] = f"Keep this under {MAX_NOTE:,} characters; it has {len(value):,}."
    if problems:
        raise ValidationError(problems)
    return brings, wants_to_learn


def offer_refusal(*, initiative: Initiative, member: Member) -> str | None:
    """Why `member` may not offer to help with `initiative` now, if they may not."""
    if initiative.lead_id == member.pk:
        return "You lead this initiative: volunteers offer to help you."
    if member.status != Member.Status.ACTIVE:
        return "Your profile is not active: set it to active to volunteer."
    if not initiative.takes_volunteers:
        return f"This initiative is {initiative.state_phrase}: it takes no offers."
    mine = Volunteer.objects.filter(initiative=initiative, member=member).first()
    if mine is not None and mine.state != Volunteer.State.WITHDRAWN:
        return "You have already offered to help with this initiative."
    return None


@transaction.atomic
def volunteer_offer(
    *, initiative: Initiative, member: Member, brings: str, wants_to_learn: str = ""
) -> Volunteer:
    """Offer to help with an initiative; its lead is told.

    Refused for one's own initiative, a draft, done or cancelled one, or a
    second time (offering again after withdrawing is fine).
    """
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    brings, wants_to_learn = volunteer_notes(brings, wants_to_learn)
    refusal = offer_refusal(initiative=initiative, member=member)
    if refusal:
        raise ValidationError(refusal)
    volunteer = Volunteer.objects.filter(initiative=initiative, member=member).first()
    volunteer = volunteer or Volunteer(initiative=initiative, member=member)
    volunteer.brings, volunteer.wants_to_learn = brings, wants_to_learn
    volunteer.state, volunteer.answered_at = Volunteer.State.APPLIED, None
    volunteer.full_clean()
    volunteer.save()
    volunteer_fit_request(volunteer=volunteer)  # the lead sees how they fit once worked out
    notify(
        member=initiative.lead,
        kind=Notification.Kind.VOLUNTEER_OFFERED,
        text=OFFERED_TEXT.format(member=member.display_name, title=initiative.title)[:300],
        url=initiative.get_absolute_url() + "volunteers/",
    )
    return volunteer


@transaction.atomic
def volunteer_withdraw(
    *, volunteer: Volunteer, member: Member, now: datetime | None = None
) -> Volunteer:
    """Take back an offer, or leave the team; only the volunteer may.

    Volunteer.DoesNotExist for anyone else.
    """
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk, member=member)
    if volunteer.state not in (Volunteer.State.APPLIED, Volunteer.State.ACCEPTED):
        raise ValidationError("This offer is no longer open.")
    volunteer.state, volunteer.answered_at = Volunteer.State.WITHDRAWN, now or timezone.now()
    volunteer.save(update_fields=["state", "answered_at"])
    return volunteer


def places_taken(initiative: Initiative) -> int:
    """How many volunteers are on the team (the lead aside)."""
    return initiative.volunteers.filter(state=Volunteer.State.ACCEPTED).count()


def _answerable(volunteer: Volunteer, lead: Member) -> tuple[Initiative, Volunteer]:
    """The initiative (locked first) and the offer, if `lead` leads it and it waits."""
    initiative = Initiative.objects.select_for_update().get(pk=volunteer.initiative_id, lead=lead)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.state != Volunteer.State.APPLIED:
        raise ValidationError("This offer was answered already or withdrawn.")
    return initiative, volunteer


@transaction.atomic
def volunteer_accept(
    *, volunteer: Volunteer, lead: Member, now: datetime | None = None
) -> Volunteer:
    """Welcome a volunteer onto the team; only the initiative's lead may.

    The initiative's row is locked while its places are counted, so two accepts
    at once never take it past the helpers it asked for.
    Initiative.DoesNotExist for anyone but the lead.
    """
    initiative, volunteer = _answerable(volunteer, lead)
    if not initiative.takes_volunteers:
        raise ValidationError(f"This initiative is {initiative.state_phrase}.")
    if volunteer.member.status == Member.Status.LEFT:
        raise ValidationError(f"{volunteer.member.display_name} has left the network.")
    if places_taken(initiative) >= initiative.helpers_wanted:
        raise ValidationError(
            f"The team is full: you asked for {initiative.helpers_wanted} helper"
            f"{'s' if initiative.helpers_wanted != 1 else ''}. Ask for more on the "
            "initiative to welcome another."
        )
    volunteer.state, volunteer.answered_at = Volunteer.State.ACCEPTED, now or timezone.now()
    volunteer.save(update_fields=["state", "answered_at"])
    notify(
        member=volunteer.member,
        kind=Notification.Kind.VOLUNTEER_ACCEPTED,
        text=WELCOMED_TEXT.format(lead=lead.display_name, title=initiative.title)[:300],
        url=initiative.get_absolute_url(),
    )
    return volunteer


@transaction.atomic
def volunteer_decline(
    *, volunteer: Volunteer, lead: Member, now: datetime | None = None
) -> Volunteer:
    """Decline an offer; only the lead may. Nobody but the volunteer (and the lead who
    declined) ever learns of it: the team and everyone else see nothing.

    Initiative.DoesNotExist for anyone but the lead.
    """
    initiative, volunteer = _answerable(volunteer, lead)
    volunteer.state, volunteer.answered_at = Volunteer.State.DECLINED, now or timezone.now()
    volunteer.save(update_fields=["state", "answered_at"])
    notify(
        member=volunteer.member,
        kind=Notification.Kind.VOLUNTEER_DECLINED,
        text=NOT_TAKEN_UP_TEXT.format(title=initiative.title)[:300],
        url=initiative.get_absolute_url(),
    )
    return volunteer
