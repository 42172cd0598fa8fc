"""Reads for community: posts and their replies as members see them, topic pages, follows,
and posts (and replies that helped) as matching reads them. Every list states what it
joins and prefetches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.text import Truncator

from trellis.community.models import Post, Reply, TopicFollow
from trellis.people.hooks import HelpGiven, MemberIds, PostProblem
from trellis.people.models import Member, ProfileTopic, Topic

# What matching reads of each member: their newest posts, as plain text.
MATCHING_POSTS = 20
PROFILE_POSTS = 5
TOPIC_POSTS = 20
TOPIC_PEOPLE = 24
# A topic's page counts the people who name it up to this many; beyond, "more than".
TOPIC_PEOPLE_COUNTED = 1000
HOME_POSTS = 5
# What matching reads of a post when it looks for who could help with it.
PROBLEM_CHARS = 2000
# Replies on a post's page, oldest first: a conversation reads in the order it happened.
REPLIES_PER_PAGE = 20
# A post without a title is named, in the help its replies gave, by its first words.
HELP_WORDS = 30


def _published(viewer: Member | None) -> QuerySet[Post]:
    """Posts `viewer` may read: published, by someone still in the network (or by them)."""
    still_here = ~Q(author__status=Member.Status.LEFT)
    if viewer is not None:
        still_here |= Q(author=viewer)
    return Post.objects.filter(still_here, state=Post.State.PUBLISHED)


def _with_topics(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("author").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name"))
    )


def post_for_viewer(*, post_id: int, viewer: Member | None) -> Post:
    """One post `viewer` may read, with its author and topics; Post.DoesNotExist otherwise.

    A deleted post is missing for everyone, its author included.
    """
    return _with_topics(_published(viewer)).get(pk=post_id)


def own_post(*, post_id: int, author: Member) -> Post:
    """One of `author`'s published posts, to edit or delete; Post.DoesNotExist otherwise."""
    return Post.objects.get(pk=post_id, author=author, state=Post.State.PUBLISHED)


def posts_by(*, author: Member, viewer: Member | None) -> QuerySet[Post]:
    """`author`'s published posts, newest first, with their topics (two queries a page)."""
    return _with_topics(_published(viewer).filter(author=author))


def posts_for_viewer(
    *, viewer: Member | None, author_id: int | None = None, topic: Topic | None = None
) -> QuerySet[Post]:
    """The posts `viewer` may read, newest first, with their authors and topics (two
    queries a page), by one author and on one topic when asked."""
    posts = _published(viewer)
    if author_id is not None:
        posts = posts.filter(author_id=author_id)
    if topic is not None:
        # A subquery, not a join: no DISTINCT over whole post rows to drop duplicates.
        posts = posts.filter(
            pk__in=Post.topics.through.objects.filter(topic=topic).values("post_id")
        )
    return _with_topics(posts)


def topic_posts(*, topic: Topic, viewer: Member | None, limit: int = TOPIC_POSTS) -> list[Post]:
    """The newest posts on `topic`, with their authors and topics."""
    return list(_with_topics(_published(viewer).filter(topics=topic))[:limit])


def topic_people(*, topic: Topic, limit: int = TOPIC_PEOPLE) -> tuple[list[Member], int]:
    """Members still in the network whose profile names `topic`, and how many there are,
    counted up to `TOPIC_PEOPLE_COUNTED` + 1 (a count above it means "more than that").

    Two queries whose cost does not grow with the membership: the capped count, then the
    first by name, read from the few who name it when they are few, or by walking the
    members in name order and stopping at `limit` when many do."""
    still_here = Member.objects.exclude(status=Member.Status.LEFT)
    named = ProfileTopic.objects.filter(topic=topic).values("member_id")
    # A join, not IN (subquery): SQLite reads a subquery's whole list before the LIMIT.
    naming = still_here.filter(profile_topics__topic=topic).order_by().values("pk").distinct()
    count = naming[: TOPIC_PEOPLE_COUNTED + 1].count()
    if count <= TOPIC_PEOPLE_COUNTED:
        members = still_here.filter(pk__in=named)
    else:
        mine = ProfileTopic.objects.filter(member=OuterRef("pk"), topic=topic)
        members = still_here.filter(Exists(mine))
    return list(members.order_by("display_name", "id")[:limit]), count


def is_following(*, member: Member | None, topic: Topic) -> bool:
    return member is not None and TopicFollow.objects.filter(member=member, topic=topic).exists()


def followed_topics(*, member: Member) -> list[Topic]:
    """The topics `member` follows, by name."""
    return list(Topic.objects.filter(follows__member=member).order_by("name"))


def followed_posts(
    *, member: Member, topics: Iterable[Topic], limit: int = HOME_POSTS
) -> list[Post]:
    """The newest posts by others on any of `topics`, each once."""
    ids = [topic.pk for topic in topics]
    if not ids:
        return []
    on_topics = Post.objects.filter(topics__in=ids).values("pk")
    posts = _published(member).exclude(author=member).filter(pk__in=on_topics)
    return list(_with_topics(posts)[:limit])


