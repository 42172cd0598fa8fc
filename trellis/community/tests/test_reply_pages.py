"""Replies on a post's page: writing one, reading them page by page, deleting one's own,
and the post's author marking the one that helped."""

import pytest
from django.urls import reverse

from trellis.community import services
from trellis.community.models import MAX_REPLY, Reply
from trellis.community.selectors import REPLIES_PER_PAGE
from trellis.community.tests.conftest import snapshot
from trellis.people.services import member_update


def page_of(post, page: int | None = None) -> str:
    url = reverse("home:post_detail", args=[post.pk])
    return f"{url}?page={page}" if page else url


def reply_to(post) -> str:
    return reverse("community:reply_new", args=[post.pk])


def delete_of(reply) -> str:
    return reverse("community:reply_delete", args=[reply.pk])


def helped_of(reply) -> str:
    return reverse("community:reply_helped", args=[reply.pk])


def replies(post, author, many: int) -> list[Reply]:
    return [
        services.reply_create(post=post, author=author, body=f"Reply number {n}")
        for n in range(1, many + 1)
    ]


def test_a_member_replies_and_sees_their_reply_on_the_post(client, post, ben):
    client.force_login(ben.user)

    response = client.post(
        reply_to(post), {"body": "We use [surge upgrades](https://example.org/surge)."}
    )

    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response.url == f"{page_of(post)}#reply-{reply.pk}"
    content = client.get(page_of(post)).content.decode()
    assert f'id="reply-{reply.pk}"' in content
    assert '<a href="https://example.org/surge" rel="nofollow noopener">surge upgrades</a>' in (
        content
    )


def test_a_script_in_a_reply_is_shown_as_text(client, post, ben, ana):
    body = '<script>alert("x")</script> [a](javascript:x)'
    services.reply_create(post=post, author=ben, body=body)
    client.force_login(ana.user)

    content = client.get(page_of(post)).content.decode()

    assert '<script>alert("x")</script>' not in content
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in content
    assert 'href="javascript:x"' not in content


def test_a_reply_over_the_limit_says_why_keeps_the_words_and_writes_nothing(client, post, ben):
    client.force_login(ben.user)
    before = snapshot()
    words = "x" * (MAX_REPLY + 1)

    response = client.post(reply_to(post), {"body": words})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Keep a reply under 2000 characters; this one has 2001." in content
    assert '<label for="id_body">Your reply</label>' in content
    assert words in content
    assert snapshot() == before


def test_an_empty_reply_says_why_and_writes_nothing(client, post, ben):
    client.force_login(ben.user)

    response = client.post(reply_to(post), {"body": "   "})

    assert response.status_code == 400
    assert "Write something before replying" in response.content.decode()
    assert not Reply.objects.exists()


def test_nobody_replies_to_a_deleted_post(client, post, ana, ben):
    services.post_delete(post=post, member=ana)
    client.force_login(ben.user)

    assert client.post(reply_to(post), {"body": "Hello"}).status_code == 404
    assert not Reply.objects.exists()


