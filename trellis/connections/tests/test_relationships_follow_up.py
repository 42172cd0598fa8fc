"""relationships_follow_up: one prompt to note the first exchange of a new relationship."""

from trellis.connections import services
from trellis.connections.models import Relationship
from trellis.connections.tests.conftest import days_ago, record
from trellis.notifications.models import Notification


def follow_ups() -> list[int]:
    return sorted(
        Notification.objects.filter(kind=Notification.Kind.FOLLOW_UP).values_list(
            "recipient_id", flat=True
        )
    )


def test_both_are_prompted_once_a_week_after_connecting(relationship, ana, ben):
    Relationship.objects.filter(pk=relationship.pk).update(started_at=days_ago(8))

    assert services.relationships_follow_up() == 1
    assert services.relationships_follow_up() == 0

    assert follow_ups() == sorted([ana.pk, ben.pk])
    text = Notification.objects.get(recipient=ana, kind=Notification.Kind.FOLLOW_UP).text
    assert text.startswith("You and Ben Okafor connected a while ago.")


def test_a_relationship_with_an_exchange_needs_no_prompt(relationship, ana):
    record(relationship, ana, shared="Our upgrade checklist")
    Relationship.objects.filter(pk=relationship.pk).update(started_at=days_ago(8))

    assert services.relationships_follow_up() == 0
    assert follow_ups() == []


def test_a_new_relationship_is_left_in_peace(relationship):
    assert services.relationships_follow_up() == 0
