"""intros_expire: unanswered intros stop waiting after TRELLIS_INTRO_EXPIRY_DAYS."""

from trellis.connections import services
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED, days_ago


def test_it_expires_intros_older_than_the_configured_days(ana, ben, carla, settings):
    settings.INTRO_EXPIRY_DAYS = 14
    old = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(15))
    fresh = services.intro_send(sender=ana, recipient=carla, message=GROUNDED, now=days_ago(13))

    assert services.intros_expire() == 1

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.state == Intro.State.EXPIRED
    assert fresh.state == Intro.State.SENT


def test_answered_intros_and_drafts_are_left_alone(ana, ben, carla):
    declined = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(30))
    declined.state = Intro.State.DECLINED  # declined in time, long ago
    declined.save()
    draft = services.intro_draft(sender=ana, recipient=carla)

    assert services.intros_expire() == 0

    assert Intro.objects.get(pk=declined.pk).state == Intro.State.DECLINED
    assert Intro.objects.get(pk=draft.pk).state == Intro.State.DRAFT


def test_running_it_again_changes_nothing(ana, ben):
    services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(20))

    assert services.intros_expire() == 1
    assert services.intros_expire() == 0


def test_an_expired_intro_reads_no_longer_open_to_both(ana, ben):
    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(20))
    services.intros_expire()
    intro.refresh_from_db()

    assert intro.state_for(ana.pk) == "No longer open"
    assert intro.state_for(ben.pk) == "No longer open"
