"""intro_withdraw: the sender takes back an intro, or throws away a draft."""

import re

import pytest
from django.core.exceptions import ValidationError

from trellis.connections import services
from trellis.connections.models import Intro


def test_the_sender_withdraws_an_open_intro(sent_intro, ana):
    intro = services.intro_withdraw(intro=sent_intro, member=ana)

    assert intro.state == Intro.State.WITHDRAWN
    assert intro.answered_at is not None


def test_withdrawing_a_draft_deletes_it(ana, ben):
    draft = services.intro_draft(sender=ana, recipient=ben)

    assert services.intro_withdraw(intro=draft, member=ana) is None
    assert not Intro.objects.exists()


@pytest.mark.parametrize("who", ["ben", "carla"])
def test_nobody_but_the_sender_may_withdraw_it(request, sent_intro, who):
    with pytest.raises(Intro.DoesNotExist):
        services.intro_withdraw(intro=sent_intro, member=request.getfixturevalue(who))

    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.SENT


def test_an_accepted_intro_cannot_be_withdrawn(relationship, sent_intro, ana):
    with pytest.raises(ValidationError, match=re.escape("Ben Okafor accepted this intro already.")):
        services.intro_withdraw(intro=sent_intro, member=ana)
    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.ACCEPTED


def test_withdrawing_a_declined_intro_leaves_the_recipients_answer_as_it_was(sent_intro, ana, ben):
    services.intro_decline(intro=sent_intro, member=ben, reason="Too busy")

    services.intro_withdraw(intro=sent_intro, member=ana)

    sent_intro.refresh_from_db()
    assert sent_intro.state == Intro.State.DECLINED
    assert sent_intro.decline_reason == "Too busy"
    assert sent_intro.state_for(ana.pk) == "Withdrawn"
