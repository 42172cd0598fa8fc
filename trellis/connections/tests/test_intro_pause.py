"""After an intro ends without being accepted, the pair is kept apart for a while, and
the sender cannot tell a decline from an expiry or their own withdrawal by it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.connections import selectors, services
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED
from trellis.people.hooks import pair_key


def end(intro: Intro, how: str, sender, recipient) -> None:
    if how == "declined":
        services.intro_decline(intro=intro, member=recipient)
    elif how == "withdrawn":
        services.intro_withdraw(intro=intro, member=sender)
    # "expired": nobody answers; time passes below.


def after_expiry(intro: Intro, days: float = 1):
    return intro.expires_at + timedelta(days=days)


@pytest.mark.parametrize("how", ["declined", "expired", "withdrawn"])
def test_the_sender_may_not_write_again_soon_and_is_told_the_same_whatever_happened(
    sent_intro, ana, ben, how, settings
):
    settings.DECLINE_BLOCK_DAYS = 90
    end(sent_intro, how, ana, ben)

    refusal = services.intro_refusal(sender=ana, recipient=ben, now=after_expiry(sent_intro))

    until = timezone.localtime(sent_intro.expires_at + timedelta(days=90))
    assert refusal == (
        f"Your last intro to {ben.display_name} is no longer open. Trellis leaves 90 days "
        "after an intro would have expired before another to the same person: you can "
        f"write to {ben.display_name} again from {until.day} {until:%B %Y}."
    )


def test_the_refusal_reads_the_same_for_a_decline_and_an_expiry(ana, ben, carla):
    declined = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    services.intro_decline(intro=declined, member=ben)
    services.intro_send(sender=ana, recipient=carla, message=GROUNDED)
    later = after_expiry(declined, days=3)

    to_ben = services.intro_refusal(sender=ana, recipient=ben, now=later)
    to_carla = services.intro_refusal(sender=ana, recipient=carla, now=later)

    assert to_ben.replace(ben.display_name, "X") == to_carla.replace(carla.display_name, "X")


def test_sending_during_the_pause_is_refused_and_nothing_is_written(sent_intro, ana, ben):
    from django.core.exceptions import ValidationError

    services.intro_decline(intro=sent_intro, member=ben)
    count = Intro.objects.count()

    with pytest.raises(ValidationError, match="is no longer open"):
        services.intro_send(
            sender=ana, recipient=ben, message=GROUNDED, now=after_expiry(sent_intro)
        )
    assert Intro.objects.count() == count


def test_after_the_pause_the_sender_may_write_again(sent_intro, ana, ben, settings):
    settings.DECLINE_BLOCK_DAYS = 30
    services.intro_decline(intro=sent_intro, member=ben)

    later = after_expiry(sent_intro, days=31)

    assert services.intro_refusal(sender=ana, recipient=ben, now=later) is None


def test_no_pause_when_the_setting_is_zero(sent_intro, ana, ben, settings):
    settings.DECLINE_BLOCK_DAYS = 0
    services.intro_decline(intro=sent_intro, member=ben)

    assert services.intro_refusal(sender=ana, recipient=ben, now=after_expiry(sent_intro)) is None


def test_the_pause_is_one_way_the_recipient_may_still_write(sent_intro, ana, ben):
    services.intro_decline(intro=sent_intro, member=ben)

    assert services.intro_refusal(sender=ben, recipient=ana, now=after_expiry(sent_intro)) is None


@pytest.mark.parametrize("how", ["declined", "expired", "withdrawn"])
def test_the_pair_stays_out_of_suggestions_the_same_way_whatever_happened(
    sent_intro, ana, ben, how
):
    end(sent_intro, how, ana, ben)
    later = after_expiry(sent_intro, days=30)

    blocked = selectors.blocked_pairs(member_ids=[ana.pk], now=later)
    whole_cohort = selectors.blocked_pairs(now=later)

    pair = pair_key(ana.pk, ben.pk)
    assert pair in blocked and pair in whole_cohort
