"""Everything Trellis holds about one member, as plain data: `data.json` and `journal.md`.

One query per kind of thing (the related names and topics come with it), so an export
costs the same number of queries for a member with three posts as for one with three
thousand. Two scopes:

- `Scope.OWN`: for the member themselves, all that is theirs: intros as they may know them
  (a sender never learns of a decline), the exchanges they logged, their journal, drafts,
  notifications. Never the other side's exchanges or a reason someone else wrote.
- `Scope.LEAVER`: for an organiser handing a leaver their data. An organiser never reads
  private content, so it holds only what organisers or every member could already see:
  the profile, published posts and replies, initiatives, volunteering, contributions,
  observations shown on profiles, and how many intros and relationships there were.
"""

from __future__ import annotations

import enum
import io
import json
import re
import zipfile
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from trellis.accounts.access_tokens import tokens_of
from trellis.audit.models import AuditEvent
from trellis.community.models import Post, Reply, TopicFollow
from trellis.connections.models import Exchange, Intro, MeetingProposal, Reflection, Relationship
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Contribution, Initiative, InitiativeFit, Volunteer
from trellis.matching.models import PossibleHelper, Suggestion
from trellis.notifications.models import Notification
from trellis.people.models import Member, ProfileTopic

FORMAT_VERSION = 1


class Scope(enum.Enum):
    OWN = "own"
    LEAVER = "leaver"


LEFT_OUT_FOR_ORGANISERS = (
    "This export was made by an organiser after you left. Organisers never read private "
    "content, so it holds only what they or every member could already see: your profile, "
    "published posts and replies, initiatives, volunteering, contributions, observations "
    "shown on profiles, and how many intros and relationships you had. Your journal, intro "
    "messages, exchanges, meetings, notifications and contact details are not in it."
)


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _topic_names(obj) -> list[str]:
    return [topic.name for topic in obj.topics.all()]


def _profile(member: Member, scope: Scope) -> dict[str, Any]:
    links = ProfileTopic.objects.filter(member=member).select_related("topic")
    topics: dict[str, list[str]] = {value: [] for value in ProfileTopic.Statement.values}
    for link in links.order_by("topic__name"):
        topics[link.statement].append(link.topic.name)
    profile = {
        "id": member.pk,
        "display_name": member.display_name,
        "email": member.user.email,
        "status": member.status,
        "discipline": member.discipline,
        "team": member.team,
        "level": member.level,
        "manager": member.manager.display_name if member.manager else None,
        "background": list(member.background),
        "languages": list(member.languages),
        "timezone": member.timezone,
        "capacity": member.capacity,
        "open_to_peer_learning": member.open_to_peer_learning,
        "open_to_initiatives": member.open_to_initiatives,
        "open_to_helping": member.open_to_helping,
        "working_on": member.working_on,
        "curious_about": member.curious_about,
        "can_help_with": member.can_help_with,
        "learning": member.learning,
        "topics": topics,
        "joined": _when(member.user.date_joined),
        "created_at": _when(member.created_at),
    }
    if scope is Scope.OWN:
        # How to reach them is shown only to people in a relationship with them.
        profile["contact"] = {
            "chat_handle": member.chat_handle,
            "booking_link": member.booking_link,
        }
    return profile


def _posts(member: Member, scope: Scope) -> list[dict[str, Any]]:
    posts = Post.objects.filter(author=member).prefetch_related("topics").order_by("-created_at")
    if scope is Scope.LEAVER:
        posts = posts.filter(state=Post.State.PUBLISHED)
    return [
        {
            "id": post.pk,
            "title": post.title,
            "body": post.body,
            "state": post.state,
            "topics": _topic_names(post),
            "created_at": _when(post.created_at),
        }
        for post in posts
    ]


