"""An old suggestion link leads to a page that says what happened and what to do next,
never a 404, and never reveals a decline or the other member's dismissal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED
from trellis.home import services as home
from trellis.matching import services as matching
from trellis.matching.models import Round, Suggestion
from trellis.people.models import Member

MOVED_ON = "This suggestion has moved on"


@pytest.fixture
def suggestion(ana, ben) -> Suggestion:
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    round_obj = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    return Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5)


def open_link(client, member, suggestion, recipient) -> str:
    client.force_login(member.user)
    url = f"{reverse('home:compose', args=[recipient.pk])}?suggestion={suggestion.pk}"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_live_suggestion_opens_the_composer(client, suggestion, ana, ben):
    content = open_link(client, ana, suggestion, ben)

    assert MOVED_ON not in content
    assert "Introduce yourself to Ben Okafor" in content


def test_a_suggestion_the_member_dismissed_says_so_and_offers_undo(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)

    content = open_link(client, ana, suggestion, ben)

    assert MOVED_ON in content
    assert "You dismissed this suggestion to meet Ben Okafor" in content
    assert reverse("home:suggestion_restore", args=[suggestion.pk]) in content


def test_the_other_members_dismissal_is_not_revealed(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ben)

    content = open_link(client, ana, suggestion, ben)

    assert MOVED_ON not in content and "dismiss" not in content.lower()


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (Member.Status.LEFT, "Ben Okafor has left the network."),
        (Member.Status.PAUSED, "Ben Okafor has paused their profile"),
    ],
)
def test_the_other_person_gone_or_paused_is_said(client, suggestion, ana, ben, status, said):
    Member.objects.filter(pk=ben.pk).update(status=status)

    content = open_link(client, ana, suggestion, ben)

    assert MOVED_ON in content and said in content


def test_an_intro_already_sent_from_it_links_to_the_intro(client, suggestion, ana, ben):
    intro = home.intro_send(sender=ana, recipient=ben, message=GROUNDED, suggestion=suggestion)

    content = open_link(client, ana, suggestion, ben)

    assert "You sent Ben Okafor an intro on" in content
    assert intro.get_absolute_url() in content


def test_a_declined_intro_still_reads_as_waiting_to_its_sender(client, suggestion, ana, ben):
    intro = home.intro_send(sender=ana, recipient=ben, message=GROUNDED, suggestion=suggestion)
    connections.intro_decline(intro=intro, member=ben, reason="Not for me")

    content = open_link(client, ana, suggestion, ben)

    assert "it is waiting for their answer" in content
    assert "declin" not in content.lower() and "Not for me" not in content


def test_after_it_would_have_expired_a_declined_intro_reads_as_sent_only(
    client, suggestion, ana, ben
):
    intro = home.intro_send(sender=ana, recipient=ben, message=GROUNDED, suggestion=suggestion)
    connections.intro_decline(intro=intro, member=ben)
    Intro.objects.filter(pk=intro.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    content = open_link(client, ana, suggestion, ben)

    assert "You already sent Ben Okafor an intro from this suggestion" in content
    assert "declin" not in content.lower()


def test_the_recipient_of_an_intro_is_sent_to_answer_it(client, suggestion, ana, ben):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    content = open_link(client, ben, suggestion, ana)

    assert "Ana Lima sent you an intro on" in content
    assert intro.get_absolute_url() in content


def test_two_members_already_connected_are_sent_to_their_relationship(
    client, suggestion, relationship, ana, ben
):
    content = open_link(client, ana, suggestion, ben)

    assert "You and Ben Okafor are already connected." in content
    assert relationship.get_absolute_url() in content


@pytest.mark.parametrize("which", ["missing", "unpublished", "someone_elses"])
def test_a_suggestion_no_longer_offered_reads_the_same_whatever_the_reason(
    client, suggestion, ana, ben, carla, which
):
    if which == "missing":
        suggestion_id = suggestion.pk
        suggestion.delete()
        suggestion.pk = suggestion_id
    elif which == "unpublished":
        Round.objects.filter(pk=suggestion.round_id).update(state=Round.State.DONE)
    content = open_link(client, carla if which == "someone_elses" else ana, suggestion, ben)

    assert MOVED_ON in content
    assert "This suggestion is no longer offered." in content
    assert reverse("home:home") in content


def test_an_old_link_posted_to_writes_nothing(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)
    client.force_login(ana.user)

    response = client.post(
        reverse("home:compose", args=[ben.pk]),
        {"message": GROUNDED, "action": "send", "suggestion": suggestion.pk},
    )

    assert MOVED_ON in response.content.decode()
    assert not Intro.objects.exists()
