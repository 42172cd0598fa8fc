"""A notification is read once its member acts on what it told them: answering the intro,
opening the relationship. Nobody else's notifications change."""

import pytest
from django.urls import reverse

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

    client.get(reverse("connections:relationship_detail", args=[relationship.pk]))

    assert unread(ana) == [Notification.Kind.INTRO_RECEIVED]  # Carla's intro, still new


def test_someone_outside_the_relationship_marks_nothing_read(client, sent_intro, ana, ben, carla):
    relationship = connections.intro_accept(intro=sent_intro, member=ben)
    client.force_login(carla.user)

    response = client.get(reverse("connections:relationship_detail", args=[relationship.pk]))

    assert response.status_code == 404
    assert unread(ana) == [Notification.Kind.INTRO_ACCEPTED]


def test_the_list_shows_each_notification_with_its_date_beside_it(client, sent_intro, ben):
    client.force_login(ben.user)

    content = client.get(reverse("notifications:notification_list")).content.decode()

    assert '<form method="post" action=' in content and 'class="notification-text"' in content
    assert "<time" in content and 'datetime="' in content
    assert ">New</span>" in content