def _replies(member: Member, scope: Scope) -> list[dict[str, Any]]:
    replies = Reply.objects.filter(author=member).select_related("post").order_by("-created_at")
    if scope is Scope.LEAVER:
        replies = replies.filter(post__state=Post.State.PUBLISHED)
    return [
        {
            "post_id": reply.post_id,
            "post_title": reply.post.title,
            "body": reply.body,
            "marked_helpful": reply.helped_at is not None,
            "created_at": _when(reply.created_at),
        }
        for reply in replies
    ]


def _intros(member: Member) -> dict[str, list[dict[str, Any]]]:
    """Intros as the member may know them: a sender sees a decline as still waiting."""
    now = timezone.now()
    intros = Intro.objects.filter(sender=member) | Intro.objects.filter(recipient=member)
    sent, received = [], []
    for intro in intros.select_related("sender", "recipient").order_by("-created_at"):
        row = {
            "id": intro.pk,
            "origin": intro.origin,
            "message": intro.message,
            "state": intro.state_for(member.pk, now),
            "created_at": _when(intro.created_at),
            "sent_at": _when(intro.sent_at),
        }
        if intro.sender_id == member.pk:
            sent.append({"to": intro.recipient.display_name, **row})
        else:
            # Their own reason for declining is theirs; a sender never sees one.
            received.append(
                {"from": intro.sender.display_name, **row, "decline_reason": intro.decline_reason}
            )
    return {"sent": sent, "received": received}


def _relationships(member: Member) -> list[dict[str, Any]]:
    """Their relationships with the exchanges they logged (the other side's stay theirs)."""
    relationships = (
        Relationship.objects.filter(member_a=member) | Relationship.objects.filter(member_b=member)
    ).select_related("member_a", "member_b")
    mine = (
        Exchange.objects.filter(author=member).prefetch_related("topics").order_by("-date", "-id")
    )
    by_relationship: dict[int, list[dict[str, Any]]] = {}
    for exchange in mine:
        by_relationship.setdefault(exchange.relationship_id, []).append(
            {
                "date": _when(exchange.date),
                "what_i_shared": exchange.what_i_shared,
                "what_i_learned": exchange.what_i_learned,
                "note": exchange.note,
                "topics": _topic_names(exchange),
            }
        )
    rows = []
    for relationship in relationships.order_by("-started_at"):
        row = {
            "id": relationship.pk,
            "with": relationship.other(member.pk).display_name,
            "origin": relationship.origin,
            "state": relationship.state,
            "started_at": _when(relationship.started_at),
            "closed_at": _when(relationship.closed_at),
            "my_exchanges": by_relationship.get(relationship.pk, []),
        }
        if relationship.closed_by_id == member.pk:
            row["my_closing_reason"] = relationship.closed_reason
        rows.append(row)
    return rows


def _meetings(member: Member) -> list[dict[str, Any]]:
    meetings = MeetingProposal.objects.filter(proposer=member).order_by("-starts_at")
    return [
        {
            "relationship_id": meeting.relationship_id,
            "starts_at": _when(meeting.starts_at),
            "minutes": meeting.minutes,
            "place": meeting.place,
            "link": meeting.link,
            "note": meeting.note,
        }
        for meeting in meetings
    ]


def reflection_rows(member: Member) -> list[dict[str, Any]]:
    """The member's journal, newest first, with whom each entry was about."""
    reflections = (
        Reflection.objects.filter(author=member)
        .select_related("exchange__relationship__member_a", "exchange__relationship__member_b")
        .order_by("-created_at", "-id")
    )
    rows = []
    for reflection in reflections:
        exchange = reflection.exchange
        rows.append(
            {
                "created_at": _when(reflection.created_at),
                "updated_at": _when(reflection.updated_at),
                "prompt": reflection.prompt,
                "body": reflection.body,
                "exchange_date": _when(exchange.date) if exchange else None,
                "with": exchange.relationship.other(member.pk).display_name if exchange else None,
            }
        )
    return rows


