"""Replying to a post, deleting a reply, and the post's author saying a reply helped."""

import pytest
from django.core.exceptions import ValidationError

from trellis.community import services
from trellis.community.models import MAX_REPLY, Post, Reply
from trellis.community.tests.conftest import snapshot
from trellis.notifications.models import Notification
from trellis.notifications.services import notification_preferences_set
from trellis.people.services import member_update

KIND = Notification.Kind


def test_a_member_replies_and_the_posts_author_is_told(post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="We use **surge** upgrades.")

    assert (reply.post, reply.author, reply.text) == (post, ben, "We use surge upgrades.")
    told = Notification.objects.get(recipient=ana, kind=KIND.REPLY_RECEIVED)
    assert told.text == "Ben Okafor replied to your post “Making Kubernetes upgrades boring”."
    assert told.url == f"/replies/{reply.pk}/"


def test_replying_to_ones_own_post_tells_nobody(post, ana):
    services.reply_create(post=post, author=ana, body="Update: we tried surge upgrades.")

    assert not Notification.objects.exists()


def test_a_reply_over_the_limit_names_the_body_and_writes_nothing(post, ben):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.reply_create(post=post, author=ben, body="x" * (MAX_REPLY + 1))

    assert error.value.message_dict["body"] == [
        "Keep a reply under 2,000 characters; this one has 2,001. "
        "Say the rest in a post of your own and link to it."
    ]
    assert snapshot() == before
    assert not Notification.objects.exists()


def test_a_reply_of_only_markup_names_the_body_and_writes_nothing(post, ben):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.reply_create(post=post, author=ben, body="  ---  ")

    assert "Write something before replying" in error.value.message_dict["body"][0]
    assert snapshot() == before


def test_a_reply_at_the_limit_is_kept(post, ben):
    reply = services.reply_create(post=post, author=ben, body="y" * MAX_REPLY)

    assert len(reply.body) == MAX_REPLY


def test_nobody_replies_to_a_deleted_post(post, ana, ben):
    services.post_delete(post=post, member=ana)

    with pytest.raises(Post.DoesNotExist):
        services.reply_create(post=post, author=ben, body="Too late?")
    assert not Reply.objects.exists()


def test_a_member_who_left_cannot_reply(post, ben):
    member_update(member=ben, status="left")

    with pytest.raises(ValidationError):
        services.reply_create(post=post, author=ben, body="Hello")
    assert not Reply.objects.exists()


def test_only_the_replys_author_may_delete_it(post, ana, ben, organiser):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    for someone_else in (ana, organiser):
        with pytest.raises(Reply.DoesNotExist):
            services.reply_delete(reply=reply, member=someone_else)
    assert Reply.objects.filter(pk=reply.pk).exists()

    services.reply_delete(reply=reply, member=ben)
    assert not Reply.objects.exists()


def test_the_posts_author_marks_a_reply_helped_and_its_author_is_told_in_app_and_by_email(
    post, ana, ben, mailoutbox, django_capture_on_commit_callbacks
):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    with django_capture_on_commit_callbacks(execute=True):
        marked = services.reply_mark_helped(reply=reply, member=ana)

    assert marked.helped
    told = Notification.objects.get(recipient=ben, kind=KIND.REPLY_HELPED)
    assert told.text.startswith(
        "Ana Lima said your reply to “Making Kubernetes upgrades boring” helped."
    )
    assert told.url == f"/replies/{reply.pk}/"
    assert [message.to for message in mailoutbox] == [["ben@example.org"]]
    assert "Ana Lima said your reply" in mailoutbox[0].subject


def test_the_replier_who_turned_the_email_off_is_told_in_the_app_only(
    post, ana, ben, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preferences_set(member=ben, choices={KIND.REPLY_HELPED: (True, False)})
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    with django_capture_on_commit_callbacks(execute=True):
        services.reply_mark_helped(reply=reply, member=ana)

    assert Notification.objects.filter(recipient=ben, kind=KIND.REPLY_HELPED).exists()
    assert mailoutbox == []


def test_marking_twice_tells_the_replier_once(post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    services.reply_mark_helped(reply=reply, member=ana)
    services.reply_mark_helped(reply=reply, member=ana)

    assert Notification.objects.filter(recipient=ben, kind=KIND.REPLY_HELPED).count() == 1


def test_nobody_but_the_posts_author_may_mark_or_unmark_a_reply(post, ana, ben, carla, organiser):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    for someone_else in (ben, carla, organiser):
        with pytest.raises(Reply.DoesNotExist):
            services.reply_mark_helped(reply=reply, member=someone_else)
    assert not Reply.objects.get(pk=reply.pk).helped

    services.reply_mark_helped(reply=reply, member=ana)
    for someone_else in (ben, carla, organiser):
        with pytest.raises(Reply.DoesNotExist):
            services.reply_unmark_helped(reply=reply, member=someone_else)
    assert Reply.objects.get(pk=reply.pk).helped


def test_the_posts_author_cannot_mark_their_own_reply(post, ana):
    reply = services.reply_create(post=post, author=ana, body="Update: it worked.")

    with pytest.raises(ValidationError):
        services.reply_mark_helped(reply=reply, member=ana)
    assert not Reply.objects.get(pk=reply.pk).helped


def test_the_posts_author_takes_back_this_helped(post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")
    services.reply_mark_helped(reply=reply, member=ana)

    unmarked = services.reply_unmark_helped(reply=reply, member=ana)

    assert not unmarked.helped
    assert Reply.objects.get(pk=reply.pk).helped_at is None
