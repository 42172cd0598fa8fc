"""Posts for these tests: Ana and Ben come from the root conftest."""

from __future__ import annotations

import pytest

from trellis.community import services
from trellis.community.models import Post, Reply, TopicFollow

KUBERNETES_POST = (
    "Our **k8s upgrades** take a whole weekend.\n\n"
    "- we drain nodes one by one\n"
    "- whoever is on call gets paged all weekend\n\n"
    "Has anyone made upgrades boring?"
)


@pytest.fixture
def post(ana) -> Post:
    """Ana's post about Kubernetes upgrades."""
    return services.post_create(
        author=ana, title="Making Kubernetes upgrades boring", body=KUBERNETES_POST
    )


def snapshot() -> list:
    """Every row of the community tables (and posts' topic links), as stored."""
    return [
        list(Post.objects.order_by("pk").values()),
        list(Post.topics.through.objects.order_by("pk").values()),
        list(TopicFollow.objects.order_by("pk").values()),
        list(Reply.objects.order_by("pk").values()),
    ]
