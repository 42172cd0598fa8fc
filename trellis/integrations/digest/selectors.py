"""What a batch of members' digests say, read for the whole batch at once.

Everything was worked out before (matching's stored helper lists, initiatives' stored
fit); this module only reads it, with a fixed number of queries per batch whatever its
size, and only what may leave Trellis: names, titles, the engine's reasons and links.
Never an intro's message, a decline's reason, exchange, reflection or observation text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, F, OuterRef
from django.urls import reverse

from trellis.community.models import Post, TopicFollow
from trellis.connections.models import Intro
from trellis.initiatives.models import InitiativeFit, Volunteer
from trellis.initiatives.selectors import LISTED_STATES
from trellis.integrations.digest.models import DigestRun
from trellis.matching.models import PossibleHelper
from trellis.matching.selectors.people import kept_apart_pairs
from trellis.notifications.models import DigestPreference
from trellis.people import hooks
from trellis.people.hooks import pair_key
from trellis.people.models import Member
from trellis.people.selectors import managers_above

# How many of each a digest lists at most (the page behind each link has the rest).
INTROS_LISTED = 5
HELPERS_LISTED = 3
POSTS_LISTED_PER_TOPIC = 3
TOPICS_LISTED = 5
INITIATIVES_LISTED = 3


@dataclass(frozen=True)
class WaitingIntro:
    """An intro sent to the member, still waiting for their answer (never its message)."""

    sender_name: str
    path: str
    expires_on: date


@dataclass(frozen=True)
class PossibleHelperShown:
    """Someone who could help the member, with the engine's reason written to them."""

    name: str
    reason: str
    path: str


@dataclass(frozen=True)
class NewPost:
    """A post published this week in a topic: its title (or its author's name) and link."""

    post_id: int
    author_id: int
    title: str
    author_name: str
    path: str


@dataclass(frozen=True)
class TopicNews:
    """What is new in one followed topic this week."""

    name: str
    path: str
    new_posts: int
    newest: tuple[NewPost, ...]


@dataclass(frozen=True)
class FittingInitiative:
    """An open initiative needing what the member offers, as the worker last worked out."""

    title: str
    lead_name: str
    reason: str
    path: str


@dataclass
class Digest:
    """One member's digest for one week."""

    member: Member
    intros: list[WaitingIntro] = field(default_factory=list)
    helpers: list[PossibleHelperShown] = field(default_factory=list)
    topics: list[TopicNews] = field(default_factory=list)
    initiatives: list[FittingInitiative] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to tell them this week: they get no e-mail."""
        return not (self.intros or self.helpers or self.topics or self.initiatives)


@dataclass(frozen=True)
class _TopicPosts:
    name: str
    slug: str
    posts: tuple[NewPost, ...]


WeekNews = dict[int, _TopicPosts]


def recipients(*, run: DigestRun | None, after_id: int, limit: int) -> list[Member]:
    """The next `limit` members (by id, after `after_id`) a digest may go to: active, with
    an active login and an e-mail address, who did not turn it off, and not sent this
    run's digest already. One query."""
    members = (
        Member.objects.filter(pk__gt=after_id, status=Member.Status.ACTIVE, user__is_active=True)
        .exclude(user__email="")
        .exclude(
            Exists(DigestPreference.objects.filter(member_id=OuterRef("pk"), weekly_digest=False))
        )
        .select_related("user")
        .order_by("pk")
    )
    if run is not None:
        members = members.exclude(digest_deliveries__run=run)
    return list(members[:limit])


def week_news(*, since: datetime) -> WeekNews:
    """Every topic with posts published since `since`, newest first: read once a run and
    shared by every batch (the week's posts, not the whole history). One query."""
    through = Post.topics.through
    rows = (
        through.objects.filter(post__state=Post.State.PUBLISHED, post__created_at__gte=since)
        .order_by("topic_id", "-post__created_at", "-post_id")
        .values_list(
            "topic_id",
            "topic__name",
            "topic__slug",
            "post_id",
            "post__title",
            "post__author_id",
            "post__author__display_name",
        )
    )
    gathered: dict[int, tuple[str, str, list[NewPost]]] = {}
    for topic_id, name, slug, post_id, title, author_id, author_name in rows.iterator():
        entry = gathered.setdefault(topic_id, (name, slug, []))
        path = reverse("home:post_detail", args=[post_id])
        entry[2].append(NewPost(post_id, author_id, title, author_name, path))
    return {
        topic_id: _TopicPosts(name, slug, tuple(posts))
        for topic_id, (name, slug, posts) in gathered.items()
    }


def digests_for(*, members: list[Member], news: WeekNews, now: datetime) -> list[Digest]:
    """The digest of each of `members` (recipients of one batch), in their order."""
    ids = [member.pk for member in members]
    intros = _waiting_intros(member_ids=ids, now=now)
    helpers = _helpers(member_ids=ids)
    topics = _followed_news(member_ids=ids, news=news)
    initiatives = _fitting_initiatives(member_ids=[m.pk for m in members if m.open_to_initiatives])
    return [
        Digest(
            member=member,
            intros=intros.get(member.pk, []),
            helpers=helpers.get(member.pk, []),
            topics=topics.get(member.pk, []),
            initiatives=initiatives.get(member.pk, []),
        )
        for member in members
    ]


