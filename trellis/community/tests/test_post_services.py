"""Writing, editing and deleting posts: the author alone, with clear reasons, all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from trellis.community import services
from trellis.community.models import MAX_BODY, Post
from trellis.community.tests.conftest import KUBERNETES_POST, snapshot
from trellis.matching.models import HelperList, RecommendationRefresh
from trellis.people.services import member_update


def slugs(post: Post) -> set[str]:
    return set(post.topics.values_list("slug", flat=True))


def test_a_post_is_published_with_its_plain_text_and_the_topics_it_names(post, ana):
    assert post.state == Post.State.PUBLISHED
    assert post.author == ana
    assert post.body == KUBERNETES_POST
    assert post.text.startswith("Our k8s upgrades take a whole weekend.\nwe drain nodes")
    assert slugs(post) == {"kubernetes", "on-call"}


def test_topics_are_found_in_the_title_too(ana):
    post = services.post_create(author=ana, title="Terraform state", body="It keeps drifting.")

    assert "terraform" in slugs(post)


def test_the_title_is_optional_and_spaces_around_the_body_are_trimmed(ana):
    post = services.post_create(author=ana, body="  \n Kubernetes upgrades again.\n\n ")

    assert post.title == ""
    assert post.body == "Kubernetes upgrades again."


@pytest.mark.parametrize("body", ["", "   ", "\n\n\t", "---", "****", "[](https://example.org)"])
def test_an_empty_post_is_refused_and_nothing_is_written(ana, body):
    with pytest.raises(ValidationError) as refused:
        services.post_create(author=ana, title="A title alone", body=body)

    assert refused.value.message_dict == {
        "body": ["Write something before posting: what problem are you working on?"]
    }
    assert not Post.objects.exists()


def test_a_post_over_the_limit_is_refused_saying_by_how_much(ana):
    with pytest.raises(ValidationError) as refused:
        services.post_create(author=ana, body="x" * (MAX_BODY + 1))

    assert refused.value.message_dict["body"][0].startswith(
        "Keep a post under 5,000 characters; this one has 5,001."
    )
    assert not Post.objects.exists()


def test_a_post_of_exactly_the_limit_is_fine(ana):
    assert services.post_create(author=ana, body="x" * MAX_BODY).pk


def test_a_title_over_the_limit_is_refused(ana):
    with pytest.raises(ValidationError) as refused:
        services.post_create(author=ana, title="t" * 151, body="Kubernetes")

    assert "title" in refused.value.message_dict
    assert not Post.objects.exists()


def test_a_member_who_left_cannot_post(ana):
    member_update(member=ana, status="left")

    with pytest.raises(ValidationError, match="left the network"):
        services.post_create(author=ana, body="Kubernetes upgrades")
    assert not Post.objects.exists()


def test_the_author_edits_a_post_and_its_topics_follow_the_new_text(post, ana):
    edited = services.post_update(
        post=post, member=ana, title="", body="Now it is all about Terraform modules."
    )

    assert edited.body == "Now it is all about Terraform modules."
    assert slugs(edited) == {"terraform"}
    post.refresh_from_db()
    assert post.title == ""


def test_nobody_else_can_edit_a_post(post, ben):
    before = snapshot()

    with pytest.raises(Post.DoesNotExist):
        services.post_update(post=post, member=ben, body="Ben was here.")

    assert snapshot() == before


def test_an_edit_emptying_the_post_is_refused_and_the_post_is_kept(post, ana):
    before = snapshot()

    with pytest.raises(ValidationError):
        services.post_update(post=post, member=ana, title="x", body=" ")

    assert snapshot() == before


def test_the_author_deletes_a_post_and_nobody_can_change_it_afterwards(post, ana):
    services.post_delete(post=post, member=ana)

    post.refresh_from_db()
    assert post.state == Post.State.DELETED
    assert not post.topics.exists()
    with pytest.raises(Post.DoesNotExist):
        services.post_update(post=post, member=ana, body="Back again?")
    with pytest.raises(Post.DoesNotExist):
        services.post_delete(post=post, member=ana)


def test_nobody_else_can_delete_a_post(post, ben):
    before = snapshot()

    with pytest.raises(Post.DoesNotExist):
        services.post_delete(post=post, member=ben)

    assert snapshot() == before


def test_a_new_post_asks_for_fresh_recommendations_like_a_profile_change(
    ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        post = services.post_create(author=ana, body="Kubernetes upgrades")

    # Recommendations, who could help (Ana, and with the post), and which initiatives fit.
    assert len(queued) == 3
    assert RecommendationRefresh.objects.get(member=ana).requested_at is not None
    assert HelperList.objects.get(member=ana).requested_at is not None
    assert HelperList.objects.get(post=post).requested_at is not None


def test_editing_and_deleting_ask_again(post, ana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        services.post_update(post=post, member=ana, body="Terraform now.")
        services.post_delete(post=post, member=ana)

    assert len(queued) == 6  # recommendations, who could help and initiative fit, each time


def test_saving_an_unchanged_post_asks_for_nothing(post, ana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        services.post_update(post=post, member=ana, title=post.title, body=post.body)

    assert queued == []


def test_members_not_open_to_peer_learning_are_not_sent_looking(
    make_member, django_capture_on_commit_callbacks
):
    quiet = make_member(open_to_peer_learning=False)

    with django_capture_on_commit_callbacks() as queued:
        post = services.post_create(author=quiet, body="Kubernetes upgrades")

    # No recommendations: who could help (with the post, with their own work) and which
    # initiatives fit (still open to those).
    assert len(queued) == 2
    assert not RecommendationRefresh.objects.filter(member=quiet).exists()
    assert HelperList.objects.filter(post=post).exists()