def test_an_operator_without_a_profile_cannot_reply(client, post, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.post(reply_to(post), {"body": "Hello"}).status_code == 404
    assert "reply-form" not in client.get(page_of(post)).content.decode()


def test_a_get_on_an_action_url_is_not_allowed(client, post, ben):
    reply = services.reply_create(post=post, author=ben, body="Hi")
    client.force_login(ben.user)

    for url in (reply_to(post), delete_of(reply), helped_of(reply)):
        assert client.get(url).status_code == 405


def test_with_no_reply_a_reader_is_asked_what_we_are_missing(client, post, ana, ben):
    client.force_login(ben.user)
    assert "What are we missing?" in client.get(page_of(post)).content.decode()

    client.force_login(ana.user)
    content = client.get(page_of(post)).content.decode()
    assert "Nobody has replied yet. When someone does, you will be told" in content
    assert "No replies" not in content


def test_replies_run_oldest_first_a_page_at_a_time(client, post, ana, ben):
    written = replies(post, ben, REPLIES_PER_PAGE + 2)
    client.force_login(ana.user)

    first = client.get(page_of(post)).context["replies"]
    second = client.get(page_of(post, 2)).context["replies"]

    assert list(first.object_list) == written[:REPLIES_PER_PAGE]
    assert list(second.object_list) == written[REPLIES_PER_PAGE:]


def test_a_replys_address_leads_to_its_page_of_the_post(client, post, ana, ben):
    written = replies(post, ben, REPLIES_PER_PAGE + 1)
    client.force_login(ana.user)

    response = client.get(reverse("community:reply_detail", args=[written[-1].pk]))

    assert response.url == f"{page_of(post, 2)}#reply-{written[-1].pk}"


@pytest.mark.parametrize("many", [1, REPLIES_PER_PAGE + 5])
def test_the_post_page_costs_the_same_queries_whatever_the_number_of_replies(
    client, post, ana, ben, many, django_assert_num_queries
):
    replies(post, ben, many)
    services.reply_mark_helped(reply=Reply.objects.first(), member=ana)
    client.force_login(ana.user)
    client.get(page_of(post))  # the first view asks for who could help, once

    # session, user, member (layout), unread count, the post, its topics, who could help
    # (the list and its helpers), the replies' count and page (with their authors)
    with django_assert_num_queries(10):
        response = client.get(page_of(post))

    assert len(response.context["replies"].object_list) == min(many, REPLIES_PER_PAGE)


def test_only_the_replys_author_is_offered_to_delete_it_with_a_confirmation(
    client, post, ana, ben, organiser
):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    for someone_else in (ana, organiser):
        client.force_login(someone_else.user)
        assert delete_of(reply) not in client.get(page_of(post)).content.decode()

    client.force_login(ben.user)
    content = client.get(page_of(post)).content.decode()
    assert f'action="{delete_of(reply)}"' in content
    assert 'data-confirm="Delete your reply? Nobody will be able to read it again."' in content


def test_nobody_but_the_replys_author_can_delete_it(client, post, ana, ben, organiser):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    for someone_else in (ana, organiser):
        client.force_login(someone_else.user)
        assert client.post(delete_of(reply)).status_code == 404
    assert Reply.objects.filter(pk=reply.pk).exists()

    client.force_login(ben.user)
    response = client.post(delete_of(reply), follow=True)
    assert "Reply deleted. Nobody can see it now." in response.content.decode()
    assert not Reply.objects.exists()


def test_the_posts_author_marks_a_reply_helped_and_takes_it_back(client, post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")
    client.force_login(ana.user)
    assert ">This helped</button>" in client.get(page_of(post)).content.decode()

    response = client.post(helped_of(reply), follow=True)

    content = response.content.decode()
    assert "Marked as helpful. Ben Okafor has been told." in content
    assert "This helped Ana Lima" in content
    assert Reply.objects.get().helped

    response = client.post(helped_of(reply), {"helped": "no"}, follow=True)
    assert "Taken back" in response.content.decode()
    assert not Reply.objects.get().helped


def test_nobody_but_the_posts_author_is_offered_or_may_mark_a_reply(
    client, post, ben, carla, organiser
):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    for someone_else in (ben, carla, organiser):
        client.force_login(someone_else.user)
        assert helped_of(reply) not in client.get(page_of(post)).content.decode()
        assert client.post(helped_of(reply)).status_code == 404
    assert not Reply.objects.get().helped


def test_replies_by_someone_who_left_are_no_longer_shown(client, post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")
    member_update(member=ben, status="left")
    client.force_login(ana.user)

    assert f'id="reply-{reply.pk}"' not in client.get(page_of(post)).content.decode()
    assert client.get(reverse("community:reply_detail", args=[reply.pk])).status_code == 404