def recent_post_texts(
    *, member_ids: QuerySet | Iterable[int], per_member: int = MATCHING_POSTS
) -> dict[int, tuple[str, ...]]:
    """Each member's newest published posts as plain text (title first), newest first.

    One query: posts are ranked per author in the database, so a member with a
    thousand posts costs no more than one with twenty. `member_ids` may be a
    queryset of ids (a cohort), read as a subquery.
    """
    newest_first = Window(
        RowNumber(),
        partition_by=[F("author_id")],
        order_by=[F("created_at").desc(), F("id").desc()],
    )
    rows = (
        Post.objects.filter(state=Post.State.PUBLISHED, author_id__in=member_ids)
        .annotate(rank=newest_first)
        .filter(rank__lte=per_member)
        .order_by("author_id", "rank")
        .values_list("author_id", "title", "text")
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for author_id, title, text in rows:
        texts[author_id].append(f"{title}\n{text}" if title else text)
    return {author_id: tuple(posts) for author_id, posts in texts.items()}


def post_problems(*, post_ids: Iterable[int] | None = None) -> dict[int, PostProblem]:
    """Published posts by people still in the network, as problems someone could help
    with: their author and their words, title first (every post when `post_ids` is None).

    One query; the text is cut at PROBLEM_CHARS, which says what the post is about.
    """
    posts = Post.objects.filter(state=Post.State.PUBLISHED).exclude(
        author__status=Member.Status.LEFT
    )
    if post_ids is not None:
        posts = posts.filter(pk__in=list(post_ids))
    rows = posts.order_by("id").values_list("id", "author_id", "title", "text")
    return {
        post_id: PostProblem(author_id, (f"{title}\n{text}" if title else text)[:PROBLEM_CHARS])
        for post_id, author_id, title, text in rows
    }


def _visible_replies(*, post: Post, viewer: Member | None) -> QuerySet[Reply]:
    """Replies to `post` that `viewer` may read: by people still in the network (or by them)."""
    still_here = ~Q(author__status=Member.Status.LEFT)
    if viewer is not None:
        still_here |= Q(author=viewer)
    return Reply.objects.filter(still_here, post=post)


def replies_to(*, post: Post, viewer: Member | None) -> QuerySet[Reply]:
    """The replies to `post` that `viewer` may read, oldest first, with their authors."""
    replies = _visible_replies(post=post, viewer=viewer).select_related("author")
    return replies.order_by("created_at", "id")


def replies_page(*, post: Post, viewer: Member | None, page_number: str | int | None) -> Page:
    """One page of the replies to `post`, oldest first, with their authors (two queries:
    the count and the page). An out-of-range or bad page number gives the nearest page."""
    return Paginator(replies_to(post=post, viewer=viewer), REPLIES_PER_PAGE).get_page(page_number)


def reply_for_viewer(*, reply_id: int, viewer: Member | None) -> Reply:
    """One reply `viewer` may read, on a post they may read; Reply.DoesNotExist otherwise."""
    reply = Reply.objects.select_related("post").get(pk=reply_id)
    try:
        post = _published(viewer).get(pk=reply.post_id)
    except Post.DoesNotExist:
        raise Reply.DoesNotExist from None
    if not _visible_replies(post=post, viewer=viewer).filter(pk=reply.pk).exists():
        raise Reply.DoesNotExist
    return reply


def reply_page_number(*, reply: Reply, viewer: Member | None) -> int:
    """The page of its post's replies on which `viewer` finds `reply`."""
    earlier = Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
    before = _visible_replies(post=reply.post, viewer=viewer).filter(earlier).count()
    return before // REPLIES_PER_PAGE + 1


def _problem_words(title: str, text: str, topic_names: list[str]) -> str:
    """ "Making upgrades boring: Kubernetes, On-call": a post's title (or first words),
    then its topics: what the post is about, in words every member can read."""
    words = (title or Truncator(" ".join(text.split())).words(HELP_WORDS)).rstrip(" .:;!?…")
    return f"{words}: {', '.join(topic_names)}" if topic_names else words


def help_given_in_replies(*, member_ids: MemberIds) -> dict[int, list[HelpGiven]]:
    """Each reply of a member's that a post's author marked "this helped", on a post still
    published: help with what the post is about (its title or first words, and its
    topics), dated when it was marked. Never the reply's own words. Two queries."""
    rows = list(
        Reply.objects.filter(
            author_id__in=member_ids,
            helped_at__isnull=False,
            post__state=Post.State.PUBLISHED,
        )
        .exclude(post__author_id=F("author_id"))
        .order_by("helped_at", "id")
        .values_list("author_id", "post_id", "helped_at", "post__title", "post__text")
    )
    topic_names: dict[int, list[str]] = defaultdict(list)
    links = Post.topics.through.objects.filter(post_id__in={row[1] for row in rows})
    for post_id, name in links.order_by("topic__name").values_list("post_id", "topic__name"):
        topic_names[post_id].append(name)
    given: dict[int, list[HelpGiven]] = defaultdict(list)
    for author_id, post_id, helped_at, title, text in rows:
        words = _problem_words(title, text, topic_names[post_id])
        given[author_id].append(HelpGiven(helped_at.date(), words))
    return dict(given)
