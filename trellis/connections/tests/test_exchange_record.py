"""exchange_record: either member notes what they shared and learned."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.connections import services
from trellis.connections.models import Exchange, Relationship
from trellis.connections.tests.conftest import days_ago, record
from trellis.people.models import Topic


def refused(relationship, author, **fields) -> dict:
    """The problems exchange_record names, checking that it wrote nothing."""
    before = relationship.__class__.objects.values().get(pk=relationship.pk)
    with pytest.raises(ValidationError) as caught:
        record(relationship, author, **fields)
    assert not Exchange.objects.exists()
    assert relationship.__class__.objects.values().get(pk=relationship.pk) == before
    return (
        caught.value.message_dict if hasattr(caught.value, "error_dict") else caught.value.messages
    )


@pytest.mark.parametrize("who", ["ana", "ben"])
def test_either_member_records_an_exchange(request, relationship, who):
    author = request.getfixturevalue(who)
    kubernetes = Topic.objects.get(slug="kubernetes")

    exchange = record(
        relationship,
        author,
        shared="How we drain nodes",
        learned="How designers test flows",
        note="Next: pair on the runbook",
        topics=[kubernetes],
    )

    assert exchange.author == author
    assert list(exchange.topics.all()) == [kubernetes]
    assert exchange.note == "Next: pair on the runbook"
    relationship.refresh_from_db()
    assert relationship.last_exchange_at is not None


def test_someone_outside_the_relationship_cannot_record_one(relationship, carla):
    with pytest.raises(Relationship.DoesNotExist):
        record(relationship, carla, shared="I was not there")
    assert not Exchange.objects.exists()


def test_it_needs_something_shared_or_learned(relationship, ana):
    problems = refused(relationship, ana, shared="  ", learned="")

    assert problems == {"what_i_shared": ["Say what you shared, what you learned, or both."]}


def test_it_rejects_a_date_in_the_future(relationship, ana):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    assert refused(relationship, ana, shared="x", day=tomorrow) == {
        "date": ["This date is in the future."]
    }


def test_it_rejects_a_date_before_the_two_connected(relationship, ana):
    before = timezone.localdate(relationship.started_at) - datetime.timedelta(days=1)

    problems = refused(relationship, ana, shared="x", day=before)

    assert problems["date"][0].startswith("You connected on ")


def test_it_rejects_text_that_is_too_long(relationship, ana):
    problems = refused(relationship, ana, shared="x" * 4001)

    assert "at most 4000 characters" in problems["what_i_shared"][0]


def test_a_closed_relationship_takes_no_more_exchanges(relationship, ana):
    services.relationship_close(relationship=relationship, member=ana)
    relationship.refresh_from_db()

    assert refused(relationship, ana, shared="x") == [
        "This relationship is closed: exchanges can no longer be added."
    ]


def test_an_exchange_wakes_a_resting_relationship(relationship, ana):
    Relationship.objects.filter(pk=relationship.pk).update(
        state=Relationship.State.DORMANT, resting_notified_at=days_ago(1)
    )

    record(relationship, ana, learned="Where to start with a11y")

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.ACTIVE
    assert relationship.resting_notified_at is None
