"""A post's page, writing and editing one, and a member's list of posts."""

import pytest
from django.urls import reverse

from trellis.community import services
from trellis.community.models import Post
from trellis.community.tests.conftest import snapshot
from trellis.people.services import member_update

NEW = reverse("community:post_new")


def page_of(post) -> str:
    return reverse("home:post_detail", args=[post.pk])


def edit_of(post) -> str:
    return reverse("community:post_edit", args=[post.pk])


def delete_of(post) -> str:
    return reverse("community:post_delete", args=[post.pk])


def posts_of(member) -> str:
    return reverse("community:member_posts", args=[member.pk])


def test_a_member_writes_a_post_and_is_told_where_it_shows(ana_client):
    response = ana_client.post(
        NEW, {"title": "Upgrades", "body": "Our **k8s** upgrades hurt."}, follow=True
    )

    post = Post.objects.get()
    assert response.redirect_chain == [(page_of(post), 302)]
    content = response.content.decode()
    assert "Posted. It shows on the topic page of Kubernetes." in content
    assert "Our <strong>k8s</strong> upgrades hurt." in content


def test_an_empty_post_shows_why_and_writes_nothing(ana_client):
    response = ana_client.post(NEW, {"title": "Only a title", "body": "   "})

    assert response.status_code == 200
    assert "Write something before posting" in response.content.decode()
    assert not Post.objects.exists()


def test_a_post_too_long_shows_why_and_writes_nothing(ana_client):
    response = ana_client.post(NEW, {"body": "x" * 5001})

    assert "Keep a post under 5000 characters; this one has 5001." in response.content.decode()
    assert not Post.objects.exists()


def test_the_post_page_shows_markdown_as_html_and_links_its_topics(client, post, ben):
    client.force_login(ben.user)

    content = client.get(page_of(post)).content.decode()

    assert '<h1 id="post-title">Making Kubernetes upgrades boring</h1>' in content
    assert "<strong>k8s upgrades</strong>" in content
    assert "<li>we drain nodes one by one</li>" in content
    assert reverse("home:topic_detail", args=["kubernetes"]) in content


def test_a_script_in_a_post_is_shown_as_text_on_its_page(client, ana, ben):
    post = services.post_create(author=ana, body='<script>alert("x")</script> [a](javascript:x)')
    client.force_login(ben.user)

    content = client.get(page_of(post)).content.decode()

    assert '<script>alert("x")</script>' not in content
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in content
    assert 'href="javascript:x"' not in content


def test_another_member_is_offered_to_introduce_themselves_from_the_post(client, post, ana, ben):
    client.force_login(ben.user)

    content = client.get(page_of(post)).content.decode()

    assert f"{reverse('home:compose', args=[ana.pk])}?post={post.pk}" in content
    assert "I saw your post about “Making Kubernetes upgrades boring”…" in content
    assert edit_of(post) not in content
    assert delete_of(post) not in content


def test_the_author_sees_edit_and_delete_and_no_intro_to_themselves(ana_client, post, ana):
    content = ana_client.get(page_of(post)).content.decode()

    assert edit_of(post) in content
    assert delete_of(post) in content
    assert reverse("home:compose", args=[ana.pk]) not in content


def test_the_author_edits_their_post(ana_client, post):
    form = ana_client.get(edit_of(post)).content.decode()
    assert "Making Kubernetes upgrades boring" in form

    response = ana_client.post(edit_of(post), {"title": "", "body": "Terraform drift now."})

    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body) == ("", "Terraform drift now.")


def test_another_member_cannot_open_edit_or_delete_a_post(client, post, ben):
    client.force_login(ben.user)
    before = snapshot()

    assert client.get(edit_of(post)).status_code == 404
    assert client.post(edit_of(post), {"body": "Ben was here."}).status_code == 404
    assert client.post(delete_of(post)).status_code == 404

    assert snapshot() == before


def test_the_author_deletes_a_post_and_then_nobody_finds_it(client, post, ana, ben):
    client.force_login(ana.user)
    response = client.post(delete_of(post))
    assert response.status_code == 302
    assert response.url == posts_of(ana)

    for member in (ana, ben):
        client.force_login(member.user)
        assert client.get(page_of(post)).status_code == 404
        assert client.get(edit_of(post)).status_code == 404
        assert "Making Kubernetes upgrades boring" not in client.get(posts_of(ana)).content.decode()


def test_a_post_that_does_not_exist_is_not_found(ana_client):
    assert ana_client.get(reverse("home:post_detail", args=[999999])).status_code == 404


def test_posts_of_someone_who_left_are_no_longer_shown(client, post, ana, ben):
    member_update(member=ana, status="left")
    client.force_login(ben.user)

    assert client.get(page_of(post)).status_code == 404
    assert client.get(posts_of(ana)).status_code == 404


def test_a_login_without_a_profile_may_read_posts_but_not_write_them(
    client, post, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(page_of(post)).status_code == 200
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, {"body": "Kubernetes"}).status_code == 404
    assert Post.objects.count() == 1


def test_the_profile_shows_the_members_newest_posts(client, post, ana, ben):
    client.force_login(ben.user)

    content = client.get(reverse("home:profile", args=[ana.pk])).content.decode()

    assert "Making Kubernetes upgrades boring" in content
    assert posts_of(ana) in content


def test_a_members_posts_are_listed_newest_first_without_deleted_ones(client, ana, ben):
    first = services.post_create(author=ana, title="First", body="Kubernetes")
    gone = services.post_create(author=ana, title="Gone", body="Terraform")
    services.post_create(author=ana, title="Second", body="Go")
    services.post_delete(post=gone, member=ana)
    client.force_login(ben.user)

    response = client.get(posts_of(ana))

    assert [p.title for p in response.context["page"].object_list] == ["Second", "First"]
    assert first.title in response.content.decode()


@pytest.mark.parametrize("many", [1, 15])
def test_the_post_list_costs_the_same_queries_whatever_its_length(
    client, ana, ben, many, django_assert_num_queries
):
    for n in range(many):
        services.post_create(author=ana, title=f"Post {n}", body="Kubernetes and Terraform")
    client.force_login(ben.user)

    # session, user, member (layout), unread count, author, count, posts, their topics
    with django_assert_num_queries(8):
        response = client.get(posts_of(ana))

    assert len(response.context["page"].object_list) == many


@pytest.mark.parametrize("many", [1, 15])
def test_a_profile_costs_the_same_queries_whatever_the_number_of_posts(
    client, ana, ben, many, django_assert_num_queries
):
    for n in range(many):
        services.post_create(author=ana, title=f"Post {n}", body="Kubernetes")
    client.force_login(ben.user)

    with django_assert_num_queries(12):  # PROFILE_QUERIES (11), and the posts' topics
        client.get(reverse("home:profile", args=[ana.pk]))
