"""Deleting an account: what is private to the person goes; what others wrote stays theirs.

The member's row is kept as a tombstone, "a former member" with status left and nothing
else in it, so every relationship, intro and observation the other side holds still has
someone on the other end (and every page already knows how to show a person who left).
Their login is emptied: a placeholder address frees the real one, there is no usable
password and the account is inactive, so it can never sign in again.

Deleted: profile statements, topics, contact fields, tags; posts (with the replies under
them) and replies; the journal; exchanges they logged; meetings they proposed; intros they
sent (and drafts); reasons they wrote for a decline or a closing; volunteering,
contributions and observations they made; initiatives still in draft; topic follows,
notifications and preferences; suggestions and "who could help" rows with them in it.

Kept, under "a former member": relationships (closed now) and the other side's exchanges,
meetings and reflections; intros the other side sent them (an open one is closed, read by
its sender as no longer open, as any expiry); observations others made about them; the
initiatives they led that went beyond a draft (others' volunteering and contributions hang
from them; a leaver's initiatives are hidden from everyone already, so the notifications
that linked to them go, as do those that linked to a deleted post, reply or intro).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Replace, Substr
from django.urls import reverse
from django.utils import timezone

from trellis.accounts.models import AccessToken
from trellis.audit.log import record, relabel_actor
from trellis.community.models import Post, Reply, TopicFollow
from trellis.connections.models import Exchange, Intro, MeetingProposal, Reflection, Relationship
from trellis.home.data_rights import FORMER_MEMBER
from trellis.initiatives.models import (
    Contribution,
    Initiative,
    InitiativeFit,
    InitiativeFitList,
    Observation,
    Volunteer,
)
from trellis.matching.models import (
    HelperList,
    PossibleHelper,
    RecommendationRefresh,
    Suggestion,
    UnpairedMember,
)
from trellis.notifications.models import Notification, NotificationPreference
from trellis.people.models import Member, ProfileTopic

# A placeholder address for an emptied login: `.invalid` can never be delivered to.
TOMBSTONE_DOMAIN = "former-member.invalid"
CHUNK = 500


def is_forgotten(member: Member) -> bool:
    """Whether `member` is the tombstone of a deleted account."""
    return member.user.email.endswith(f"@{TOMBSTONE_DOMAIN}")


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _counterparts(member: Member) -> set[int]:
    """Everyone whose own pages may name `member`: the other side of every shared thing."""
    pairs = Relationship.objects.filter(Q(member_a=member) | Q(member_b=member))
    intros = Intro.objects.filter(Q(sender=member) | Q(recipient=member))
    sources = [
        (pairs, "member_a_id"),
        (pairs, "member_b_id"),
        (intros, "sender_id"),
        (intros, "recipient_id"),
        (Reply.objects.filter(post__author=member), "author_id"),
        (Post.objects.filter(replies__author=member), "author_id"),
        (Volunteer.objects.filter(initiative__lead=member), "member_id"),
        (Volunteer.objects.filter(member=member), "initiative__lead_id"),
        (Observation.objects.filter(observer=member), "subject_id"),
    ]
    ids: set[int] = set()
    for rows, column in sources:
        ids |= set(rows.values_list(column, flat=True).distinct())
    ids.discard(member.pk)
    return ids


def _renamed_in_notifications(*, name: str, recipients: set[int]) -> None:
    """Others' notifications that named them now say "a former member"."""
    theirs = Notification.objects.filter(recipient_id__in=recipients)
    theirs.filter(text__startswith=name).update(
        text=Concat(Value(FORMER_MEMBER.capitalize()), Substr("text", len(name) + 1))
    )
    theirs.filter(text__contains=name).update(
        text=Replace("text", Value(name), Value(FORMER_MEMBER))
    )


def _drop_links_to(urls: list[str]) -> None:
    """Others' notifications pointing at something deleted would lead nowhere: they go."""
    for chunk in _chunks(urls):
        Notification.objects.filter(url__in=chunk).delete()


def _delete_writing(member: Member) -> None:
    """What the member wrote for themselves or signed with their name."""
    post_ids = list(Post.objects.filter(author=member).values_list("pk", flat=True))
    reply_ids = list(
        Reply.objects.filter(Q(author=member) | Q(post__author=member)).values_list("pk", flat=True)
    )
    sent = list(Intro.objects.filter(sender=member).values_list("pk", flat=True))
    # A leaver's initiatives are hidden from everyone but them, so links to them go too.
    led = [
        reverse("initiatives:initiative_detail", args=[pk])
        for pk in Initiative.objects.filter(lead=member).values_list("pk", flat=True)
    ]
    _drop_links_to(
        [reverse("home:post_detail", args=[pk]) for pk in post_ids]
        + [reverse("community:reply_detail", args=[pk]) for pk in reply_ids]
        + [reverse("connections:intro_detail", args=[pk]) for pk in sent]
        + led
        + [f"{url}volunteers/" for url in led]
    )
    Reply.objects.filter(author=member).delete()
    Post.objects.filter(author=member).delete()
    Intro.objects.filter(sender=member).delete()
    Reflection.objects.filter(author=member).delete()
    Exchange.objects.filter(author=member).delete()
    MeetingProposal.objects.filter(proposer=member).delete()
    Observation.objects.filter(observer=member).delete()
    Contribution.objects.filter(member=member).delete()
    Volunteer.objects.filter(member=member).delete()
    Initiative.objects.filter(lead=member, state=Initiative.State.DRAFT).delete()
    InitiativeFit.objects.filter(member=member).delete()  # which initiatives fit them
    InitiativeFitList.objects.filter(member=member).delete()


