"""A topic's page gathers people and posts; members follow it there (htmx or plain POST)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.community import services
from trellis.community.models import TopicFollow
from trellis.matching.models import HelperList
from trellis.people.models import Topic
from trellis.people.services import member_update

KUBERNETES = reverse("home:topic_detail", args=["kubernetes"])
FOLLOW = reverse("community:topic_follow", args=["kubernetes"])
UNFOLLOW = reverse("community:topic_unfollow", args=["kubernetes"])


def test_the_topic_page_gathers_the_people_who_name_it_and_posts_on_it(client, post, ana, ben):
    # Ana works on Kubernetes upgrades; Ben is learning "k8s".
    client.force_login(ben.user)

    response = client.get(KUBERNETES)

    content = response.content.decode()
    assert "<h1>Kubernetes</h1>" in content
    assert [m.display_name for m in response.context["people"]] == ["Ana Lima", "Ben Okafor"]
    assert "2 people name Kubernetes on their profile." in content
    assert [p.pk for p in response.context["posts"]] == [post.pk]
    assert post.get_absolute_url() in content


def test_people_who_left_and_deleted_posts_are_not_on_the_topic_page(client, post, ana, ben):
    services.post_delete(post=post, member=ana)
    member_update(member=ana, status="left")
    client.force_login(ben.user)

    response = client.get(KUBERNETES)

    assert [m.display_name for m in response.context["people"]] == ["Ben Okafor"]
    assert response.context["posts"] == []
    assert "No posts on Kubernetes yet." in response.content.decode()


def test_many_people_naming_a_topic_are_counted_up_to_a_cap_and_listed_by_name(
    client, make_member, ben, monkeypatch
):
    # Past the cap the page says "more than", and the list walks members in name order.
    monkeypatch.setattr("trellis.community.selectors.TOPIC_PEOPLE_COUNTED", 2)
    for name in ("Dee", "Cy", "Al"):
        make_member(name, working_on="Kubernetes")
    make_member("Bo", working_on="Kubernetes", status="left")
    make_member("Ed", working_on="Terraform")
    client.force_login(ben.user)

    response = client.get(KUBERNETES)

    content = response.content.decode()
    assert [m.display_name for m in response.context["people"]] == ["Al", "Ben Okafor", "Cy", "Dee"]
    assert "More than 2 people name Kubernetes on their profile." in content
    assert "See them all in the directory" in content


def test_a_topic_nobody_names_says_so(ana_client):
    content = ana_client.get(
        reverse("home:topic_detail", args=["rust-programming"])
    ).content.decode()

    assert "Nobody names Rust programming on their profile yet." in content


def test_an_unknown_topic_is_not_found(ana_client):
    assert ana_client.get(reverse("home:topic_detail", args=["no-such"])).status_code == 404
    assert ana_client.post(reverse("community:topic_follow", args=["no-such"])).status_code == 404


@pytest.mark.parametrize("many", [1, 12])
def test_the_topic_page_costs_the_same_queries_whatever_it_gathers(
    client, make_member, ben, many, django_assert_num_queries
):
    for n in range(many):
        author = make_member(working_on="Kubernetes upgrades", team=f"Team {n}")
        services.post_create(author=author, title=f"Post {n}", body="Kubernetes and Terraform")
    HelperList.objects.create(
        about="topic", topic=Topic.objects.get(slug="kubernetes"), computed_at=timezone.now()
    )
    client.force_login(ben.user)

    # session, user, member (layout), unread count, topic, people, their count, posts,
    # their topics, whether Ben follows it, open initiatives on it, who could help (two:
    # the list, nobody on it; see test_helper_pages for a list with people)
    with django_assert_num_queries(13):
        response = client.get(KUBERNETES)

    assert len(response.context["posts"]) == many


def test_a_member_follows_a_topic_with_a_plain_post(ana_client, ana):
    response = ana_client.post(FOLLOW, follow=True)

    assert response.redirect_chain == [(KUBERNETES, 302)]
    assert TopicFollow.objects.filter(member=ana, topic__slug="kubernetes").exists()
    content = response.content.decode()
    assert "You follow Kubernetes: its newest posts show on your home page." in content
    assert f'action="{UNFOLLOW}"' in content


def test_with_htmx_the_button_is_swapped_in_place(ana_client, ana):
    response = ana_client.post(FOLLOW, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<form id="follow-kubernetes"')
    assert f'hx-post="{UNFOLLOW}"' in content
    assert "Unfollow Kubernetes" in content
    assert "<html" not in content

    response = ana_client.post(UNFOLLOW, headers={"HX-Request": "true"})

    assert f'hx-post="{FOLLOW}"' in response.content.decode()
    assert not TopicFollow.objects.filter(member=ana).exists()


def test_the_topic_page_shows_follow_or_unfollow(ana_client, ana):
    assert f'hx-post="{FOLLOW}"' in ana_client.get(KUBERNETES).content.decode()

    services.topic_follow(member=ana, topic=Topic.objects.get(slug="kubernetes"))

    assert f'hx-post="{UNFOLLOW}"' in ana_client.get(KUBERNETES).content.decode()


def test_following_is_each_members_own(client, ana, ben):
    client.force_login(ben.user)
    client.post(FOLLOW)
    client.force_login(ana.user)

    client.post(UNFOLLOW)  # Ana was not following: nothing of Ben's changes

    assert list(TopicFollow.objects.values_list("member", flat=True)) == [ben.pk]
    assert f'hx-post="{FOLLOW}"' in client.get(KUBERNETES).content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_and_follow_nothing(client):
    response = client.post(FOLLOW)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not TopicFollow.objects.exists()


def test_a_login_without_a_profile_sees_the_topic_but_cannot_follow(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(KUBERNETES).status_code == 200
    assert "Follow Kubernetes" not in client.get(KUBERNETES).content.decode()
    assert client.post(FOLLOW).status_code == 404
    assert not TopicFollow.objects.exists()
