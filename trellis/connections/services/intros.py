"""Intros: drafting, sending, and each way one stops waiting (accepted, declined, …)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from trellis.connections import composer, selectors
from trellis.connections.composer import PROFILE, Occasion
from trellis.connections.contact import contact_card
from trellis.connections.models import Intro, Relationship
from trellis.notifications.models import Notification
from trellis.notifications.services import (
    email_send_on_commit,
    notifications_mark_read_about,
    notify,
)
from trellis.people.models import Member
from trellis.people.selectors import topic_matcher
from trellis.text.characters import flattened

# What the other member is told (`connections.bulk` tells it in bulk, in the same words).
RECEIVED_TEXT = "{sender} sent you an intro."
ACCEPTED_TEXT = "{recipient} accepted your intro."
CONNECTED_SUBJECT = "You and {sender} are connected"


def lock_members(*ids: int) -> dict[int, Member]:
    """Lock these members' rows, lowest id first, and read them afresh.

    On PostgreSQL two transactions touching the same people queue up here, in
    id order so that they never deadlock. SQLite has no row locks and ignores
    FOR UPDATE: its IMMEDIATE transactions already let one writer in at a time.
    """
    rows = Member.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {member.pk: member for member in rows}


def _expire_overdue(*, now, **who) -> int:
    """Mark intros past their expiry expired (the sweep may not have run yet)."""
    return Intro.objects.filter(state=Intro.State.SENT, expires_at__lte=now, **who).update(
        state=Intro.State.EXPIRED, answered_at=now
    )


def _line_refusal(sender: Member, recipient: Member) -> str | None:
    line = selectors.reporting_line(sender, recipient)
    name = recipient.display_name
    if line == "manages":
        return (
            f"{name} is above you in your reporting line. Trellis keeps managers and "
            "their reports apart: your manager is not your mentor."
        )
    if line == "reports":
        return (
            f"{name} reports to you, directly or through others. Trellis keeps managers "
            "and their reports apart: your manager is not your mentor."
        )
    return None


def own_capacity_refusal(member: Member, count: int | None = None) -> str | None:
    """Why `member` may not start anything new, when they already have as many
    relationships as their profile allows (`count` of them, if the caller knows)."""
    count = selectors.relationship_count(member_id=member.pk) if count is None else count
    if count < member.capacity:
        return None
    return (
        f"You have {count} relationship{'s' if count != 1 else ''}, as many as your profile "
        "allows, so you can't start another now. Close one you are done with, or raise your "
        "capacity on your profile."
    )


def intro_refusal(*, sender: Member, recipient: Member, now: datetime | None = None) -> str | None:
    """Why `sender` may not send an intro to `recipient` now, if they may not.

    Read-only, and the one list of reasons: the composer shows it before anyone types
    (with Send disabled), and `intro_send` raises it, so the two cannot drift apart.
    """
    now = now or timezone.now()
    name = recipient.display_name
    if sender.pk == recipient.pk:
        return "You can't send an intro to yourself."
    if sender.status != Member.Status.ACTIVE:
        return "Your profile is paused. Set it to active to send intros."
    if recipient.status == Member.Status.LEFT:
        return f"{name} has left the network."
    if recipient.status == Member.Status.PAUSED:
        return f"{name} has paused their profile and isn't taking intros right now."
    line = _line_refusal(sender, recipient)
    if line:
        return line
    if selectors.relationship_between(a_id=sender.pk, b_id=recipient.pk):
        return f"You and {name} are already connected."
    # Declined or not: a sender never learns of a decline before the intro would expire.
    if selectors.waiting_intro_between(sender=sender, recipient=recipient, now=now):
        return f"You already have an intro waiting for {name}'s answer."
    if selectors.open_intro_between(sender=recipient, recipient=sender, now=now):
        return f"{name} has already sent you an intro: you can accept it from your intros."
    pause = selectors.resend_pause_until(sender_id=sender.pk, recipient_id=recipient.pk, now=now)
    if pause is not None:
        return (
            f"Your last intro to {name} is no longer open. Trellis leaves "
            f"{settings.DECLINE_BLOCK_DAYS} days after an intro would have expired before "
            f"another to the same person: you can write to {name} again from "
            f"{date_format(timezone.localtime(pause), 'j F Y')}."
        )
    full = own_capacity_refusal(sender)
    if full:
        return full
    waiting = selectors.waiting_intro_count(member=sender, now=now)
    if waiting >= settings.MAX_OPEN_INTROS:
        return (
            f"You have {waiting} intros waiting for an answer, the most you can have at once. "
            "Withdraw one, or wait until they are answered or expire."
        )
    if selectors.relationship_count(member_id=recipient.pk) >= recipient.capacity:
        return f"{name} has as many relationships as they want right now."
    return None


def _findings(
    message: str, sender: Member, recipient: Member, occasion: Occasion
) -> tuple[list[str], list[dict]]:
    """What the two share, and what the ask linter notices in the message."""
    found = composer.grounds(sender, recipient, topic_matcher(), occasion)
    return list(found.shared), [f.as_dict() for f in composer.lint(message, found)]


def _record_occasion(intro: Intro, occasion: Occasion) -> None:
    """What the intro came from: kept with it, by id (its source may go; the intro stays)."""
    intro.origin = occasion.origin
    intro.suggestion_id = occasion.suggestion_id
    intro.post_id = occasion.post.id if occasion.post else None
    intro.initiative_id = occasion.initiative.id if occasion.initiative else None


@transaction.atomic
def intro_draft(
    *,
    sender: Member,
    recipient: Member,
    message: str | None = None,
    occasion: Occasion = PROFILE,
) -> Intro:
    """Save `sender`'s draft to `recipient` (one per pair, updated in place).

    Without a message, the composer's draft is saved: it opens with the shared
    problem, offers something, and asks one specific question. `occasion` is what
    it comes from, checked by whoever built it (`home.occasions`).
    """
    lock_members(sender.pk)
    if sender.pk == recipient.pk:
        raise ValidationError("You can't send an intro to yourself.")
    if recipient.status == Member.Status.LEFT:
        raise ValidationError(f"{recipient.display_name} has left the network.")
    if selectors.open_intro_between(sender=sender, recipient=recipient):
        raise ValidationError(
            f"You already have an intro waiting for {recipient.display_name}'s answer."
        )
    found = composer.grounds(sender, recipient, topic_matcher(), occasion)
    if message is None:
        message = composer.draft_message(sender, recipient, found)
    if not message.strip():
        raise ValidationError({"message": "Write a message before saving it."})
    intro = selectors.draft_between(sender=sender, recipient=recipient) or Intro(
        sender=sender, recipient=recipient
    )
    intro.message, intro.shared = message.strip(), list(found.shared)
    _record_occasion(intro, occasion)
    intro.full_clean()
    intro.save()
    return intro


def _unsendable(intro: Intro, sender: Member) -> str | None:
    """Why a stored intro cannot be sent (it must be `sender`'s draft)."""
    if intro.state == Intro.State.DRAFT:
        return None
    if intro.state == Intro.State.EXPIRED:
        day = date_format(timezone.localtime(intro.answered_at or intro.expires_at), "j F Y")
        return f"This intro expired on {day}: it can no longer be sent. Write a new one."
    return "This intro was sent already."


@transaction.atomic
def intro_send(
    *,
    sender: Member,
    recipient: Member,
    message: str,
    occasion: Occasion = PROFILE,
    intro: Intro | None = None,
    now: datetime | None = None,
) -> Intro:
    """Send an intro (the pair's draft, if `sender` saved one) and tell the recipient.

    Refused, with the reason, to oneself, to one's reporting line, a second time
    while one waits, beyond TRELLIS_MAX_OPEN_INTROS, to someone paused, gone or
    at capacity, or when `intro` is not a draft (one that expired, say). The ask
    linter's findings are stored with it; they never stop it.
    """
    now = now or timezone.now()
    lock_members(sender.pk)  # one send at a time per sender: the open-intro limit holds
    _expire_overdue(now=now, sender=sender)
    if intro is not None:
        intro = Intro.objects.select_for_update().get(pk=intro.pk, sender=sender)
        recipient = intro.recipient
        problem = _unsendable(intro, sender)
        if problem:
            raise ValidationError(problem)
    if not message.strip():
        raise ValidationError({"message": "Write a message before sending."})
    refusal = intro_refusal(sender=sender, recipient=recipient, now=now)
    if refusal:
        raise ValidationError(refusal)
    intro = intro or selectors.draft_between(sender=sender, recipient=recipient)
    intro = intro or Intro(sender=sender, recipient=recipient)
    intro.shared, intro.findings = _findings(message, sender, recipient, occasion)
    intro.message = message.strip()
    _record_occasion(intro, occasion)
    intro.state, intro.sent_at = Intro.State.SENT, now
    intro.expires_at = now + timedelta(days=settings.INTRO_EXPIRY_DAYS)
    intro.full_clean()
    intro.save()
    notify(
        member=recipient,
        kind=Notification.Kind.INTRO_RECEIVED,
        text=RECEIVED_TEXT.format(sender=sender.display_name),
        url=intro.get_absolute_url(),
    )
    return intro


def _locked_intro(intro: Intro, **mine) -> Intro:
    """The intro's row, locked, if `mine` says it is theirs; Intro.DoesNotExist otherwise."""
    return Intro.objects.select_for_update().get(pk=intro.pk, **mine)


@transaction.atomic
def intro_withdraw(*, intro: Intro, member: Member, now: datetime | None = None) -> Intro | None:
    """Take back a sent intro, or throw away a draft (returns None: it is gone).

    Only its sender may; Intro.DoesNotExist for anyone else.
    """
    intro = _locked_intro(intro, sender=member)
    if intro.state == Intro.State.DRAFT:
        intro.delete()
        return None
    now = now or timezone.now()
    if intro.state == Intro.State.ACCEPTED:
        raise ValidationError(f"{intro.recipient.display_name} accepted this intro already.")
    if intro.looks_open_to(member.pk, now) and intro.state == Intro.State.DECLINED:
        # Withdrawn as far as its sender knows; declined as far as its recipient knows.
        intro.sender_withdrew_at = now
        intro.save(update_fields=["sender_withdrew_at", "updated_at"])
        return intro
    if intro.state != Intro.State.SENT:
        raise ValidationError("This intro is no longer open.")
    intro.state, intro.answered_at = Intro.State.WITHDRAWN, now
    intro.save(update_fields=["state", "answered_at", "updated_at"])
    return intro


def _capacity_problem(member: Member, *, accepting: bool) -> str | None:
    count = selectors.relationship_count(member_id=member.pk)
    if count < member.capacity:
        return None
    if accepting:
        return (
            f"You have {count} relationship{'s' if count != 1 else ''}, as many as your "
            "profile allows. Close one, or raise your capacity on your profile, to accept."
        )
    return f"{member.display_name} has as many relationships as they want right now."


@transaction.atomic
def intro_accept(*, intro: Intro, member: Member, now: datetime | None = None) -> Relationship:
    """Accept an intro sent to `member`: the two start a relationship.

    Both members' rows are locked and both capacities checked at that moment,
    so two accepts at once can never take anyone past their capacity. The
    recipient's notification of the intro is marked read. Intro.DoesNotExist for
    anyone but its recipient.
    """
    now = now or timezone.now()
    people = lock_members(intro.sender_id, intro.recipient_id)
    intro = _locked_intro(intro, recipient=member)
    if not intro.is_open(now):
        raise ValidationError("This intro is no longer open.")
    sender, recipient = people[intro.sender_id], people[intro.recipient_id]
    if sender.status == Member.Status.LEFT:
        raise ValidationError(f"{sender.display_name} has left the network.")
    if selectors.relationship_between(a_id=sender.pk, b_id=recipient.pk):
        raise ValidationError(f"You and {sender.display_name} are already connected.")
    problem = _capacity_problem(recipient, accepting=True) or _capacity_problem(
        sender, accepting=False
    )
    if problem:
        raise ValidationError(problem)
    low, high = sorted((sender, recipient), key=lambda m: m.pk)
    relationship = Relationship(
        member_a=low, member_b=high, origin=intro.origin, intro=intro, started_at=now
    )
    relationship.full_clean()
    relationship.save()
    intro.state, intro.answered_at = Intro.State.ACCEPTED, now
    intro.save(update_fields=["state", "answered_at", "updated_at"])
    _answered(intro, member, now)
    _tell_both_how_to_reach(relationship, sender=sender, recipient=recipient)
    return relationship


def _tell_both_how_to_reach(relationship: Relationship, *, sender: Member, recipient: Member):
    """Each gets the other's address as Reply-To, and how to reach them, by e-mail.

    The sender as their "intro accepted" notification (as they chose to get it);
    the recipient always, as the receipt of what they just did.
    """
    url = relationship.get_absolute_url()
    notify(
        member=sender,
        kind=Notification.Kind.INTRO_ACCEPTED,
        text=ACCEPTED_TEXT.format(recipient=recipient.display_name),
        url=url,
        reply_to=recipient.user.email,
        details=contact_card(recipient).as_text(),
    )
    if not (recipient.user.is_active and recipient.user.email):
        return
    context = {
        "name": recipient.display_name,
        "other": sender.display_name,
        "details": contact_card(sender).as_text(),
        "url": f"{settings.SITE_URL}{url}",
    }
    message = EmailMessage(
        subject=CONNECTED_SUBJECT.format(sender=flattened(sender.display_name)),
        body=render_to_string("connections/email/connected.txt", context),
        to=[recipient.user.email],
        reply_to=[sender.user.email],
    )
    email_send_on_commit(message=message)


@transaction.atomic
def intro_decline(
    *, intro: Intro, member: Member, reason: str = "", now: datetime | None = None
) -> Intro:
    """Decline an intro sent to `member`, with a reason only they will ever read.

    The sender is not told: their intro reads as still waiting until it would have
    expired, then "No longer open", as an expired one does. The recipient's
    notification of the intro is marked read.
    Intro.DoesNotExist for anyone but its recipient.
    """
    now = now or timezone.now()
    intro = _locked_intro(intro, recipient=member)
    if not intro.is_open(now):
        raise ValidationError("This intro is no longer open.")
    intro.state, intro.answered_at = Intro.State.DECLINED, now
    intro.decline_reason = reason.strip()
    intro.full_clean()
    intro.save()
    _answered(intro, member, now)
    return intro


def _answered(intro: Intro, member: Member, now: datetime) -> None:
    """The recipient acted on their notification of this intro: it is no longer "New"."""
    notifications_mark_read_about(
        member=member,
        url=intro.get_absolute_url(),
        kinds=[Notification.Kind.INTRO_RECEIVED],
        now=now,
    )


@transaction.atomic
def intros_expire(*, now: datetime | None = None) -> int:
    """Mark every intro unanswered for TRELLIS_INTRO_EXPIRY_DAYS expired; returns how many."""
    return _expire_overdue(now=now or timezone.now())


def intros_close_for_leavers(*, member_ids: list[int], now: datetime) -> int:
    """Close the intros still waiting on members who have left; returns how many.

    Politely, in words the other side already knows: an intro a leaver sent reads
    "withdrawn" (its sender no longer waits for an answer), one they received reads
    "expired" (no answer is coming). Nobody is told why, and nothing is deleted: their
    relationships, drafts and answered intros stay as they are.
    """
    waiting = Intro.objects.filter(state=Intro.State.SENT)
    withdrawn = waiting.filter(sender_id__in=member_ids).update(
        state=Intro.State.WITHDRAWN, answered_at=now, updated_at=now
    )
    expired = waiting.filter(recipient_id__in=member_ids).update(
        state=Intro.State.EXPIRED, answered_at=now, updated_at=now
    )
    return withdrawn + expired
