"""Operators can list and open posts and follows in the admin, and change nothing there."""

import pytest
from django.urls import reverse

from trellis.community import services
from trellis.people.models import Topic


@pytest.fixture
def operator_client(client, make_member):
    operator = make_member("Opal Operator", email="opal@example.org")
    operator.user.is_staff = operator.user.is_superuser = True
    operator.user.save()
    client.force_login(operator.user)
    return client


def test_an_operator_lists_and_opens_posts_and_follows(operator_client, post, ben):
    follow = services.topic_follow(member=ben, topic=Topic.objects.get(slug="kubernetes"))

    assert operator_client.get(reverse("admin:community_post_changelist")).status_code == 200
    assert operator_client.get(reverse("admin:community_topicfollow_changelist")).status_code == 200
    opened = operator_client.get(reverse("admin:community_post_change", args=[post.pk]))
    assert opened.status_code == 200
    assert "Making Kubernetes upgrades boring" in opened.content.decode()
    assert (
        operator_client.get(
            reverse("admin:community_topicfollow_change", args=[follow.pk])
        ).status_code
        == 200
    )


def test_the_admin_cannot_add_or_change_posts(operator_client, post):
    assert operator_client.get(reverse("admin:community_post_add")).status_code == 403
    response = operator_client.post(
        reverse("admin:community_post_change", args=[post.pk]), {"body": "Changed"}
    )

    post.refresh_from_db()
    assert response.status_code == 403
    assert post.body != "Changed"
