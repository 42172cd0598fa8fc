"""A notification is read once its member acts on what it told them: answering the intro,
opening the relationship (its page posts that it was seen: a GET writes nothing). Nobody
else's notifications change."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED
from trellis.notifications.models import Notification


@pytest.fixture
def sent_intro(ana, ben) -> Intro:
    """Ana's intro to Ben, waiting for his answer (Ben was told)."""
    return connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)


def unread(member) -> list[str]:
    return list(
        Notification.objects.filter(recipient=member, read_at__isnull=True).values_list(
            "kind", flat=True
        )
    )


def test_accepting_an_intro_marks_its_notification_read(sent_intro, ben):
    assert unread(ben) == [Notification.Kind.INTRO_RECEIVED]

    connections.intro_accept(intro=sent_intro, member=ben)

    assert unread(ben) == []


def test_declining_an_intro_marks_its_notification_read(sent_intro, ben):
    connections.intro_decline(intro=sent_intro, member=ben)

    assert unread(ben) == []


def test_answering_one_intro_leaves_the_others_new(sent_intro, ben, carla):
    connections.intro_send(sender=carla, recipient=ben, message=GROUNDED)

    connections.intro_accept(intro=sent_intro, member=ben)

    assert unread(ben) == [Notification.Kind.INTRO_RECEIVED]  # Carla's, still new


def test_opening_the_relationship_marks_its_notifications_read_for_that_member_only(
    client, sent_intro, ana, ben, carla
):
    relationship = connections.intro_accept(intro=sent_intro, member=ben)
    connections.intro_send(sender=carla, recipient=ana, message=GROUNDED)
    assert Notification.Kind.INTRO_ACCEPTED in unread(ana)
    client.force_login(ana.user)
    seen = reverse("connections:relationship_seen", args=[relationship.pk])

    page = client.get(reverse("connections:relationship_detail", args=[relationship.pk]))

    # The GET writes nothing; the page, once loaded, posts that it was seen.
    assert Notification.Kind.INTRO_ACCEPTED in unread(ana)
    assert f'hx-post="{seen}" hx-trigger="load"' in page.content.decode()
    assert client.post(seen).status_code == 204
    assert unread(ana) == [Notification.Kind.INTRO_RECEIVED]  # Carla's intro, still new


def test_a_relationship_page_with_nothing_new_posts_nothing(client, sent_intro, ana, ben):
    relationship = connections.intro_accept(intro=sent_intro, member=ben)
    Notification.objects.update(read_at=timezone.now())
    client.force_login(ana.user)

    page = client.get(reverse("connections:relationship_detail", args=[relationship.pk]))

    seen = reverse("connections:relationship_seen", args=[relationship.pk])
    assert seen not in page.content.decode()


def test_someone_outside_the_relationship_marks_nothing_read(client, sent_intro, ana, ben, carla):
    relationship = connections.intro_accept(intro=sent_intro, member=ben)
    client.force_login(carla.user)

    response = client.get(reverse("connections:relationship_detail", args=[relationship.pk]))
    seen = client.post(reverse("connections:relationship_seen", args=[relationship.pk]))

    assert response.status_code == 404
    assert seen.status_code == 404
    assert unread(ana) == [Notification.Kind.INTRO_ACCEPTED]


def test_the_list_shows_each_notification_with_its_date_beside_it(client, sent_intro, ben):
    client.force_login(ben.user)

    content = client.get(reverse("notifications:notification_list")).content.decode()

    assert '<form method="post" action=' in content and 'class="notification-text"' in content
    assert "<time" in content and 'datetime="' in content
    assert ">New</span>" in content