def _waiting_intros(*, member_ids: list[int], now: datetime) -> dict[int, list[WaitingIntro]]:
    # values_list, not models: the message is never even read.
    rows = (
        Intro.objects.filter(
            recipient_id__in=member_ids, state=Intro.State.SENT, expires_at__gt=now
        )
        .order_by("recipient_id", "expires_at", "id")
        .values_list("recipient_id", "id", "sender__display_name", "expires_at")
    )
    waiting: dict[int, list[WaitingIntro]] = defaultdict(list)
    for recipient_id, intro_id, sender_name, expires_at in rows:
        if len(waiting[recipient_id]) < INTROS_LISTED:
            path = reverse("connections:intro_detail", args=[intro_id])
            waiting[recipient_id].append(WaitingIntro(sender_name, path, expires_at.date()))
    return waiting


def _helpers(*, member_ids: list[int]) -> dict[int, list[PossibleHelperShown]]:
    """As home shows them (matching.selectors.helpers_shown), for many members at once:
    stored helpers still active and open to helping, with room left, outside the member's
    reporting line and not kept apart from them."""
    if not member_ids:
        return {}
    stored = list(
        PossibleHelper.objects.filter(
            helper_list__member_id__in=member_ids,
            helper__status=Member.Status.ACTIVE,
            helper__open_to_helping=True,
        )
        .exclude(helper_id=F("helper_list__member_id"))
        .order_by("helper_list__member_id", "position", "id")
        .values_list(
            "helper_list__member_id",
            "helper_id",
            "helper__display_name",
            "helper__capacity",
            "explanation",
        )
    )
    if not stored:
        return {}
    helper_ids = {row[1] for row in stored}
    load = hooks.relationship_load(member_ids=helper_ids)
    above = managers_above(member_ids=[*member_ids, *helper_ids])
    apart = kept_apart_pairs(member_ids=member_ids)
    shown: dict[int, list[PossibleHelperShown]] = defaultdict(list)
    for member_id, helper_id, name, capacity, explanation in stored:
        if (
            len(shown[member_id]) >= HELPERS_LISTED
            or load.get(helper_id, 0) >= capacity
            or helper_id in above.get(member_id, set())
            or member_id in above.get(helper_id, set())
            or pair_key(member_id, helper_id) in apart
        ):
            continue
        path = reverse("home:profile", args=[helper_id])
        shown[member_id].append(PossibleHelperShown(name, explanation, path))
    return shown


def _followed_news(*, member_ids: list[int], news: WeekNews) -> dict[int, list[TopicNews]]:
    if not news:
        return {}
    follows = (
        TopicFollow.objects.filter(member_id__in=member_ids, topic_id__in=list(news))
        .order_by("member_id", "topic__name")
        .values_list("member_id", "topic_id")
    )
    found: dict[int, list[TopicNews]] = defaultdict(list)
    for member_id, topic_id in follows:
        topic = news[topic_id]
        # Their own posts are not news to them.
        others = [post for post in topic.posts if post.author_id != member_id]
        if others and len(found[member_id]) < TOPICS_LISTED:
            path = reverse("home:topic_detail", args=[topic.slug])
            newest = tuple(others[:POSTS_LISTED_PER_TOPIC])
            found[member_id].append(TopicNews(topic.name, path, len(others), newest))
    return found


def _fitting_initiatives(*, member_ids: list[int]) -> dict[int, list[FittingInitiative]]:
    """As home shows them (initiatives.selectors._shown_fits), for many members at once."""
    if not member_ids:
        return {}
    offered = Volunteer.objects.filter(
        member_id=OuterRef("member_id"), initiative_id=OuterRef("initiative_id")
    ).exclude(state=Volunteer.State.WITHDRAWN)
    rows = (
        InitiativeFit.objects.filter(member_id__in=member_ids, initiative__state__in=LISTED_STATES)
        .exclude(initiative__lead__status=Member.Status.LEFT)
        .exclude(initiative__lead_id=F("member_id"))
        .exclude(Exists(offered))
        .order_by("member_id", "position", "id")
        .values_list(
            "member_id",
            "initiative_id",
            "initiative__title",
            "initiative__lead__display_name",
            "reason",
        )
    )
    fitting: dict[int, list[FittingInitiative]] = defaultdict(list)
    for member_id, initiative_id, title, lead_name, reason in rows:
        if len(fitting[member_id]) < INITIATIVES_LISTED:
            path = reverse("initiatives:initiative_detail", args=[initiative_id])
            fitting[member_id].append(FittingInitiative(title, lead_name, reason, path))
    return fitting


def member_by_email(*, email: str) -> Member:
    """The member whose login has `email` (any case); Member.DoesNotExist otherwise."""
    return Member.objects.select_related("user").get(user__email__iexact=email.strip())


def why_no_digest(*, member: Member) -> str | None:
    """Why `member` is never sent a digest (the reason `recipients` leaves them out), or None."""
    if member.status != Member.Status.ACTIVE:
        return f"their status is {member.get_status_display().lower()}"
    if not member.user.is_active:
        return "their login is switched off"
    if not member.user.email:
        return "they have no e-mail address"
    if DigestPreference.objects.filter(member=member, weekly_digest=False).exists():
        return "they turned it off"
    return None


def member_with_login(*, member_id: int) -> Member | None:
    """The member `member_id` with their login, or None when there is none (deleted)."""
    return Member.objects.select_related("user").filter(pk=member_id).first()
