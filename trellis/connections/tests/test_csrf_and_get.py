"""Every state change needs a POST with a CSRF token; no GET ever changes data."""

import pytest
from django.test import Client
from django.urls import reverse

from trellis.connections import services
from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.connections.tests.conftest import GROUNDED, record
from trellis.notifications.models import Notification, NotificationPreference


def snapshot() -> list:
    """Every row of every connections table, as stored."""
    models = (Intro, Relationship, Exchange, Reflection, Notification, NotificationPreference)
    return [list(model.objects.order_by("pk").values()) for model in models]


@pytest.fixture
def world(ana, ben, carla):
    """Ben's intro to Ana, waiting; Ana and Carla connected, with an exchange and a reflection."""
    waiting = services.intro_send(sender=ben, recipient=ana, message=GROUNDED)
    relationship = services.intro_accept(
        intro=services.intro_send(sender=carla, recipient=ana, message=GROUNDED), member=ana
    )
    exchange = record(relationship, ana, shared="Checklist")
    reflection = services.reflection_write(author=ana, body="Mine.", exchange=exchange)
    notification = Notification.objects.filter(recipient=ana).first()
    return {
        "intro": waiting,
        "relationship": relationship,
        "exchange": exchange,
        "reflection": reflection,
        "notification": notification,
        "ben": ben,
    }


def posts(world) -> list[tuple[str, dict]]:
    intro, relationship = world["intro"].pk, world["relationship"].pk
    return [
        (
            reverse("home:compose", args=[world["ben"].pk]),
            {"message": "x", "action": "send"},
        ),
        (reverse("connections:intro_accept", args=[intro]), {}),
        (reverse("connections:intro_decline", args=[intro]), {"reason": "x"}),
        (reverse("connections:intro_withdraw", args=[intro]), {}),
        (reverse("connections:exchange_new", args=[relationship]), {"what_i_shared": "x"}),
        (reverse("connections:relationship_close", args=[relationship]), {"reason": "x"}),
        (reverse("connections:reflection_new"), {"body": "x"}),
        (reverse("connections:reflection_detail", args=[world["reflection"].pk]), {"body": "x"}),
        (reverse("connections:reflection_delete", args=[world["reflection"].pk]), {}),
        (reverse("notifications:notification_read", args=[world["notification"].pk]), {}),
        (reverse("notifications:notifications_read_all"), {}),
        (reverse("notifications:preferences"), {}),
    ]


def test_every_state_change_without_a_csrf_token_is_refused(world, ana):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana.user)
    before = snapshot()

    for url, data in posts(world):
        assert client.post(url, data).status_code == 403, url

    assert snapshot() == before


def test_no_get_changes_anything(client, world, ana, ben):
    gets = [
        reverse("connections:intro_list"),
        reverse("home:compose", args=[ben.pk]),
        reverse("connections:intro_detail", args=[world["intro"].pk]),
        reverse("connections:relationship_list"),
        reverse("connections:relationship_detail", args=[world["relationship"].pk]),
        reverse("connections:reciprocity"),
        reverse("connections:reflection_list"),
        f"{reverse('connections:reflection_new')}?exchange={world['exchange'].pk}",
        reverse("connections:reflection_detail", args=[world["reflection"].pk]),
        reverse("connections:reflection_export", args=["json"]),
        reverse("connections:reflection_export", args=["md"]),
        reverse("notifications:notification_list"),
        reverse("notifications:preferences"),
    ]
    gets += [url for url, _ in posts(world)]  # POST-only: 405, and nothing happens
    client.force_login(ana.user)
    before = snapshot()

    for url in gets:
        assert client.get(url).status_code in (200, 405), url

    assert snapshot() == before
