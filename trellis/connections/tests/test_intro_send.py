"""intro_send: who may be sent an intro, what is stored with it, and who is told."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.connections import services
from trellis.connections.models import Intro, Origin
from trellis.connections.tests.conftest import GROUNDED, days_ago
from trellis.notifications.models import Notification
from trellis.people.services import member_update


def refused(**kwargs) -> str:
    """The reason intro_send gives, checking that it wrote nothing."""
    intros, notes = Intro.objects.count(), Notification.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.intro_send(**kwargs)
    assert (Intro.objects.count(), Notification.objects.count()) == (intros, notes)
    return " ".join(caught.value.messages)


def test_it_sends_an_intro_that_expires_after_the_configured_days(ana, ben, settings):
    settings.INTRO_EXPIRY_DAYS = 10
    now = timezone.now()

    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=now)

    intro.refresh_from_db()
    assert intro.state == Intro.State.SENT
    assert intro.message == GROUNDED
    assert intro.sent_at == now
    assert intro.expires_at == now + datetime.timedelta(days=10)
    assert intro.origin == Origin.PROFILE


def test_it_stores_what_the_two_share(ana, ben):
    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    assert {"k8s", "Kubernetes upgrades", "Kubernetes"} <= set(intro.shared)


def test_the_recipient_is_notified_in_the_app_and_by_email(
    ana, ben, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    notification = Notification.objects.get(recipient=ben)
    assert notification.kind == Notification.Kind.INTRO_RECEIVED
    assert notification.text == "Ana Lima sent you an intro."
    assert notification.url == intro.get_absolute_url()
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]
    assert intro.get_absolute_url() in mail.outbox[0].body


def test_a_mentor_ask_is_sent_anyway_with_the_linters_findings(ana, ben):
    intro = services.intro_send(sender=ana, recipient=ben, message="Will you be my mentor?")

    assert intro.state == Intro.State.SENT
    rules = {finding["rule"] for finding in intro.findings}
    assert "mentor-ask" in rules
    first = intro.findings[0]
    assert set(first) == {"rule", "start", "end", "why", "suggestion", "also"}


def test_a_grounded_intro_has_no_findings(ana, ben):
    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    assert intro.findings == []


def test_a_linter_failure_never_stops_an_intro(ana, ben, monkeypatch):
    from trellis.connections import composer

    def broken(*args, **kwargs):
        raise RuntimeError("the linter is broken")

    monkeypatch.setattr(composer, "lint_intro", broken)

    intro = services.intro_send(sender=ana, recipient=ben, message="Will you be my mentor?")

    assert intro.state == Intro.State.SENT
    assert intro.findings == []


def test_sending_uses_and_sends_the_saved_draft(ana, ben):
    draft = services.intro_draft(sender=ana, recipient=ben)

    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, intro=draft)

    assert intro.pk == draft.pk
    assert Intro.objects.filter(sender=ana).count() == 1
    assert Intro.objects.get().state == Intro.State.SENT


def test_it_rejects_an_intro_to_oneself(ana):
    assert refused(sender=ana, recipient=ana, message=GROUNDED) == (
        "You can't send an intro to yourself."
    )


def test_it_rejects_an_empty_message(ana, ben):
    assert refused(sender=ana, recipient=ben, message="   \n ") == "Write a message before sending."


def test_it_rejects_a_message_that_is_too_long(ana, ben):
    reason = refused(sender=ana, recipient=ben, message="x" * 4001)

    assert "at most 4000 characters" in reason


def test_it_rejects_an_intro_to_own_manager(make_member, ana):
    boss = make_member("Bo Boss")
    member_update(member=ana, manager=boss)

    reason = refused(sender=ana, recipient=boss, message=GROUNDED)

    assert reason.startswith("Bo Boss is above you in your reporting line.")


def test_it_rejects_an_intro_to_someone_further_up_the_chain(make_member, ana):
    top = make_member("Tia Top")
    boss = make_member("Bo Boss", manager=top)
    member_update(member=ana, manager=boss)

    assert refused(sender=ana, recipient=top, message=GROUNDED).startswith(
        "Tia Top is above you in your reporting line."
    )


def test_it_rejects_an_intro_to_ones_own_report(make_member, ana):
    report = make_member("Rae Report", manager=ana)
    below = make_member("Lou Below", manager=report)

    assert refused(sender=ana, recipient=below, message=GROUNDED).startswith(
        "Lou Below reports to you, directly or through others."
    )


def test_it_rejects_a_second_open_intro_to_the_same_person(sent_intro, ana, ben):
    assert refused(sender=ana, recipient=ben, message=GROUNDED) == (
        "You already have an intro waiting for Ben Okafor's answer."
    )


def test_it_points_to_the_intro_already_received_from_the_same_person(sent_intro, ana, ben):
    assert refused(sender=ben, recipient=ana, message=GROUNDED) == (
        "Ana Lima has already sent you an intro: you can accept it from your intros."
    )


def test_it_rejects_an_intro_to_someone_already_connected(relationship, ana, ben):
    assert refused(sender=ana, recipient=ben, message=GROUNDED) == (
        "You and Ben Okafor are already connected."
    )


def test_it_rejects_more_open_intros_than_the_limit(ana, make_member, settings):
    settings.MAX_OPEN_INTROS = 2
    for _ in range(2):
        services.intro_send(sender=ana, recipient=make_member(), message=GROUNDED)
    third = make_member("Tom Third")

    reason = refused(sender=ana, recipient=third, message=GROUNDED)

    assert reason.startswith("You have 2 intros waiting for an answer, the most you can have")


def test_answered_and_expired_intros_do_not_count_against_the_limit(ana, make_member, settings):
    settings.MAX_OPEN_INTROS = 1
    old = services.intro_send(
        sender=ana, recipient=make_member(), message=GROUNDED, now=days_ago(30)
    )

    intro = services.intro_send(sender=ana, recipient=make_member(), message=GROUNDED)

    assert intro.state == Intro.State.SENT
    old.refresh_from_db()
    assert old.state == Intro.State.EXPIRED  # expired on the way, before the sweep


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("paused", "Ben Okafor has paused their profile and isn't taking intros right now."),
        ("left", "Ben Okafor has left the network."),
    ],
)
def test_it_rejects_an_intro_to_someone_paused_or_gone(ana, ben, status, reason):
    member_update(member=ben, status=status)

    assert refused(sender=ana, recipient=ben, message=GROUNDED) == reason


def test_a_paused_member_cannot_send_intros(ana, ben):
    member_update(member=ana, status="paused")

    assert refused(sender=ana, recipient=ben, message=GROUNDED) == (
        "Your profile is paused. Set it to active to send intros."
    )


def test_it_rejects_an_intro_to_someone_at_capacity(ana, ben, carla):
    member_update(member=ben, capacity=1)
    intro = services.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    services.intro_accept(intro=intro, member=ben)

    assert refused(sender=ana, recipient=ben, message=GROUNDED) == (
        "Ben Okafor has as many relationships as they want right now."
    )


def test_a_resting_relationship_counts_against_capacity(ana, ben, carla):
    member_update(member=ben, capacity=1)
    intro = services.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    relationship = services.intro_accept(intro=intro, member=ben)
    relationship.state = relationship.State.DORMANT
    relationship.save()

    assert "as many relationships" in refused(sender=ana, recipient=ben, message=GROUNDED)


def test_it_rejects_sending_an_intro_that_expired(ana, ben):
    sent = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(20))
    services.intros_expire()

    reason = refused(sender=ana, recipient=ben, message=GROUNDED, intro=sent)

    assert reason.startswith("This intro expired on ")
    assert reason.endswith("it can no longer be sent. Write a new one.")


def test_it_rejects_sending_an_intro_twice(sent_intro, ana, ben):
    assert refused(sender=ana, recipient=ben, message=GROUNDED, intro=sent_intro) == (
        "This intro was sent already."
    )


def test_a_member_cannot_send_someone_elses_draft(ana, ben, carla):
    draft = services.intro_draft(sender=carla, recipient=ben)

    with pytest.raises(Intro.DoesNotExist):
        services.intro_send(sender=ana, recipient=ben, message=GROUNDED, intro=draft)
    draft.refresh_from_db()
    assert draft.state == Intro.State.DRAFT
