"""relationships_rest: quiet relationships rest, and each member hears of it once."""

import datetime

from django.core import mail

from trellis.connections import services
from trellis.connections.models import Relationship
from trellis.connections.tests.conftest import days_ago, record
from trellis.notifications import services as notifications
from trellis.notifications.models import Notification

SIX_WEEKS = 42


def started(relationship, days: float) -> None:
    Relationship.objects.filter(pk=relationship.pk).update(started_at=days_ago(days))


def resting_notes() -> list[tuple[int, str]]:
    return list(
        Notification.objects.filter(kind=Notification.Kind.RELATIONSHIP_RESTING).values_list(
            "recipient_id", "text"
        )
    )


def test_a_relationship_quiet_for_the_configured_weeks_rests(relationship, settings):
    settings.RESTING_AFTER_WEEKS = 6
    started(relationship, SIX_WEEKS + 1)

    report = services.relationships_rest()

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.DORMANT
    assert report.rested == 1


def test_a_relationship_with_a_recent_exchange_stays_active(relationship, ana):
    started(relationship, SIX_WEEKS * 3)
    record(relationship, ana, shared="Our upgrade checklist")

    assert services.relationships_rest().rested == 0
    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.ACTIVE


def test_a_young_relationship_stays_active(relationship):
    started(relationship, SIX_WEEKS - 1)

    assert services.relationships_rest().rested == 0


def test_each_member_is_told_once_gently(
    relationship, ana, ben, django_capture_on_commit_callbacks
):
    started(relationship, SIX_WEEKS + 1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.relationships_rest()

    notes = dict(resting_notes())
    assert set(notes) == {ana.pk, ben.pk}
    assert notes[ana.pk].startswith("Your relationship with Ben Okafor is resting:")
    assert "That's fine." in notes[ana.pk]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]


def test_nobody_is_nagged_again_while_it_rests(relationship):
    started(relationship, SIX_WEEKS + 1)
    services.relationships_rest()
    Relationship.objects.filter(pk=relationship.pk).update(state=Relationship.State.ACTIVE)

    services.relationships_rest()  # still quiet: it rests again, nobody is told again
    services.relationships_rest(now=days_ago(-100))

    assert len(resting_notes()) == 2


def test_after_they_come_back_the_next_quiet_spell_is_told_again(relationship, ana):
    started(relationship, SIX_WEEKS + 1)
    services.relationships_rest()
    record(relationship, ana, learned="How Ben runs usability tests")

    services.relationships_rest(now=days_ago(-(SIX_WEEKS + 1)))

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.DORMANT
    assert len(resting_notes()) == 4


def test_closed_relationships_never_rest(relationship, ana):
    started(relationship, SIX_WEEKS * 2)
    services.relationship_close(relationship=relationship, member=ana)

    assert services.relationships_rest().rested == 0
    assert resting_notes() == []


def test_a_member_who_turned_it_off_is_not_told(relationship, ana, ben):
    notifications.notification_preferences_set(
        member=ana, choices={Notification.Kind.RELATIONSHIP_RESTING: (False, False)}
    )
    started(relationship, SIX_WEEKS + 1)

    services.relationships_rest()

    assert [who for who, _ in resting_notes()] == [ben.pk]
    relationship.refresh_from_db()
    assert relationship.resting_notified_at is not None
    assert isinstance(relationship.resting_notified_at, datetime.datetime)
