"""The composer never offers an enabled Send for an intro the service would refuse: both
read the one list of reasons (`connections.intro_refusal`), so they cannot drift apart."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED
from trellis.people.models import Member

SEND_ENABLED = '<button type="submit" name="action" value="send">'
SEND_DISABLED = '<button type="submit" name="action" value="send" disabled>'


def fill(member, make_member) -> None:
    """Give `member` one relationship, as many as their capacity then allows."""
    Member.objects.filter(pk=member.pk).update(capacity=1)
    member.refresh_from_db()
    other = make_member(working_on="Kubernetes")
    intro = connections.intro_send(sender=other, recipient=member, message=GROUNDED)
    connections.intro_accept(intro=intro, member=member)


def _to_self(ana, ben, make_member, settings):
    return ana, "You can&#x27;t send an intro to yourself."


def _sender_paused(ana, ben, make_member, settings):
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.PAUSED)
    return ben, "Your profile is paused"


def _recipient_paused(ana, ben, make_member, settings):
    Member.objects.filter(pk=ben.pk).update(status=Member.Status.PAUSED)
    return ben, "Ben Okafor has paused their profile"


def _recipient_manages(ana, ben, make_member, settings):
    Member.objects.filter(pk=ana.pk).update(manager=ben)
    return ben, "Ben Okafor is above you in your reporting line"


def _recipient_reports(ana, ben, make_member, settings):
    Member.objects.filter(pk=ben.pk).update(manager=ana)
    return ben, "Ben Okafor reports to you"


def _connected(ana, ben, make_member, settings):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ben)
    return ben, "You and Ben Okafor are already connected."


def _waiting(ana, ben, make_member, settings):
    connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    return ben, "You already have an intro waiting for Ben Okafor&#x27;s answer."


def _they_sent_one(ana, ben, make_member, settings):
    connections.intro_send(sender=ben, recipient=ana, message=GROUNDED)
    return ben, "Ben Okafor has already sent you an intro"


def _too_many_open(ana, ben, make_member, settings):
    settings.MAX_OPEN_INTROS = 1
    connections.intro_send(sender=ana, recipient=make_member(), message=GROUNDED)
    return ben, "the most you can have at once"


def _paused_after_an_unanswered_intro(ana, ben, make_member, settings):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    Intro.objects.filter(pk=intro.pk).update(expires_at=timezone.now())
    return ben, "Your last intro to Ben Okafor is no longer open."


def _recipient_full(ana, ben, make_member, settings):
    fill(ben, make_member)
    return ben, "Ben Okafor has as many relationships as they want right now."


def _sender_full(ana, ben, make_member, settings):
    fill(ana, make_member)
    return ben, "as many as your profile allows, so you can&#x27;t start another now"


REFUSALS = [
    _to_self,
    _sender_paused,
    _recipient_paused,
    _recipient_manages,
    _recipient_reports,
    _connected,
    _waiting,
    _they_sent_one,
    _too_many_open,
    _paused_after_an_unanswered_intro,
    _recipient_full,
    _sender_full,
]


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda f: f.__name__.strip("_"))
def test_each_refusal_shows_its_reason_with_send_disabled_and_the_service_refuses(
    client, ana, ben, make_member, settings, refusal
):
    recipient, reason = refusal(ana, ben, make_member, settings)
    ana.refresh_from_db()
    recipient.refresh_from_db()
    client.force_login(ana.user)

    content = client.get(reverse("home:compose", args=[recipient.pk])).content.decode()

    assert reason in content
    assert SEND_DISABLED in content and SEND_ENABLED not in content
    before = Intro.objects.filter(sender=ana).exclude(state=Intro.State.DRAFT).count()
    with pytest.raises(ValidationError) as caught:
        connections.intro_send(sender=ana, recipient=recipient, message=GROUNDED)
    assert reason.replace("&#x27;", "'") in " ".join(caught.value.messages)
    assert Intro.objects.filter(sender=ana).exclude(state=Intro.State.DRAFT).count() == before


def test_the_send_refused_by_the_page_is_refused_on_post_too(client, ana, ben, make_member):
    fill(ana, make_member)
    client.force_login(ana.user)

    response = client.post(
        reverse("home:compose", args=[ben.pk]), {"message": GROUNDED, "action": "send"}
    )

    assert "you can&#x27;t start another now" in response.content.decode()
    assert not Intro.objects.filter(sender=ana, recipient=ben).exists()


def test_nothing_refused_leaves_send_enabled(client, ana, ben):
    client.force_login(ana.user)

    content = client.get(reverse("home:compose", args=[ben.pk])).content.decode()

    assert SEND_ENABLED in content


def test_a_member_who_left_is_not_found_and_the_service_refuses(client, ana, ben):
    Member.objects.filter(pk=ben.pk).update(status=Member.Status.LEFT)
    ben.refresh_from_db()
    client.force_login(ana.user)

    assert client.get(reverse("home:compose", args=[ben.pk])).status_code == 404
    with pytest.raises(ValidationError, match="has left the network"):
        connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)


def test_after_a_decline_the_sender_is_refused_as_if_it_still_waited(client, ana, ben):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_decline(intro=intro, member=ben)
    client.force_login(ana.user)

    content = client.get(reverse("home:compose", args=[ben.pk])).content.decode()

    assert "You already have an intro waiting for Ben Okafor&#x27;s answer." in content
    assert SEND_DISABLED in content
    with pytest.raises(ValidationError, match="waiting for Ben Okafor's answer"):
        connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)


def test_once_a_declined_intro_would_have_expired_the_sender_is_told_of_a_pause(client, ana, ben):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_decline(intro=intro, member=ben)
    Intro.objects.filter(pk=intro.pk).update(expires_at=timezone.now())
    client.force_login(ana.user)

    content = client.get(reverse("home:compose", args=[ben.pk])).content.decode()

    # The same words as after an intro that simply lapsed (connections' test_intro_pause).
    assert "Your last intro to Ben Okafor is no longer open." in content
    assert SEND_DISABLED in content
