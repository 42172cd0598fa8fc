"""After Accept, the two can reach each other, and nobody outside the relationship can."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.connections import services
from trellis.connections.tests.conftest import GROUNDED
from trellis.people.services import member_update


@pytest.fixture
def reachable(ana, ben):
    """Ana and Ben, each with their own "how to reach me"."""
    member_update(member=ana, chat_handle="@ana on Matrix", booking_link="https://cal.com/ana")
    member_update(member=ben, chat_handle="ben.okafor (Slack)")
    return ana, ben


def accept(sent_intro, ben, capture):
    with capture(execute=True):
        return services.intro_accept(intro=sent_intro, member=ben)


def mail_to(address: str):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_each_acceptance_email_replies_to_the_other_and_says_how_to_reach_them(
    reachable, sent_intro, ben, django_capture_on_commit_callbacks
):
    accept(sent_intro, ben, django_capture_on_commit_callbacks)

    to_ana, to_ben = mail_to("ana@example.org"), mail_to("ben@example.org")
    assert to_ana.reply_to == ["ben@example.org"]
    assert to_ben.reply_to == ["ana@example.org"]
    assert "E-mail: ben@example.org" in to_ana.body
    assert "Chat: ben.okafor (Slack)" in to_ana.body
    assert "Book a time" not in to_ana.body  # Ben gave no booking link
    assert "E-mail: ana@example.org" in to_ben.body
    assert "Chat: @ana on Matrix" in to_ben.body
    assert "Book a time: https://cal.com/ana" in to_ben.body
    assert to_ben.subject == "You and Ana Lima are connected"


def test_the_sender_who_turned_acceptance_emails_off_gets_none(
    sent_intro, ana, ben, django_capture_on_commit_callbacks
):
    from trellis.notifications.models import Notification
    from trellis.notifications.services import notification_preferences_set

    notification_preferences_set(
        member=ana, choices={Notification.Kind.INTRO_ACCEPTED: (True, False)}
    )

    accept(sent_intro, ben, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["ben@example.org"]]


def test_a_refused_accept_emails_nobody(sent_intro, ben, django_capture_on_commit_callbacks):
    member_update(member=ben, capacity=0)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.intro_accept(intro=sent_intro, member=ben)

    assert mail.outbox == []


def pages(relationship, intro, member):
    """Every page that may show how to reach `member`, for someone looking at them."""
    return [
        reverse("connections:relationship_detail", args=[relationship.pk]),
        reverse("connections:intro_detail", args=[intro.pk]),
        reverse("home:profile", args=[member.pk]),
    ]


def test_both_see_how_to_reach_the_other_on_the_relationship_intro_and_profile_pages(
    client, reachable, sent_intro, ana, ben
):
    relationship = services.intro_accept(intro=sent_intro, member=ben)

    client.force_login(ben.user)
    for url in pages(relationship, sent_intro, ana):
        content = client.get(url).content.decode()
        assert "How to reach Ana Lima" in content, url
        assert "mailto:ana@example.org" in content, url
        assert "@ana on Matrix" in content, url
        assert 'href="https://cal.com/ana"' in content, url
    client.force_login(ana.user)
    for url in pages(relationship, sent_intro, ben):
        content = client.get(url).content.decode()
        assert "How to reach Ben Okafor" in content, url
        assert "ben.okafor (Slack)" in content, url


@pytest.mark.parametrize("who", ["carla", "organiser"])
def test_nobody_outside_the_relationship_sees_how_to_reach_either(
    request, client, reachable, sent_intro, ana, ben, who
):
    relationship = services.intro_accept(intro=sent_intro, member=ben)
    client.force_login(request.getfixturevalue(who).user)

    for person in (ana, ben):
        content = client.get(reverse("home:profile", args=[person.pk])).content.decode()
        assert "How to reach" not in content
        assert "@ana on Matrix" not in content and "ben.okafor (Slack)" not in content
        assert "cal.com/ana" not in content
    assert client.get(relationship.get_absolute_url()).status_code == 404
    assert client.get(sent_intro.get_absolute_url()).status_code == 404


def test_an_open_intro_shows_no_way_to_reach_the_sender(client, reachable, sent_intro, ben):
    client.force_login(ben.user)

    content = client.get(sent_intro.get_absolute_url()).content.decode()

    assert "How to reach" not in content
    assert "@ana on Matrix" not in content


def test_closing_the_relationship_hides_how_to_reach_each_other(
    client, reachable, sent_intro, ana, ben
):
    relationship = services.intro_accept(intro=sent_intro, member=ben)
    services.relationship_close(relationship=relationship, member=ana)
    client.force_login(ben.user)

    for url in pages(relationship, sent_intro, ana):
        content = client.get(url).content.decode()
        assert "How to reach" not in content, url
        assert "@ana on Matrix" not in content, url


def test_a_resting_relationship_still_shows_how_to_reach_each_other(
    client, reachable, sent_intro, ana, ben
):
    relationship = services.intro_accept(intro=sent_intro, member=ben)
    relationship.state = relationship.State.DORMANT
    relationship.save(update_fields=["state"])
    client.force_login(ben.user)

    content = client.get(reverse("home:profile", args=[ana.pk])).content.decode()

    assert "@ana on Matrix" in content


def test_a_member_in_another_relationship_does_not_see_this_ones_contacts(
    client, reachable, sent_intro, ana, ben, carla
):
    services.intro_accept(intro=sent_intro, member=ben)
    carlas = services.intro_send(sender=carla, recipient=ana, message=GROUNDED)
    services.intro_accept(intro=carlas, member=ana)
    client.force_login(carla.user)

    assert "@ana on Matrix" in client.get(reverse("home:profile", args=[ana.pk])).content.decode()
    assert "ben.okafor" not in client.get(reverse("home:profile", args=[ben.pk])).content.decode()
