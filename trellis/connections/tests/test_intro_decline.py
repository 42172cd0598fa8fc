"""intro_decline: a private no. Its sender sees the intro waiting until it would have expired,
then "no longer open", as for any intro that lapsed."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.connections import services
from trellis.connections.models import Intro
from trellis.notifications.models import Notification


def test_the_recipient_declines_with_a_private_reason(sent_intro, ben):
    intro = services.intro_decline(intro=sent_intro, member=ben, reason="  Not my area.  ")

    intro.refresh_from_db()
    assert intro.state == Intro.State.DECLINED
    assert intro.decline_reason == "Not my area."
    assert intro.answered_at is not None


def test_nobody_is_told_of_a_decline(sent_intro, ana, ben, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.intro_decline(intro=sent_intro, member=ben, reason="Busy")

    assert not Notification.objects.filter(recipient=ana).exists()
    assert mail.outbox == []


def test_the_sender_sees_a_declined_intro_as_waiting_until_it_would_have_expired(
    sent_intro, ana, ben
):
    intro = services.intro_decline(intro=sent_intro, member=ben)

    assert intro.state_for(ana.pk) == "Waiting for an answer"
    assert intro.looks_open_to(ana.pk)
    assert intro.state_for(ben.pk) == "Declined"
    assert not intro.looks_open_to(ben.pk)


def test_after_its_expiry_a_declined_intro_reads_as_an_expired_one_to_its_sender(
    sent_intro, ana, ben
):
    intro = services.intro_decline(intro=sent_intro, member=ben)
    later = intro.expires_at + timedelta(seconds=1)

    assert intro.state_for(ana.pk, now=later) == "No longer open"
    assert not intro.looks_open_to(ana.pk, now=later)


def test_the_sender_pages_show_a_declined_intro_as_they_show_a_waiting_one(client, ana, ben, carla):
    waiting = services.intro_send(sender=ana, recipient=carla, message="Hi Carla, about k8s…")
    declined = services.intro_send(sender=ana, recipient=ben, message="Hi Ben, about k8s…")
    services.intro_decline(intro=declined, member=ben, reason="Secret: not now")
    client.force_login(ana.user)

    pages = {
        intro: client.get(intro.get_absolute_url()).content.decode()
        for intro in (waiting, declined)
    }
    listing = client.get(reverse("connections:intro_list")).content.decode()

    for page in pages.values():
        assert "Waiting for an answer" in page and "open until" in page
        assert "/intros/" in page and ">Withdraw<" in page
        assert "Declined" not in page and "Secret" not in page
    assert listing.count("Waiting for an answer") == 2
    assert "No longer open" not in listing and "Declined" not in listing


def test_a_sender_may_withdraw_a_declined_intro_without_learning_of_the_decline(
    client, sent_intro, ana, ben
):
    services.intro_decline(intro=sent_intro, member=ben, reason="Busy")
    client.force_login(ana.user)

    response = client.post(reverse("connections:intro_withdraw", args=[sent_intro.pk]))

    assert response.status_code == 302
    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.DECLINED  # the recipient's answer stands
    assert sent_intro.state_for(ana.pk) == "Withdrawn"
    assert sent_intro.state_for(ben.pk) == "Declined"
    assert not sent_intro.looks_open_to(ana.pk)


def test_the_sender_cannot_send_again_while_a_declined_intro_looks_waiting(sent_intro, ana, ben):
    services.intro_decline(intro=sent_intro, member=ben)

    refusal = services.intro_refusal(sender=ana, recipient=ben)

    assert refusal == f"You already have an intro waiting for {ben.display_name}'s answer."


@pytest.mark.parametrize("who", ["ana", "carla"])
def test_only_the_recipient_may_decline(request, sent_intro, who):
    with pytest.raises(Intro.DoesNotExist):
        services.intro_decline(intro=sent_intro, member=request.getfixturevalue(who))

    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.SENT


def test_a_reason_that_is_too_long_is_refused_and_nothing_changes(sent_intro, ben):
    with pytest.raises(ValidationError) as caught:
        services.intro_decline(intro=sent_intro, member=ben, reason="x" * 1001)

    assert "at most 1000 characters" in " ".join(caught.value.messages)
    sent_intro.refresh_from_db()
    assert (sent_intro.state, sent_intro.decline_reason) == (Intro.State.SENT, "")


def test_a_withdrawn_intro_cannot_be_declined(sent_intro, ana, ben):
    services.intro_withdraw(intro=sent_intro, member=ana)

    with pytest.raises(ValidationError, match=re.escape("This intro is no longer open.")):
        services.intro_decline(intro=sent_intro, member=ben, reason="Busy")
    sent_intro.refresh_from_db()
    assert sent_intro.decline_reason == ""
