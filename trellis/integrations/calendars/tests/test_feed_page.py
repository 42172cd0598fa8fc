"""The feed page: a member makes their secret address (shown once), replaces or revokes
it; nobody else's feed is ever shown or touched, and nothing shows while feeds are off."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from trellis.accounts.secrets import digest_of
from trellis.audit.models import AuditEvent
from trellis.integrations.calendars.models import CalendarFeed

PAGE = reverse("calendars:feed")
ADDRESS = re.compile(r'value="(https://trellis\.example\.org/calendar/([^/"]+)/milestones\.ics)"')


def made_address(response) -> tuple[str, str]:
    address, secret = ADDRESS.search(response.content.decode()).groups()
    return address, secret


@pytest.mark.usefixtures("feeds_on")
def test_a_member_makes_an_address_shown_once_and_only_its_digest_is_kept(client, ana):
    client.force_login(ana.user)

    response = client.post(PAGE, {"action": "make"})

    address, secret = made_address(response)
    assert response.status_code == 200
    assert "webcal://trellis.example.org/calendar/" in response.content.decode()
    feed = CalendarFeed.objects.get(member=ana)
    assert feed.digest == digest_of(secret) and secret not in feed.digest
    assert client.get(address).status_code == 200
    assert secret not in client.get(PAGE).content.decode()
    assert "You have a feed address" in client.get(PAGE).content.decode()
    event = AuditEvent.objects.get(action="calendar_feed.created")
    assert secret not in str(event.details) and secret not in event.target


@pytest.mark.usefixtures("feeds_on")
def test_a_new_address_replaces_the_old_one(client, ana):
    client.force_login(ana.user)
    old, _ = made_address(client.post(PAGE, {"action": "make"}))

    new, _ = made_address(client.post(PAGE, {"action": "make"}))

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(member=ana).count() == 1


@pytest.mark.usefixtures("feeds_on")
def test_a_revoked_address_answers_404(client, ana):
    client.force_login(ana.user)
    address, _ = made_address(client.post(PAGE, {"action": "make"}))

    response = client.post(PAGE, {"action": "revoke"}, follow=True)

    assert "Revoked." in response.content.decode()
    assert client.get(address).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert AuditEvent.objects.filter(action="calendar_feed.revoked").count() == 1


@pytest.mark.usefixtures("feeds_on")
def test_one_members_page_never_touches_anothers_feed(client, ana, ben):
    client.force_login(ana.user)
    anas, _ = made_address(client.post(PAGE, {"action": "make"}))
    client.force_login(ben.user)

    page = client.get(PAGE).content.decode()
    client.post(PAGE, {"action": "revoke"})

    assert "You have no feed address" in page
    assert client.get(anas).status_code == 200
    assert CalendarFeed.objects.get().member == ana


@pytest.mark.usefixtures("feeds_on")
def test_an_unknown_action_is_refused_saying_why_and_writes_nothing(client, ana):
    client.force_login(ana.user)

    response = client.post(PAGE, {"action": "share"})

    assert response.status_code == 400
    assert "Choose to make a new address or to revoke" in response.content.decode()
    assert not CalendarFeed.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar_feed").exists()


@pytest.mark.usefixtures("feeds_on")
def test_an_operator_without_a_profile_has_no_feed_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"action": "make"}).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_while_feeds_are_off_there_is_no_page_and_no_link(client, ana):
    client.force_login(ana.user)

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"action": "make"}).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert PAGE not in client.get(reverse("initiatives:initiative_list")).content.decode()


@pytest.mark.usefixtures("feeds_on")
def test_the_initiatives_page_links_to_the_feed_page_when_feeds_are_on(client, ana, organiser):
    client.force_login(ana.user)
    page = client.get(reverse("initiatives:initiative_list")).content.decode()
    assert PAGE in page
    assert reverse("calendars:organiser_ics") not in page

    client.force_login(organiser.user)
    page = client.get(reverse("initiatives:initiative_list")).content.decode()
    assert reverse("calendars:organiser_ics") in page


@pytest.mark.usefixtures("feeds_on")
def test_the_page_costs_a_fixed_number_of_queries(client, ana, django_assert_num_queries):
    client.force_login(ana.user)
    client.post(PAGE, {"action": "make"})

    # session, user, member (layout), unread notifications (layout), the member's feed
    with django_assert_num_queries(5):
        assert client.get(PAGE).status_code == 200
