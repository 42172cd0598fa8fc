"""community.bulk: posts and follows as post_create and topic_follow write them, dated back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.community import services
from trellis.community.bulk import (
    NewFollow,
    NewPost,
    backdated,
    posts_create,
    topic_follows_create,
)
from trellis.community.models import Post, TopicFollow
from trellis.community.tests.conftest import KUBERNETES_POST, snapshot
from trellis.people.models import Topic
from trellis.people.services import member_update

TITLE = "Making  Kubernetes upgrades boring "
COMPARED = ("title", "body", "text", "state")


def stored(post_id: int) -> tuple:
    post = Post.objects.get(pk=post_id)
    return (*(getattr(post, name) for name in COMPARED), set(post.topics.all()))


def test_a_post_reads_back_as_post_create_writes_one(ana, ben):
    made = services.post_create(author=ben, title=TITLE, body=f"\n{KUBERNETES_POST}\n")
    when = timezone.now() - timedelta(days=9)

    (pk,) = posts_create([NewPost(ana.pk, TITLE, f"\n{KUBERNETES_POST}\n", when)])

    assert stored(pk) == stored(made.pk)
    post = Post.objects.get(pk=pk)
    assert post.title == "Making Kubernetes upgrades boring" and post.topics.exists()
    assert post.created_at == post.updated_at == when and not post.is_edited


def test_posts_come_back_in_order(ana, ben):
    when = timezone.now()
    new = [
        NewPost(author.pk, f"Post {n}", "On **Go**.", when) for n, author in enumerate([ana, ben])
    ]

    ids = posts_create(new)

    assert [Post.objects.get(pk=pk).title for pk in ids] == ["Post 0", "Post 1"]


@pytest.mark.parametrize(
    ("title", "body"),
    [("", "---"), ("", "   "), ("x" * 151, "Go"), ("", "x" * 5001)],
    ids=["only markup", "blank", "long title", "long body"],
)
def test_it_refuses_what_post_create_refuses_and_writes_nothing(ana, title, body):
    before = snapshot()
    good = NewPost(ana.pk, "", "Go upgrades", timezone.now())

    with pytest.raises(ValidationError, match="Post 1"):
        posts_create([good, NewPost(ana.pk, title, body, timezone.now())])

    assert snapshot() == before


def test_it_refuses_a_post_by_someone_who_left_and_writes_nothing(ana, ben):
    member_update(member=ben, status="left")
    member_update(member=ana, status="paused")  # paused members may still post
    before = snapshot()

    with pytest.raises(ValidationError, match="Post 1: its author has left"):
        posts_create(
            [NewPost(ana.pk, "", "Go", timezone.now()), NewPost(ben.pk, "", "Go", timezone.now())]
        )

    assert snapshot() == before


def test_follows_read_back_as_topic_follow_writes_them(ana, ben):
    topic = Topic.objects.get(slug="kubernetes")
    made = services.topic_follow(member=ben, topic=topic)
    since = timezone.now() - timedelta(days=30)

    assert topic_follows_create([NewFollow(ana.pk, topic.pk, since)]) == 1

    follow = TopicFollow.objects.get(member=ana)
    assert (follow.topic, follow.created_at) == (made.topic, since)


def test_it_refuses_to_follow_a_topic_twice_and_writes_nothing(ana):
    topic, now = Topic.objects.get(slug="kubernetes"), timezone.now()

    with pytest.raises(ValidationError, match="twice"):
        topic_follows_create([NewFollow(ana.pk, topic.pk, now), NewFollow(ana.pk, topic.pk, now)])

    assert not TopicFollow.objects.exists()


def test_what_the_services_write_in_a_backdated_block_was_written_then(ana, post):
    then = timezone.now() - timedelta(days=11)

    with backdated(then):
        later = services.post_create(author=ana, body="Go upgrades", refresh=False)

    later.refresh_from_db()
    post.refresh_from_db()
    assert later.created_at == later.updated_at == then
    assert post.created_at > then