def _initiatives(member: Member, scope: Scope) -> list[dict[str, Any]]:
    led = Initiative.objects.filter(lead=member).prefetch_related("topics").order_by("-created_at")
    if scope is Scope.LEAVER:
        led = led.exclude(state=Initiative.State.DRAFT)
    return [
        {
            "id": initiative.pk,
            "title": initiative.title,
            "problem": initiative.problem,
            "why_it_matters": initiative.why_it_matters,
            "skills": initiative.skills,
            "topics": _topic_names(initiative),
            "state": initiative.state,
            "ends_on": _when(initiative.ends_on),
            "created_at": _when(initiative.created_at),
        }
        for initiative in led
    ]


def _volunteering(member: Member) -> list[dict[str, Any]]:
    offers = Volunteer.objects.filter(member=member).select_related("initiative")
    return [
        {
            "initiative": offer.initiative.title,
            "brings": offer.brings,
            "wants_to_learn": offer.wants_to_learn,
            "state": offer.state,
            "created_at": _when(offer.created_at),
        }
        for offer in offers.order_by("-created_at")
    ]


def _contributions(member: Member) -> list[dict[str, Any]]:
    contributions = Contribution.objects.filter(member=member).select_related("initiative")
    return [
        {
            "initiative": contribution.initiative.title,
            "text": contribution.text,
            "link": contribution.link,
            "created_at": _when(contribution.created_at),
        }
        for contribution in contributions.order_by("-created_at")
    ]


def _observation(observation, *, name_of: str) -> dict[str, Any]:
    person = getattr(observation, name_of)
    return {
        name_of: person.display_name,
        "text": observation.text,
        "seen_on": _when(observation.seen_on),
        "initiative": observation.initiative.title if observation.initiative else None,
        "shown_on_profile": observation.shown_on_profile,
    }


def _observations(member: Member, scope: Scope) -> dict[str, list[dict[str, Any]]]:
    """Observations they made and those about them (the subject reads all of them;
    an organiser only those shown on a profile, as any member may)."""
    viewer = member if scope is Scope.OWN else None
    about = initiative_selectors.observations_about(subject=member, viewer=viewer)
    made = initiative_selectors.observations_written(observer=member)
    if scope is Scope.LEAVER:
        made = made.filter(shown_on_profile=True)
    return {
        "made": [_observation(o, name_of="subject") for o in made],
        "about_me": [_observation(o, name_of="observer") for o in about],
    }


def _suggestions(member: Member) -> list[dict[str, Any]]:
    """The suggestions shown to them, in the words written to them."""
    suggestions = (
        Suggestion.objects.filter(member_a=member) | Suggestion.objects.filter(member_b=member)
    ).select_related("member_a", "member_b", "round")
    rows = []
    for suggestion in suggestions.order_by("-id"):
        if suggestion.round is not None and suggestion.round.published_at is None:
            continue  # a round not published yet was never shown to anyone
        is_a = suggestion.member_a_id == member.pk
        rows.append(
            {
                "kind": suggestion.kind,
                "with": suggestion.other(member.pk).display_name,
                "why": suggestion.explanation_for_a if is_a else suggestion.explanation_for_b,
                "dismissed_at": _when(
                    suggestion.a_dismissed_at if is_a else suggestion.b_dismissed_at
                ),
            }
        )
    return rows


def _possible_helpers(member: Member) -> list[dict[str, Any]]:
    """Who could help with what they work on, as last shown to them."""
    helpers = PossibleHelper.objects.filter(helper_list__member=member).select_related("helper")
    return [
        {"helper": row.helper.display_name, "why": row.explanation}
        for row in helpers.order_by("position")
    ]


def _initiatives_that_fit(member: Member) -> list[dict[str, Any]]:
    """Which initiatives fit what they can help with, as last worked out for them."""
    fits = InitiativeFit.objects.filter(member=member).select_related("initiative")
    return [
        {"initiative": row.initiative.title, "why": row.reason} for row in fits.order_by("position")
    ]


