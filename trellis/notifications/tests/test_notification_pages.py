"""Notifications: the list with its unread count, marking read, and preferences."""

import pytest
from django.urls import reverse

from trellis.notifications import services
from trellis.notifications.models import Notification, NotificationPreference

LIST = reverse("notifications:notification_list")
PREFERENCES = reverse("notifications:preferences")
READ_ALL = reverse("notifications:notifications_read_all")
KIND = Notification.Kind.FOLLOW_UP


def read(notification) -> str:
    return reverse("notifications:notification_read", args=[notification.pk])


def tell(member, text="Time to follow up with Ben.", url="/relationships/1/"):
    return services.notify(member=member, kind=KIND, text=text, url=url)


def test_every_page_shows_the_unread_count(ana_client, ana):
    tell(ana)
    tell(ana)

    content = ana_client.get(reverse("home:home")).content.decode()

    assert 'aria-label="2 unread">2</span>' in content


def test_no_count_without_unread_notifications(ana_client):
    assert "unread" not in ana_client.get(reverse("home:home")).content.decode()


def test_the_list_shows_the_members_notifications(ana_client, ana, ben):
    tell(ana, text="For Ana")
    tell(ben, text="For Ben")

    content = ana_client.get(LIST).content.decode()

    assert "For Ana" in content
    assert "For Ben" not in content


def test_opening_a_notification_marks_it_read_and_goes_to_it(ana_client, ana):
    note = tell(ana)

    response = ana_client.post(read(note), {"open": "1"})

    assert response.url == "/relationships/1/"
    assert Notification.objects.get().read_at is not None


def test_marking_read_with_htmx_returns_the_item(ana_client, ana):
    note = tell(ana)

    response = ana_client.post(read(note), HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert f'id="notification-{note.pk}"' in content
    assert "<html" not in content
    assert Notification.objects.get().read_at is not None


def test_marking_all_read(ana_client, ana):
    tell(ana)
    tell(ana)

    ana_client.post(READ_ALL)

    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_someone_elses_notification_is_not_found(client, request, ana, who):
    note = tell(ana)
    client.force_login(request.getfixturevalue(who).user)

    assert client.post(read(note)).status_code == 404
    assert client.post(read(Notification(pk=note.pk + 1000))).status_code == 404
    client.post(READ_ALL)
    assert Notification.objects.get().read_at is None


def test_preferences_turn_a_kind_off_in_the_app_and_by_email(ana_client, ana):
    data = {f"{kind}__in_app": "on" for kind in Notification.Kind.values} | {
        f"{kind}__email": "on" for kind in Notification.Kind.values
    }
    del data[f"{KIND}__email"]

    response = ana_client.post(PREFERENCES, data)

    assert response.url == PREFERENCES
    pref = NotificationPreference.objects.get(member=ana, kind=KIND)
    assert (pref.in_app, pref.email) == (True, False)
    assert 'name="follow_up__email"' in ana_client.get(PREFERENCES).content.decode()


def test_a_preference_is_the_members_own(client, ana, ben):
    client.force_login(ben.user)
    client.post(PREFERENCES, {})

    assert not NotificationPreference.objects.filter(member=ana).exists()
    assert NotificationPreference.objects.filter(member=ben).count() == len(Notification.Kind)


def test_the_list_costs_the_same_queries_whatever_its_length(
    ana_client, ana, django_assert_num_queries
):
    tell(ana)
    # Session, user, member, unread count, the page's count and the page.
    with django_assert_num_queries(6):
        ana_client.get(LIST)
    for _ in range(10):
        tell(ana)
    with django_assert_num_queries(6):
        assert len(ana_client.get(LIST).context["page"].object_list) == 11