def _close_what_is_shared(member: Member, now) -> None:
    """Open intros to them close as an expiry would; open relationships close; their own
    reasons (for a decline, for closing) go."""
    Intro.objects.filter(recipient=member, state=Intro.State.DRAFT).delete()
    Intro.objects.filter(recipient=member, state=Intro.State.SENT).update(
        state=Intro.State.EXPIRED, answered_at=now
    )
    Intro.objects.filter(recipient=member).exclude(decline_reason="").update(decline_reason="")
    pairs = Relationship.objects.filter(Q(member_a=member) | Q(member_b=member))
    pairs.filter(closed_by=member).update(closed_reason="")
    pairs.exclude(state=Relationship.State.CLOSED).update(
        state=Relationship.State.CLOSED, closed_at=now, closed_by=member, closed_reason=""
    )


def _forget_matching(member: Member) -> None:
    """Suggestions and "who could help" no longer show them, to anyone."""
    Suggestion.objects.filter(
        Q(member_a=member) | Q(member_b=member) | Q(recommended_to=member)
    ).delete()
    PossibleHelper.objects.filter(helper=member).delete()
    HelperList.objects.filter(member=member).delete()
    UnpairedMember.objects.filter(member=member).delete()
    RecommendationRefresh.objects.filter(member=member).delete()


def _empty_profile(member: Member) -> None:
    ProfileTopic.objects.filter(member=member).delete()
    TopicFollow.objects.filter(member=member).delete()
    Notification.objects.filter(recipient=member).delete()
    NotificationPreference.objects.filter(member=member).delete()
    Member.objects.filter(manager=member).update(manager=None)
    Member.objects.filter(pk=member.pk).update(
        display_name=FORMER_MEMBER,
        search_name=Member.search_key(FORMER_MEMBER),
        status=Member.Status.LEFT,
        discipline="",
        background=[],
        team="",
        level=None,
        manager=None,
        languages=[],
        capacity=0,
        open_to_peer_learning=False,
        open_to_initiatives=False,
        open_to_helping=False,
        working_on="",
        curious_about="",
        can_help_with="",
        learning="",
        chat_handle="",
        booking_link="",
    )


def _empty_login(member: Member) -> None:
    user = member.user
    user.email = f"member-{member.pk}@{TOMBSTONE_DOMAIN}"
    user.set_unusable_password()  # also ends every session signed in with the old one
    user.is_active = user.is_staff = user.is_superuser = user.is_organiser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    AccessToken.objects.filter(user=user).delete()  # its API tokens stop with the login


@transaction.atomic
def account_delete(*, member: Member, by, request=None) -> None:
    """Delete `member`'s account, by the member themselves or by an organiser (`by`, a user).

    An organiser may delete only someone who has left (ValidationError otherwise); nobody
    else may delete anyone (PermissionError). The audit event names no one: the target is
    the member's id, the actor the organiser (or nobody, when the member deleted their own).
    """
    member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
    by_self = by.pk == member.user_id
    if not by_self and not (by.is_organiser or by.is_superuser):
        raise PermissionError("Only the member or an organiser may delete an account.")
    if is_forgotten(member):
        raise ValidationError("This account was deleted already.")
    if not by_self and member.status != Member.Status.LEFT:
        raise ValidationError(
            f"{member.display_name} is still a member ({member.get_status_display().lower()}). "
            "Organisers may delete only the accounts of people who have left; "
            "members delete their own from “Your data”."
        )
    counterparts = _counterparts(member)
    name = member.display_name
    _delete_writing(member)
    _close_what_is_shared(member, timezone.now())
    _forget_matching(member)
    _empty_profile(member)
    _empty_login(member)
    relabel_actor(user_id=member.user_id, label=member.user.email)
    if name:
        _renamed_in_notifications(name=name, recipients=counterparts)
    record(
        "account.deleted",
        actor=None if by_self else by,
        request=None if by_self else request,
        target=f"member {member.pk}",
        deleted_by="self" if by_self else "organiser",
    )