def _notifications(member: Member) -> list[dict[str, Any]]:
    notifications = Notification.objects.filter(recipient=member).order_by("-created_at", "-id")
    return [
        {
            "kind": n.kind,
            "text": n.text,
            "url": n.url,
            "created_at": _when(n.created_at),
            "read_at": _when(n.read_at),
        }
        for n in notifications
    ]


def _audit_events(member: Member) -> list[dict[str, Any]]:
    events = AuditEvent.objects.filter(actor_id=member.user_id).order_by("-at", "-id")
    return [
        {"at": _when(e.at), "action": e.action, "target": e.target, "details": e.details}
        for e in events.only("at", "action", "target", "details")
    ]


def _api_tokens(member: Member) -> list[dict[str, Any]]:
    """The member's API tokens as their list shows them: never the token or its digest."""
    return [
        {
            "name": t.name,
            "scope": t.scope,
            "starts_with": t.prefix,
            "created_at": _when(t.created_at),
            "expires_at": _when(t.expires_at),
            "last_used_at": _when(t.last_used_at),
            "revoked_at": _when(t.revoked_at),
        }
        for t in tokens_of(member.user)
    ]


def _counts(member: Member) -> dict[str, int]:
    """How many intros and relationships there were: what organisers see in aggregate."""
    return {
        "intros_sent": Intro.objects.filter(sender=member).exclude(state="draft").count(),
        "intros_received": Intro.objects.filter(recipient=member).exclude(state="draft").count(),
        "relationships": (
            Relationship.objects.filter(member_a=member)
            | Relationship.objects.filter(member_b=member)
        ).count(),
    }


def member_data(*, member: Member, scope: Scope) -> dict[str, Any]:
    """Everything Trellis holds about `member` that `scope` may carry, as plain data."""
    member = Member.objects.select_related("user", "manager").get(pk=member.pk)
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "exported_at": _when(timezone.now()),
        "scope": scope.value,
        "profile": _profile(member, scope),
        "topics_followed": list(
            TopicFollow.objects.filter(member=member)
            .order_by("topic__name")
            .values_list("topic__name", flat=True)
        ),
        "posts": _posts(member, scope),
        "replies": _replies(member, scope),
        "initiatives_led": _initiatives(member, scope),
        "volunteering": _volunteering(member),
        "contributions": _contributions(member),
        "observations": _observations(member, scope),
    }
    if scope is Scope.LEAVER:
        return {**data, "left_out": LEFT_OUT_FOR_ORGANISERS, "counts": _counts(member)}
    return {
        **data,
        "intros": _intros(member),
        "relationships": _relationships(member),
        "meetings_proposed": _meetings(member),
        "reflections": reflection_rows(member),
        "suggestions": _suggestions(member),
        "who_could_help_me": _possible_helpers(member),
        "initiatives_that_fit_me": _initiatives_that_fit(member),
        "notifications": _notifications(member),
        "audit_events_by_me": _audit_events(member),
        "api_tokens": _api_tokens(member),
    }


def journal_markdown(*, member: Member, rows: list[dict[str, Any]]) -> str:
    """The journal as Markdown, newest entry first."""
    return render_to_string("home/journal.md", {"author": member, "rows": rows})


def archive_name(member: Member, on: date) -> str:
    """`trellis-<name>-<date>.zip`, the name reduced to letters, digits and dashes."""
    name = re.sub(r"[^a-z0-9]+", "-", Member.search_key(member.display_name)).strip("-")
    return f"trellis-{name or 'member'}-{on.isoformat()}.zip"


def export_archive(*, member: Member, scope: Scope) -> tuple[str, bytes]:
    """The zip to download: `data.json`, and `journal.md` for the member's own export."""
    data = member_data(member=member, scope=scope)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        if scope is Scope.OWN:
            archive.writestr(
                "journal.md", journal_markdown(member=member, rows=data["reflections"])
            )
    return archive_name(member, timezone.localdate()), buffer.getvalue()
