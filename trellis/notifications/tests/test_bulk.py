"""notifications.bulk: in-app notifications as notify writes them, dated when sent and read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.notifications import services
from trellis.notifications.bulk import NewNotification, backdated, notifications_create
from trellis.notifications.models import Notification
from trellis.people.services import member_update

KIND = Notification.Kind.FOLLOW_UP
TEXT = "Time to follow up with Ben."
URL = "/relationships/1/"


def test_a_notification_reads_back_as_notify_writes_one_in_the_app(ana, ben, mailoutbox):
    with services.notifications_in_app_only():
        made = services.notify(member=ben, kind=KIND, text=TEXT, url=URL)
    sent = timezone.now() - timedelta(days=3)
    read = sent + timedelta(hours=20)

    written = notifications_create([NewNotification(ana.pk, KIND, TEXT, URL, sent, read)])

    assert written == 1
    mine = Notification.objects.get(recipient=ana)
    assert (mine.kind, mine.text, mine.url) == (made.kind, made.text, made.url)
    assert (mine.created_at, mine.read_at) == (sent, read)
    assert mailoutbox == []


def test_nobody_who_left_or_turned_the_kind_off_is_told(ana, ben, carla):
    member_update(member=ben, status="left")
    services.notification_preferences_set(member=carla, choices={KIND: (False, True)})
    when = timezone.now()
    other = Notification.Kind.INTRO_RECEIVED

    written = notifications_create(
        [
            NewNotification(ana.pk, KIND, TEXT, URL, when),
            NewNotification(ben.pk, KIND, TEXT, URL, when),
            NewNotification(carla.pk, KIND, TEXT, URL, when),
            NewNotification(carla.pk, other, TEXT, URL, when),
        ]
    )

    assert written == 2
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (ana.pk, KIND),
        (carla.pk, other),
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "gossip"},
        {"url": "https://elsewhere.example.org/"},
        {"text": ""},
        {"text": "x" * 301},
        {"read_at": timezone.now() - timedelta(days=30)},
    ],
    ids=["kind", "off-site link", "no text", "long text", "read before sent"],
)
def test_it_refuses_and_writes_nothing(ana, changes):
    good = NewNotification(ana.pk, KIND, TEXT, URL, timezone.now() - timedelta(days=3))
    bad = NewNotification(**(vars(good) | changes))

    with pytest.raises(ValidationError, match="Notification 1"):
        notifications_create([good, bad])

    assert not Notification.objects.exists()


def test_what_notify_writes_in_a_backdated_block_was_sent_then(ana, ben):
    then = timezone.now() - timedelta(days=12)
    with services.notifications_in_app_only():
        services.notify(member=ana, kind=KIND, text="Before", url=URL)
        with backdated(then):
            services.notify(member=ben, kind=KIND, text="Inside", url=URL)

    stamps = dict(Notification.objects.values_list("text", "created_at"))
    assert stamps["Inside"] == then and stamps["Before"] > then
