"""notify and preferences: in the app and by e-mail, each kind as each member chose."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.notifications import selectors, services
from trellis.notifications.models import Notification, NotificationPreference
from trellis.people.services import member_update

KIND = Notification.Kind.FOLLOW_UP


def tell(member, django_capture_on_commit_callbacks, **kwargs):
    mail.outbox.clear()
    fields = {"kind": KIND, "text": "Time to follow up with Ben.", "url": "/relationships/1/"}
    with django_capture_on_commit_callbacks(execute=True):
        return services.notify(member=member, **(fields | kwargs))


def test_by_default_a_member_is_told_in_the_app_and_by_email(
    ana, django_capture_on_commit_callbacks
):
    notification = tell(ana, django_capture_on_commit_callbacks)

    assert notification.recipient == ana
    assert notification.read_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Time to follow up with Ben."
    assert "http://testserver" not in message.body
    assert "/relationships/1/" in message.body
    assert "/notifications/preferences/" in message.body


@pytest.mark.parametrize(
    ("in_app", "email", "notifications", "emails"),
    [(True, False, 1, 0), (False, True, 0, 1), (False, False, 0, 0)],
)
def test_each_kind_can_be_turned_off_each_way(
    ana, django_capture_on_commit_callbacks, in_app, email, notifications, emails
):
    services.notification_preferences_set(member=ana, choices={KIND: (in_app, email)})

    tell(ana, django_capture_on_commit_callbacks)

    assert Notification.objects.filter(recipient=ana).count() == notifications
    assert len(mail.outbox) == emails


def test_turning_one_kind_off_leaves_the_others_on(ana, django_capture_on_commit_callbacks):
    services.notification_preferences_set(member=ana, choices={KIND: (False, False)})

    tell(ana, django_capture_on_commit_callbacks, kind=Notification.Kind.INTRO_ACCEPTED)

    assert Notification.objects.filter(recipient=ana).count() == 1
    assert len(mail.outbox) == 1


def test_one_members_preferences_do_not_touch_anothers(
    ana, ben, django_capture_on_commit_callbacks
):
    services.notification_preferences_set(member=ana, choices={KIND: (False, False)})

    tell(ben, django_capture_on_commit_callbacks)

    assert Notification.objects.filter(recipient=ben).count() == 1


def test_nothing_is_emailed_when_the_change_rolls_back(ana, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(member=ana, kind=KIND, text="x", url="/")

    assert len(callbacks) == 1  # sent only on commit
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_break_the_change(
    ana, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "trellis.notifications.tests.test_notify.BrokenBackend"

    notification = tell(ana, django_capture_on_commit_callbacks)

    assert notification.pk is not None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_members_who_left_are_told_nothing(ana, django_capture_on_commit_callbacks):
    member_update(member=ana, status="left")

    assert tell(ana, django_capture_on_commit_callbacks) is None
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_an_unknown_kind_is_refused(ana):
    with pytest.raises(ValidationError, match="Unknown notification kind"):
        services.notify(member=ana, kind="gossip", text="x", url="/")
    assert not Notification.objects.exists()


def test_a_link_off_the_site_is_refused(ana):
    with pytest.raises(ValidationError):
        services.notify(member=ana, kind=KIND, text="x", url="https://evil.example/")
    assert not Notification.objects.exists()


def test_preferences_default_to_on_and_keep_what_was_chosen(ana):
    assert all(p.in_app and p.email for p in selectors.preferences_of(member=ana).values())

    services.notification_preferences_set(member=ana, choices={KIND: (True, False)})
    services.notification_preferences_set(member=ana, choices={KIND: (False, True)})

    assert NotificationPreference.objects.get(member=ana, kind=KIND).in_app is False
    assert selectors.preferences_of(member=ana)[KIND].email is True


def test_an_unknown_preference_is_refused(ana):
    with pytest.raises(ValidationError, match=re.escape("Unknown notification kinds: gossip.")):
        services.notification_preferences_set(member=ana, choices={"gossip": (True, True)})
    assert not NotificationPreference.objects.exists()


def test_marking_read_is_for_the_recipient_only(ana, ben):
    note = services.notify(member=ana, kind=KIND, text="x", url="/")

    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(notification_id=note.pk, member=ben)
    assert Notification.objects.get().read_at is None

    services.notification_mark_read(notification_id=note.pk, member=ana)
    assert Notification.objects.get().read_at is not None


def test_marking_all_read_touches_only_ones_own(ana, ben):
    for member in (ana, ana, ben):
        services.notify(member=member, kind=KIND, text="x", url="/")

    assert services.notifications_mark_all_read(member=ana) == 2
    assert selectors.unread_count(member=ana) == 0
    assert selectors.unread_count(member=ben) == 1


def test_in_app_only_writes_the_notification_and_emails_nobody(
    ana, django_capture_on_commit_callbacks
):
    with services.notifications_in_app_only():
        notification = tell(ana, django_capture_on_commit_callbacks)

    assert notification.recipient == ana
    assert mail.outbox == []
    tell(ana, django_capture_on_commit_callbacks)  # and only while the block runs
    assert len(mail.outbox) == 1
