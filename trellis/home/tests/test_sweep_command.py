"""`trellis sweep`: expire intros, rest quiet relationships, prompt new ones, queue who could
help whom and which initiatives fit whom; for cron."""

import contextlib
from io import StringIO

import pytest
from django.core.management import call_command

from trellis.connections import services
from trellis.connections.models import Intro, Relationship
from trellis.connections.tests.conftest import GROUNDED, days_ago
from trellis.notifications.models import Notification


def sweep() -> str:
    out = StringIO()
    call_command("sweep", stdout=out)
    return out.getvalue()


def test_it_expires_rests_and_prompts_and_prints_the_counts(ana, ben, carla, dev):
    quiet = services.intro_accept(
        intro=services.intro_send(sender=ana, recipient=ben, message=GROUNDED), member=ben
    )
    Relationship.objects.filter(pk=quiet.pk).update(started_at=days_ago(60))
    new = services.intro_accept(
        intro=services.intro_send(sender=carla, recipient=dev, message=GROUNDED), member=dev
    )
    Relationship.objects.filter(pk=new.pk).update(started_at=days_ago(8))
    services.intro_send(sender=ana, recipient=carla, message=GROUNDED, now=days_ago(20))

    output = sweep()

    assert output.splitlines() == [
        "Intros expired: 1",
        "Relationships now resting: 1 (2 told)",
        "New relationships prompted to follow up: 1",
        "Who could help whom: queued (the worker redoes it once a day)",
        "Initiatives that fit each member: queued (anything waiting now, everyone once a day)",
        "Organiser insights: queued (the worker works them out)",
        "Audit events past the retention period deleted: 0",
        "Weekly digest: off (TRELLIS_DIGEST_ENABLED)",
    ]
    assert Intro.objects.filter(state=Intro.State.EXPIRED).count() == 1
    assert Relationship.objects.get(pk=quiet.pk).state == Relationship.State.DORMANT


def test_running_it_again_changes_nothing(ana, ben):
    services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(20))
    sweep()
    notes = Notification.objects.count()

    assert sweep().splitlines() == [
        "Intros expired: 0",
        "Relationships now resting: 0 (0 told)",
        "New relationships prompted to follow up: 0",
        "Who could help whom: queued (the worker redoes it once a day)",
        "Initiatives that fit each member: queued (anything waiting now, everyone once a day)",
        "Organiser insights: queued (the worker works them out)",
        "Audit events past the retention period deleted: 0",
        "Weekly digest: off (TRELLIS_DIGEST_ENABLED)",
    ]
    assert Notification.objects.count() == notes


def test_its_help_says_what_it_does_and_that_it_is_for_cron():
    out = StringIO()

    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        call_command("sweep", "--help")

    assert "Expire unanswered intros" in out.getvalue()
    assert "cron" in out.getvalue()
