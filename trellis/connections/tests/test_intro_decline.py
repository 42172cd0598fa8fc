"""intro_decline: a private no, which the sender only ever sees as "no longer open"."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

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


def test_the_sender_sees_a_declined_intro_as_no_longer_open(sent_intro, ana, ben):
    intro = services.intro_decline(intro=sent_intro, member=ben)

    assert intro.state_for(ana.pk) == "No longer open"
    assert intro.state_for(ben.pk) == "Declined"


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
