"""Writes for community: posts, replies to them, and topic follows.

A post is part of its author's interest profile, so writing, editing or deleting
one asks for fresh recommendations, as a profile change does. A reply its post's
author marked "this helped" is evidence of what the replier can help with, so
marking, unmarking or deleting one asks for "who could help" to be worked out again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from trellis.community import markdown
from trellis.community.models import MAX_BODY, MAX_REPLY, MAX_TITLE, Post, Reply, TopicFollow
from trellis.notifications.models import Notification
from trellis.notifications.services import notify
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher
from trellis.people.signals import help_given_changed, interests_changed
from trellis.text.vocabulary import TopicMatcher


def _check_author(member: Member) -> None:
    if member.status == Member.Status.LEFT:
        raise ValidationError("You have left the network: you can no longer write posts.")


def post_cleaned(title: str, body: str) -> tuple[str, str]:
    """A post's title and body tidied, or a ValidationError naming each problem."""
    title, body = " ".join(title.split()), body.strip()
    problems = {}
    if len(title) > MAX_TITLE:
        problems["title"] = f"Keep the title under {MAX_TITLE} characters; it has {len(title)}."
    if not markdown.plain_text(body):  # empty, or only markup ("---", "**")
        problems["body"] = "Write something before posting: what problem are you working on?"
    elif len(body) > MAX_BODY:
        problems["body"] = (
            f"Keep a post under {MAX_BODY:,} characters; this one has {len(body):,}. "
            "Split it into two posts, or link to a longer write-up."
        )
    if problems:
        raise ValidationError(problems)
    return title, body


def post_topic_slugs(title: str, text: str, *, matcher: TopicMatcher | None = None) -> list[str]:
    """The topics a post names in its title and plain text (`matcher`: the vocabulary's)."""
    return (matcher or topic_matcher()).topics(f"{title}\n{text}")


def _write(post: Post, *, title: str, body: str) -> Post:
    """Store the post with its plain text, and link it to the topics it names."""
    post.title, post.body = title, body
    post.text = markdown.plain_text(body)
    post.full_clean()
    post.save()
    post.topics.set(Topic.objects.filter(slug__in=post_topic_slugs(title, post.text)))
    return post


def _refresh_recommendations(member: Member, post: Post) -> None:
    """What a post changes in its author's interests reaches their recommendations, and
    the post itself is worth a fresh look for who could help with it."""
    interests_changed.send(sender=Post, member=member, post_id=post.pk)


def _own_post(post: Post, member: Member) -> Post:
    """The post's row, locked, if `member` wrote it and it is not deleted; else DoesNotExist."""
    return Post.objects.select_for_update().get(
        pk=post.pk, author=member, state=Post.State.PUBLISHED
    )


@transaction.atomic
def post_create(*, author: Member, body: str, title: str = "", refresh: bool = True) -> Post:
    """Publish a post by `author`; its topics are found in its title and text.

    `refresh=False` queues no recommendations refresh, for a caller that computes
    them itself afterwards (the demo seed: it queues nothing).
    """
    _check_author(author)
    title, body = post_cleaned(title, body)
    post = _write(Post(author=author), title=title, body=body)
    if refresh:
        _refresh_recommendations(author, post)
    return post


@transaction.atomic
def post_update(*, post: Post, member: Member, body: str, title: str = "") -> Post:
    """Change a post; only its author may (Post.DoesNotExist for anyone else)."""
    post = _own_post(post, member)
    _check_author(member)
    title, body = post_cleaned(title, body)
    if (title, body) == (post.title, post.body):
        return post
    post = _write(post, title=title, body=body)
    _refresh_recommendations(member, post)
    return post


@transaction.atomic
def post_delete(*, post: Post, member: Member) -> Post:
    """Take a post down; only its author may (Post.DoesNotExist for anyone else).

    Nobody sees it again, its author included, and matching no longer reads it.
    """
    post = _own_post(post, member)
    post.state = Post.State.DELETED
    post.save(update_fields=["state", "updated_at"])
    post.topics.clear()
    _refresh_recommendations(member, post)
    return post


@transaction.atomic
def topic_follow(*, member: Member, topic: Topic) -> TopicFollow:
    """Follow a topic (following it again changes nothing)."""
    follow, _ = TopicFollow.objects.get_or_create(member=member, topic=topic)
    return follow


@transaction.atomic
def topic_unfollow(*, member: Member, topic: Topic) -> bool:
    """Stop following a topic; False when the member was not following it."""
    deleted, _ = TopicFollow.objects.filter(member=member, topic=topic).delete()
    return deleted > 0


