"""An intro's state as each of its two members may know it, and the lists filtered by it.

`Intro.known_state_for` says it of one intro; `selectors.intros_of(state=...)` filters a
member's intros by it in the database. The two must agree on every intro, or a filter
would tell a sender of a decline that the intro itself hides.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.connections import selectors
from trellis.connections.models import KNOWN_STATES, NO_LONGER_OPEN, Intro


def _intro(sender, recipient, state: str, *, expired: bool = False, withdrew: bool = False):
    now = timezone.now()
    sent = state != Intro.State.DRAFT
    return Intro.objects.create(
        sender=sender,
        recipient=recipient,
        message="Hello",
        state=state,
        sent_at=now - timedelta(days=20) if sent else None,
        expires_at=(now - timedelta(days=1) if expired else now + timedelta(days=5))
        if sent
        else None,
        decline_reason="private" if state == Intro.State.DECLINED else "",
        sender_withdrew_at=now if withdrew else None,
    )


@pytest.fixture
def every_kind_of_intro(make_member, ana):
    """Intros from and to Ana in every state, before and after their expiry."""
    kinds = [
        (Intro.State.DRAFT, {}),
        (Intro.State.SENT, {}),
        (Intro.State.SENT, {"expired": True}),
        (Intro.State.ACCEPTED, {}),
        (Intro.State.DECLINED, {}),
        (Intro.State.DECLINED, {"expired": True}),
        (Intro.State.DECLINED, {"withdrew": True}),
        (Intro.State.EXPIRED, {"expired": True}),
        (Intro.State.WITHDRAWN, {}),
    ]
    intros = []
    for n, (state, extra) in enumerate(kinds):
        other = make_member(f"Other {n}")
        intros.append(_intro(ana, other, state, **extra))
        if state != Intro.State.DRAFT:
            intros.append(_intro(other, ana, state, **extra))
    return intros


@pytest.mark.parametrize("box", ["sent", "received"])
@pytest.mark.parametrize("state", list(KNOWN_STATES))
def test_the_filter_finds_exactly_the_intros_known_in_that_state(
    ana, every_kind_of_intro, box, state
):
    mine = [
        intro
        for intro in every_kind_of_intro
        if (intro.sender_id if box == "sent" else intro.recipient_id) == ana.pk
    ]
    expected = {intro.pk for intro in mine if intro.known_state_for(ana.pk) == state}

    found = {intro.pk for intro in selectors.intros_of(member=ana, box=box, state=state)}

    assert found == expected


def test_a_sender_never_knows_an_intro_as_declined(ana, every_kind_of_intro):
    sent = [intro for intro in every_kind_of_intro if intro.sender_id == ana.pk]

    assert {intro.known_state_for(ana.pk) for intro in sent} == {
        "draft",
        "sent",
        "accepted",
        "withdrawn",
        NO_LONGER_OPEN,
    }
    assert not selectors.intros_of(member=ana, box="sent", state="declined").exists()


def test_a_recipient_never_sees_a_draft_nor_tells_an_expiry_from_a_withdrawal(
    ana, every_kind_of_intro
):
    received = [intro for intro in every_kind_of_intro if intro.recipient_id == ana.pk]

    assert {intro.known_state_for(ana.pk) for intro in received} == {
        "sent",
        "accepted",
        "declined",
        NO_LONGER_OPEN,
    }
    assert not selectors.intros_of(member=ana, box="received", state="draft").exists()


def test_the_words_stay_those_of_the_intro_pages(ana, ben):
    waiting = _intro(ana, ben, Intro.State.SENT)

    assert waiting.state_for(ana.pk) == "Waiting for an answer"
    assert waiting.state_for(ben.pk) == "Waiting for your answer"
    assert _intro(ben, ana, Intro.State.EXPIRED, expired=True).state_for(ana.pk) == (
        "No longer open"
    )
