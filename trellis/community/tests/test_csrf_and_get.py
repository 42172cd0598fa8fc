"""Every change to posts and follows needs a POST with a CSRF token; no GET changes data."""

from django.test import Client
from django.urls import reverse

from trellis.community.tests import conftest
from trellis.connections.models import Intro


def snapshot() -> list:
    """The community tables, and intros (one of the changes sends one from a post)."""
    return [*conftest.snapshot(), list(Intro.objects.order_by("pk").values())]


def changes(post, ana) -> list[tuple[str, dict]]:
    return [
        (reverse("community:post_new"), {"title": "New", "body": "Kubernetes"}),
        (reverse("community:post_edit", args=[post.pk]), {"body": "Edited"}),
        (reverse("community:post_delete", args=[post.pk]), {}),
        (reverse("community:topic_follow", args=["kubernetes"]), {}),
        (reverse("community:topic_unfollow", args=["kubernetes"]), {}),
        (
            reverse("home:compose", args=[ana.pk]),
            {"message": "x", "action": "send", "post": post.pk},
        ),
    ]


def test_every_change_without_a_csrf_token_is_refused(post, ana, ben):
    client = Client(enforce_csrf_checks=True)
    for member in (ana, ben):
        client.force_login(member.user)
        before = snapshot()

        for url, data in changes(post, ana):
            assert client.post(url, data).status_code == 403, url

        assert snapshot() == before


def test_no_get_changes_anything(client, post, ana, ben):
    gets = [
        reverse("community:post_new"),
        reverse("home:post_detail", args=[post.pk]),
        reverse("community:post_edit", args=[post.pk]),
        reverse("community:member_posts", args=[ana.pk]),
        reverse("home:topic_detail", args=["kubernetes"]),
        f"{reverse('home:compose', args=[ana.pk])}?post={post.pk}",
        reverse("home:profile", args=[ana.pk]),
    ]
    gets += [url for url, _ in changes(post, ana)]  # POST-only ones answer 405
    client.force_login(ana.user)
    before = snapshot()

    for url in gets:
        assert client.get(url).status_code in (200, 405), url

    assert snapshot() == before
