"""Following topics: once per member and topic, undone by unfollowing."""

import pytest
from django.db import IntegrityError

from trellis.community import services
from trellis.community.models import TopicFollow
from trellis.people.models import Topic


@pytest.fixture
def kubernetes(db) -> Topic:
    return Topic.objects.get(slug="kubernetes")


def test_a_member_follows_a_topic_once_however_often_they_ask(ana, kubernetes):
    first = services.topic_follow(member=ana, topic=kubernetes)
    again = services.topic_follow(member=ana, topic=kubernetes)

    assert first == again
    assert TopicFollow.objects.filter(member=ana).count() == 1


def test_the_database_refuses_a_second_follow_of_the_same_topic(ana, kubernetes):
    TopicFollow.objects.create(member=ana, topic=kubernetes)

    with pytest.raises(IntegrityError):
        TopicFollow.objects.create(member=ana, topic=kubernetes)


def test_unfollowing_removes_only_that_members_follow(ana, ben, kubernetes):
    services.topic_follow(member=ana, topic=kubernetes)
    services.topic_follow(member=ben, topic=kubernetes)

    assert services.topic_unfollow(member=ana, topic=kubernetes) is True
    assert services.topic_unfollow(member=ana, topic=kubernetes) is False
    assert list(TopicFollow.objects.values_list("member", flat=True)) == [ben.pk]
