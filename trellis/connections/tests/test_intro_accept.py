"""intro_accept: the recipient accepts, and the two start a relationship within capacity."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.connections import services
from trellis.connections.models import Intro, Origin, Relationship
from trellis.connections.tests.conftest import GROUNDED, days_ago
from trellis.notifications.models import Notification
from trellis.people.services import member_update


def refused(intro, member) -> str:
    """The reason intro_accept gives, checking that nothing changed."""
    with pytest.raises(ValidationError) as caught:
        services.intro_accept(intro=intro, member=member)
    assert not Relationship.objects.filter(intro=intro).exists()
    assert Intro.objects.get(pk=intro.pk).state == intro.state
    return " ".join(caught.value.messages)


def test_accepting_starts_a_relationship_with_the_lower_id_first(sent_intro, ana, ben):
    relationship = services.intro_accept(intro=sent_intro, member=ben)

    low, high = sorted((ana.pk, ben.pk))
    assert (relationship.member_a_id, relationship.member_b_id) == (low, high)
    assert relationship.state == Relationship.State.ACTIVE
    assert relationship.intro == sent_intro
    assert relationship.origin == Origin.PROFILE
    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.ACCEPTED


def test_the_sender_is_told_in_the_app_and_both_by_email(
    sent_intro, ana, ben, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        relationship = services.intro_accept(intro=sent_intro, member=ben)

    notification = Notification.objects.get(recipient=ana)
    assert notification.kind == Notification.Kind.INTRO_ACCEPTED
    assert notification.text == "Ben Okafor accepted your intro."
    assert notification.url == relationship.get_absolute_url()
    assert sorted(m.to for m in mail.outbox) == [["ana@example.org"], ["ben@example.org"]]


@pytest.mark.parametrize("who", ["ana", "carla"])
def test_only_the_recipient_may_accept(request, sent_intro, who):
    with pytest.raises(Intro.DoesNotExist):
        services.intro_accept(intro=sent_intro, member=request.getfixturevalue(who))

    assert not Relationship.objects.exists()


def test_it_refuses_when_the_recipient_is_at_capacity(sent_intro, ben, carla):
    member_update(member=ben, capacity=1)
    other = services.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    services.intro_accept(intro=other, member=ben)

    assert refused(sent_intro, ben) == (
        "You have 1 relationship, as many as your profile allows. Close one, or raise "
        "your capacity on your profile, to accept."
    )


def test_it_refuses_when_the_sender_filled_up_meanwhile(ana, ben, carla):
    member_update(member=ana, capacity=1)
    to_ben = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    to_carla = services.intro_send(sender=ana, recipient=carla, message=GROUNDED)
    services.intro_accept(intro=to_carla, member=carla)

    assert refused(to_ben, ben) == "Ana Lima has as many relationships as they want right now."


def test_closing_a_relationship_frees_capacity(ana, ben, carla):
    member_update(member=ana, capacity=1)
    to_ben = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    to_carla = services.intro_send(sender=ana, recipient=carla, message=GROUNDED)
    first = services.intro_accept(intro=to_carla, member=carla)
    services.relationship_close(relationship=first, member=ana)

    assert services.intro_accept(intro=to_ben, member=ben).state == Relationship.State.ACTIVE


def test_it_refuses_an_intro_past_its_expiry_even_before_the_sweep(ana, ben):
    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(15))

    assert refused(intro, ben) == "This intro is no longer open."


@pytest.mark.parametrize("state", ["withdrawn", "declined", "accepted"])
def test_it_refuses_an_intro_that_is_no_longer_open(sent_intro, ana, ben, state):
    if state == "withdrawn":
        services.intro_withdraw(intro=sent_intro, member=ana)
    elif state == "declined":
        services.intro_decline(intro=sent_intro, member=ben)
    else:
        services.intro_accept(intro=sent_intro, member=ben)
    sent_intro.refresh_from_db()
    relationships = Relationship.objects.count()

    with pytest.raises(ValidationError, match=re.escape("This intro is no longer open.")):
        services.intro_accept(intro=sent_intro, member=ben)
    assert Relationship.objects.count() == relationships


def test_it_refuses_when_the_sender_left(sent_intro, ana, ben):
    member_update(member=ana, status="left")

    assert refused(sent_intro, ben) == "Ana Lima has left the network."


def test_a_recipient_who_paused_may_still_accept(sent_intro, ben):
    member_update(member=ben, status="paused")

    assert services.intro_accept(intro=sent_intro, member=ben).state == Relationship.State.ACTIVE
