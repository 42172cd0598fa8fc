"""intro_draft: saving the composer's draft, one per pair, for the sender's eyes only."""

import re

import pytest
from django.core.exceptions import ValidationError

from trellis.connections import services
from trellis.connections.models import Intro
from trellis.notifications.models import Notification
from trellis.people.services import member_update


def test_without_a_message_it_saves_the_composers_draft(ana, ben):
    draft = services.intro_draft(sender=ana, recipient=ben)

    assert draft.state == Intro.State.DRAFT
    assert draft.message.startswith("Hi Ben,")
    assert "Kubernetes upgrades" in draft.message
    assert draft.sent_at is None


def test_saving_again_updates_the_same_draft(ana, ben):
    first = services.intro_draft(sender=ana, recipient=ben)

    second = services.intro_draft(sender=ana, recipient=ben, message="Hi Ben, a better draft.")

    assert second.pk == first.pk
    assert Intro.objects.get().message == "Hi Ben, a better draft."


def test_a_draft_tells_nobody(ana, ben):
    services.intro_draft(sender=ana, recipient=ben)

    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("message", "problem"),
    [("  ", "Write a message before saving it."), ("x" * 4001, "at most 4000 characters")],
)
def test_it_rejects_an_empty_or_overlong_draft(ana, ben, message, problem):
    with pytest.raises(ValidationError) as caught:
        services.intro_draft(sender=ana, recipient=ben, message=message)

    assert problem in " ".join(caught.value.messages)
    assert not Intro.objects.exists()


def test_it_rejects_a_draft_to_oneself(ana):
    with pytest.raises(ValidationError, match=re.escape("You can't send an intro to yourself.")):
        services.intro_draft(sender=ana, recipient=ana)
    assert not Intro.objects.exists()


def test_it_rejects_a_draft_to_someone_who_left(ana, ben):
    member_update(member=ben, status="left")

    with pytest.raises(ValidationError, match=re.escape("Ben Okafor has left the network.")):
        services.intro_draft(sender=ana, recipient=ben)
    assert not Intro.objects.exists()


def test_it_rejects_a_draft_while_an_intro_waits(sent_intro, ana, ben):
    with pytest.raises(ValidationError, match="already have an intro waiting"):
        services.intro_draft(sender=ana, recipient=ben)
    assert Intro.objects.count() == 1
