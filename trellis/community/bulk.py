"""Bulk writes for community: many posts and topic follows at once, as `post_create` and
`topic_follow` write one, dated when they happened.

For seeding (the demo organisation). Nothing is queued: whoever seeds computes
recommendations afterwards, as `post_create(refresh=False)` leaves it to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError

from trellis.community import markdown
from trellis.community.models import Post, Reply, TopicFollow
from trellis.community.services import post_cleaned, post_topic_slugs
from trellis.db import bulk
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher


@dataclass(frozen=True)
class NewPost:
    """A published post: who wrote it, what it says (markdown) and when."""

    author_id: int
    title: str
    body: str
    posted_at: datetime


@dataclass(frozen=True)
class NewFollow:
    """A member following a topic since `followed_at`."""

    member_id: int
    topic_id: int
    followed_at: datetime


def _cleaned(post: NewPost, left: set[int]) -> tuple[str, str] | str:
    """The post's title and body tidied, or why `post_create` would refuse it."""
    if post.author_id in left:
        return "its author has left the network."
    try:
        return post_cleaned(post.title, post.body)
    except ValidationError as error:
        return " ".join(error.messages)


def posts_create(posts: Sequence[NewPost]) -> list[int]:
    """Publish these posts, each created and last changed when posted; their ids, in order.

    As `post_create` writes one: the title and body tidied, the plain text kept
    beside the markdown, and links to the topics the title and text name. Refused,
    before anything is written, with a ValidationError naming each row, for what
    `post_create` refuses: an empty or overlong body or title, an author who left.
    """
    authors = bulk.values_by_pk(Member.objects, [p.author_id for p in posts], "status")
    left = {pk for pk, (status,) in authors.items() if status == Member.Status.LEFT}
    cleaned = [_cleaned(post, left) for post in posts]
    bulk.refuse_problems(cleaned, lambda c: c if isinstance(c, str) else None, noun="post")
    rows, texts = [], []
    for post, (title, body) in zip(posts, cleaned, strict=True):
        text = markdown.plain_text(body)
        when = post.posted_at
        rows.append((post.author_id, title, body, text, Post.State.PUBLISHED, when, when))
        texts.append((title, text))
    names = ("author", "title", "body", "text", "state", "created_at", "updated_at")
    ids = bulk.insert_rows(Post, names, rows, returning=True)
    matcher, topic_ids = topic_matcher(), dict(Topic.objects.values_list("slug", "id"))
    links = [
        (post_id, topic_ids[slug])
        for post_id, (title, text) in zip(ids, texts, strict=True)
        for slug in post_topic_slugs(title, text, matcher=matcher)
        if slug in topic_ids
    ]
    bulk.insert_rows(Post.topics.through, ("post", "topic"), links)
    return ids


def topic_follows_create(follows: Sequence[NewFollow]) -> int:
    """Write these follows, each dated when it began; how many.

    Refused, before anything is written, when one member follows one topic twice
    among them. Not checked: follows that exist already (the unique constraint
    refuses them when written, rolling back the caller's transaction).
    """
    pairs = [(follow.member_id, follow.topic_id) for follow in follows]
    if len(set(pairs)) != len(pairs):
        raise ValidationError("A member follows the same topic twice.")
    rows = [(f.member_id, f.topic_id, f.followed_at) for f in follows]
    bulk.insert_rows(TopicFollow, ("member", "topic", "created_at"), rows)
    return len(rows)


def backdated(when: datetime) -> AbstractContextManager[None]:
    """Posts, replies and follows the services write inside the block were written at `when`."""
    stamps = {
        Post: ("created_at", "updated_at"),
        Reply: ("created_at",),
        TopicFollow: ("created_at",),
    }
    return bulk.backdated(stamps, when)
