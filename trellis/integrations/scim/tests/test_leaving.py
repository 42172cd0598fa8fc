"""A member the identity provider deactivates has left: what waited on them closes politely,
nothing is deleted, and nothing private leaves Trellis in any SCIM answer."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.models import Intro, Relationship
from trellis.integrations.scim.tests.calls import patch_body
from trellis.notifications.models import Notification

pytestmark = pytest.mark.django_db

LEAVE = patch_body({"op": "Replace", "path": "active", "value": "False"})


@pytest.fixture
def ana_waits_and_is_waited_on(ana, ben, carla, dev):
    """Ben's intro to Ana and Ana's to Carla wait; Ana and Dev are in a relationship."""
    to_ana = connections.intro_send(sender=ben, recipient=ana, message="Hi Ana, about Kubernetes")
    from_ana = connections.intro_send(sender=ana, recipient=carla, message="Hi Carla, about Go")
    dev_to_ana = connections.intro_send(sender=dev, recipient=ana, message="Hi Ana, on-call?")
    relationship = connections.intro_accept(intro=dev_to_ana, member=ana)
    return to_ana, from_ana, relationship


def test_intros_waiting_on_a_leaver_close_as_an_ordinary_expiry_or_withdrawal(
    scim, ana, ben, carla, ana_waits_and_is_waited_on
):
    to_ana, from_ana, _ = ana_waits_and_is_waited_on

    assert scim.send("PATCH", f"Users/{ana.pk}", LEAVE).status_code == 200

    to_ana.refresh_from_db()
    from_ana.refresh_from_db()
    # Ben asked Ana: no answer is coming, so it reads as any unanswered intro does.
    assert to_ana.state == Intro.State.EXPIRED
    assert to_ana.state_for(ben.pk) == "No longer open"  # as an unanswered intro reads
    # Ana asked Carla: Ana no longer waits for it, so it reads as taken back.
    assert from_ana.state == Intro.State.WITHDRAWN
    assert from_ana.state_for(carla.pk) == "No longer open"  # as a withdrawn one reads
    assert to_ana.answered_at is not None and from_ana.answered_at is not None


def test_a_leaver_keeps_their_relationships_and_nothing_is_deleted(
    scim, ana, dev, ana_waits_and_is_waited_on
):
    _, _, relationship = ana_waits_and_is_waited_on
    intros, relationships = Intro.objects.count(), Relationship.objects.count()
    notifications = Notification.objects.count()

    scim.send("PATCH", f"Users/{ana.pk}", LEAVE)

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.ACTIVE
    assert (Intro.objects.count(), Relationship.objects.count()) == (intros, relationships)
    # Nobody is told why: no notice is sent that could say "they left".
    assert Notification.objects.count() == notifications


def test_intros_between_other_members_are_left_alone(scim, ana, ben, carla):
    between_others = connections.intro_send(sender=ben, recipient=carla, message="Hi Carla")

    scim.send("PATCH", f"Users/{ana.pk}", LEAVE)

    between_others.refresh_from_db()
    assert between_others.state == Intro.State.SENT


def test_coming_back_does_not_reopen_what_closed(scim, ana, ana_waits_and_is_waited_on):
    to_ana, _, _ = ana_waits_and_is_waited_on
    scim.send("PATCH", f"Users/{ana.pk}", LEAVE)

    back = patch_body({"op": "replace", "path": "active", "value": True})
    scim.send("PATCH", f"Users/{ana.pk}", back)

    to_ana.refresh_from_db()
    assert to_ana.state == Intro.State.EXPIRED


SECRETS = {
    "intro": "SECRET-INTRO-MESSAGE-7f3",
    "decline": "SECRET-DECLINE-REASON-2b9",
    "reflection": "SECRET-REFLECTION-5c1",
    "exchange": "SECRET-EXCHANGE-NOTE-9d4",
    "draft": "SECRET-DRAFT-INTRO-1a8",
}


def test_no_scim_answer_carries_private_content(scim, ana, ben, carla, dev):
    declined = connections.intro_send(sender=carla, recipient=ana, message=SECRETS["intro"])
    connections.intro_decline(intro=declined, member=ana, reason=SECRETS["decline"])
    connections.reflection_write(author=ana, body=SECRETS["reflection"])
    connections.intro_draft(sender=ana, recipient=dev, message=SECRETS["draft"])
    asked = connections.intro_send(sender=ben, recipient=ana, message="Hi Ana")
    relationship = connections.intro_accept(intro=asked, member=ana)
    connections.exchange_record(
        relationship=relationship,
        author=ana,
        date=timezone.localdate(),
        what_i_shared="Terraform",
        note=SECRETS["exchange"],
    )

    answers = [
        scim.get("Users"),
        scim.get(f"Users/{ana.pk}"),
        scim.get("Users", filter='userName eq "ana@example.org"'),
        scim.send("PATCH", f"Users/{ana.pk}", LEAVE),
        scim.get("Schemas"),
    ]

    text = json.dumps([answer.json() for answer in answers])
    for name, secret in SECRETS.items():
        assert secret not in text, name
    assert "ana@example.org" in text  # the answers are about Ana
