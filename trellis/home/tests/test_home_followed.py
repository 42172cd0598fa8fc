"""The home page's "Topics you follow": the newest posts by others on them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.community import services
from trellis.matching.models import HelperList, RecommendationRefresh
from trellis.people.models import Topic

HOME = reverse("home:home")


def follow(member, *slugs):
    for slug in slugs:
        services.topic_follow(member=member, topic=Topic.objects.get(slug=slug))


def fresh_recommendations(member):
    """Recommendations and who could help already computed, so the home page queues nothing."""
    later = timezone.now() + timezone.timedelta(hours=1)
    RecommendationRefresh.objects.update_or_create(member=member, defaults={"refreshed_at": later})
    HelperList.objects.update_or_create(
        member=member, defaults={"about": HelperList.About.MEMBER, "computed_at": later}
    )


def test_home_shows_newest_posts_by_others_on_the_topics_followed(client, post, ana, ben):
    mine = services.post_create(author=ben, title="Ben on k8s", body="Kubernetes for designers")
    follow(ben, "kubernetes")
    client.force_login(ben.user)

    response = client.get(HOME)

    assert [p.pk for p in response.context["followed_posts"]] == [post.pk]
    content = response.content.decode()
    assert "Making Kubernetes upgrades boring" in content
    assert mine.title not in content  # one's own posts are on one's profile
    assert reverse("home:topic_detail", args=["kubernetes"]) in content


def test_posts_on_topics_not_followed_or_deleted_are_not_shown(client, ana, ben):
    services.post_create(author=ana, title="Terraform drift", body="Terraform state")
    gone = services.post_create(author=ana, title="Gone", body="Kubernetes")
    services.post_delete(post=gone, member=ana)
    follow(ben, "kubernetes")
    client.force_login(ben.user)

    response = client.get(HOME)

    assert response.context["followed_posts"] == []
    assert "No posts on them yet." in response.content.decode()


def test_a_post_on_two_followed_topics_shows_once(client, ana, ben):
    services.post_create(author=ana, title="Both", body="Kubernetes and Terraform")
    follow(ben, "kubernetes", "terraform")
    client.force_login(ben.user)

    assert len(client.get(HOME).context["followed_posts"]) == 1


def test_a_member_following_nothing_is_pointed_at_their_own_topics(ana_client):
    content = ana_client.get(HOME).content.decode()

    assert "Follow a topic from its page" in content
    assert reverse("home:topic_detail", args=["kubernetes"]) in content


@pytest.mark.parametrize("many", [1, 6])
def test_the_home_page_costs_the_same_queries_whatever_is_followed(
    client, make_member, ben, many, django_assert_num_queries
):
    slugs = [
        "kubernetes",
        "terraform",
        "go-programming",
        "on-call",
        "incident-response",
        "postmortems",
    ]
    for n in range(many):
        author = make_member(working_on="Kubernetes")
        services.post_create(
            author=author, title=f"Post {n}", body=f"Notes on {slugs[n].replace('-', ' ')}"
        )
        follow(ben, slugs[n])
    fresh_recommendations(ben)
    client.force_login(ben.user)

    # The page without follows costs 15 (open initiatives that might fit is one, who
    # could help two, what waits on the member four); the topics followed, their posts
    # and the posts' topics add one query each.
    with django_assert_num_queries(18):
        response = client.get(HOME)

    assert len(response.context["followed_topics"]) == many
    assert len(response.context["followed_posts"]) == min(many, 5)