@transaction.atomic
def posts_topics_relink(*, chunk: int = 2000) -> int:
    """Link every published post to the topics it names in the vocabulary as it is now.

    Run after the vocabulary changed (`trellis load-topics` does); returns how many posts.
    """
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    link = Post.topics.through
    published = Post.objects.filter(state=Post.State.PUBLISHED).order_by("id")
    ids = list(published.values_list("id", flat=True))
    for start in range(0, len(ids), chunk):
        batch = list(
            Post.objects.filter(id__in=ids[start : start + chunk]).values_list(
                "id", "title", "text"
            )
        )
        link.objects.filter(post_id__in=[post_id for post_id, _, _ in batch]).delete()
        link.objects.bulk_create(
            link(post_id=post_id, topic_id=topic_ids[slug])
            for post_id, title, text in batch
            for slug in post_topic_slugs(title, text)
            if slug in topic_ids
        )
    return len(ids)


def reply_cleaned(body: str) -> str:
    """A reply's body tidied, or a ValidationError naming the body and what is wrong."""
    body = body.strip()
    if not markdown.plain_text(body):  # empty, or only markup
        raise ValidationError(
            {"body": "Write something before replying: what have you seen or tried?"}
        )
    if len(body) > MAX_REPLY:
        raise ValidationError(
            {
                "body": f"Keep a reply under {MAX_REPLY:,} characters; this one has "
                f"{len(body):,}. Say the rest in a post of your own and link to it."
            }
        )
    return body


def _replyable_post(post: Post, member: Member) -> Post:
    """The post, if `member` can still see it (published, its author still here); else
    Post.DoesNotExist."""
    visible = Post.objects.filter(pk=post.pk, state=Post.State.PUBLISHED)
    if post.author_id != member.pk:
        visible = visible.exclude(author__status=Member.Status.LEFT)
    return visible.select_related("author").get()


def _post_words(post: Post) -> str:
    return post.about([topic.name for topic in post.topics.order_by("name")])


@transaction.atomic
def reply_create(*, post: Post, author: Member, body: str) -> Reply:
    """Reply to a post `author` can see (Post.DoesNotExist otherwise); its author is told.

    Nothing is written when the reply is empty or too long (a ValidationError on `body`).
    """
    if author.status == Member.Status.LEFT:
        raise ValidationError("You have left the network: you can no longer reply.")
    body = reply_cleaned(body)
    post = _replyable_post(post, author)
    reply = Reply(post=post, author=author, body=body, text=markdown.plain_text(body))
    reply.full_clean()
    reply.save()
    if post.author_id != author.pk:
        notify(
            member=post.author,
            kind=Notification.Kind.REPLY_RECEIVED,
            text=f"{author.display_name} replied to your post {_post_words(post)}.",
            url=reverse("community:reply_detail", args=[reply.pk]),
        )
    return reply


@transaction.atomic
def reply_delete(*, reply: Reply, member: Member) -> None:
    """Delete a reply; only its author may (Reply.DoesNotExist for anyone else).

    Nobody sees it again, and if it had helped it no longer counts as help given.
    """
    reply = Reply.objects.select_for_update().get(pk=reply.pk, author=member)
    had_helped = reply.helped
    reply.delete()
    if had_helped:
        help_given_changed.send(sender=Reply, member=member)


def _reply_to_own_post(reply: Reply, member: Member) -> Reply:
    """The reply's row, locked, if it answers a published post of `member`'s and its author
    is still here; Reply.DoesNotExist otherwise (to anyone else it is not theirs to mark)."""
    return (
        Reply.objects.select_for_update(of=("self",))
        .select_related("post", "author")
        .exclude(author__status=Member.Status.LEFT)
        .get(pk=reply.pk, post__author=member, post__state=Post.State.PUBLISHED)
    )


@transaction.atomic
def reply_mark_helped(*, reply: Reply, member: Member, refresh: bool = True) -> Reply:
    """The post's author says a reply helped: its author is told, and it counts as their
    having helped with what the post is about. Marking it again changes nothing.

    Only the post's author may (Reply.DoesNotExist for anyone else); not on their own
    reply. `refresh=False` asks for no "who could help" refresh (the demo seed).
    """
    reply = _reply_to_own_post(reply, member)
    if reply.author_id == member.pk:
        raise ValidationError("This is your own reply: only someone else's can help you.")
    if reply.helped:
        return reply
    reply.helped_at = timezone.now()
    reply.save(update_fields=["helped_at"])
    notify(
        member=reply.author,
        kind=Notification.Kind.REPLY_HELPED,
        text=(
            f"{member.display_name} said your reply to {_post_words(reply.post)} helped. "
            "It now counts as help you have given."
        ),
        url=reverse("community:reply_detail", args=[reply.pk]),
    )
    if refresh:
        help_given_changed.send(sender=Reply, member=reply.author)
    return reply


@transaction.atomic
def reply_unmark_helped(*, reply: Reply, member: Member) -> Reply:
    """Take back "this helped" (only the post's author may; Reply.DoesNotExist otherwise).

    It no longer counts as help given; nobody is told (the earlier notification stays).
    """
    reply = _reply_to_own_post(reply, member)
    if not reply.helped:
        return reply
    reply.helped_at = None
    reply.save(update_fields=["helped_at"])
    help_given_changed.send(sender=Reply, member=reply.author)
    return reply
