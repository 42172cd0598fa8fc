"""Reads for community: posts as members see them, topic pages, follows, and posts as
matching reads them. Every list states what it joins and prefetches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from trellis.community.models import Post, TopicFollow
from trellis.people.hooks import PostProblem
from trellis.people.models import Member, ProfileTopic, Topic

# What matching reads of each member: their newest posts, as plain text.
MATCHING_POSTS = 20
PROFILE_POSTS = 5
TOPIC_POSTS = 20
TOPIC_PEOPLE = 24
HOME_POSTS = 5
# What matching reads of a post when it looks for who could help with it.
PROBLEM_CHARS = 2000


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


def topic_posts(*, topic: Topic, viewer: Member | None, limit: int = TOPIC_POSTS) -> list[Post]:
    """The newest posts on `topic`, with their authors and topics."""
    return list(_with_topics(_published(viewer).filter(topics=topic))[:limit])


def topic_people(*, topic: Topic, limit: int = TOPIC_PEOPLE) -> tuple[list[Member], int]:
    """Members still in the network whose profile names `topic`, and how many there are."""
    named = ProfileTopic.objects.filter(topic=topic).values("member_id")
    members = Member.objects.exclude(status=Member.Status.LEFT).filter(pk__in=named)
    return list(members.order_by("display_name", "id")[:limit]), members.count()


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
