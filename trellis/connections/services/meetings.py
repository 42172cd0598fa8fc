"""Proposing a time to talk: stored, e-mailed to the other with the invitation attached."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from trellis.connections.calendar import meeting_ics, meeting_summary
from trellis.connections.models import MeetingProposal, Relationship
from trellis.notifications.services import email_send_on_commit
from trellis.people.models import Member, available_timezones
from trellis.text.characters import flattened

# Far enough ahead for any real plan; beyond that a typo in the year is likelier.
FURTHEST_AHEAD = timedelta(days=366)
ICS_NAME = "invitation.ics"
ICS_TYPE = "text/calendar; method=REQUEST; charset=UTF-8"


def when_text(meeting: MeetingProposal, member: Member) -> str:
    """When the meeting starts, in `member`'s own time zone, named."""
    zone = member.timezone if member.timezone in available_timezones() else "UTC"
    local = timezone.localtime(meeting.starts_at, zoneinfo.ZoneInfo(zone))
    return f"{date_format(local, 'l j F Y, H:i')} ({zone}), {meeting.minutes} minutes"


def _start_problem(starts_at: datetime, now: datetime) -> str | None:
    if starts_at <= now:
        return "Choose a time in the future."
    if starts_at > now + FURTHEST_AHEAD:
        return "Choose a time within the next year."
    return None


def _invite_other(meeting: MeetingProposal) -> None:
    relationship, proposer = meeting.relationship, meeting.proposer
    other = relationship.other(proposer.pk)
    if not (other.user.is_active and other.user.email) or other.status == Member.Status.LEFT:
        return
    context = {
        "name": other.display_name,
        "proposer": proposer.display_name,
        "summary": meeting_summary(meeting),
        "when": when_text(meeting, other),
        "meeting": meeting,
        "url": f"{settings.SITE_URL}{relationship.get_absolute_url()}",
    }
    message = EmailMessage(
        subject=f"{flattened(proposer.display_name)} proposes a time to talk",
        body=render_to_string("connections/email/meeting_proposed.txt", context),
        to=[other.user.email],
        reply_to=[proposer.user.email],
    )
    message.attach(ICS_NAME, meeting_ics(meeting), ICS_TYPE)
    email_send_on_commit(message=message)


@transaction.atomic
def meeting_propose(
    *,
    relationship: Relationship,
    proposer: Member,
    starts_at: datetime,
    minutes: int,
    place: str = "",
    link: str = "",
    note: str = "",
    now: datetime | None = None,
) -> MeetingProposal:
    """Propose a time to the other member: stored, and e-mailed to them as an invitation.

    Refused, with the field named, for a time past or more than a year ahead, a
    length outside 10 minutes to 4 hours, no place and no link, or a link that is
    not https. Only the pair of an open relationship may propose (Relationship.DoesNotExist
    for anyone else, as for one that does not exist).
    """
    now = now or timezone.now()
    if not relationship.has_member(proposer.pk):
        raise Relationship.DoesNotExist("No such relationship")
    # Read afresh and locked: it may have been closed since the page was drawn.
    state = Relationship.objects.select_for_update().values_list("state", flat=True)
    if state.get(pk=relationship.pk) == Relationship.State.CLOSED:
        raise ValidationError("This relationship is closed.")
    problem = _start_problem(starts_at, now)
    if problem:
        raise ValidationError({"starts_at": problem})
    meeting = MeetingProposal(
        relationship=relationship,
        proposer=proposer,
        starts_at=starts_at,
        minutes=minutes,
        place=place.strip(),
        link=link.strip(),
        note=note.strip(),
    )
    meeting.full_clean()
    meeting.save()
    _invite_other(meeting)
    return meeting
