"""relationship_close: either member ends it; the reason stays with the one who closed it."""

import re

import pytest
from django.core.exceptions import ValidationError

from trellis.connections import services
from trellis.connections.models import Relationship


def test_either_member_closes_it_with_a_private_reason(relationship, ben):
    closed = services.relationship_close(relationship=relationship, member=ben, reason=" Done. ")

    closed.refresh_from_db()
    assert closed.state == Relationship.State.CLOSED
    assert closed.closed_by == ben
    assert closed.closed_reason == "Done."
    assert closed.closed_at is not None


def test_someone_outside_it_cannot_close_it(relationship, carla):
    with pytest.raises(Relationship.DoesNotExist):
        services.relationship_close(relationship=relationship, member=carla, reason="x")

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.ACTIVE


def test_it_cannot_be_closed_twice(relationship, ana, ben):
    services.relationship_close(relationship=relationship, member=ana, reason="mine")

    with pytest.raises(ValidationError, match=re.escape("This relationship is closed already.")):
        services.relationship_close(relationship=relationship, member=ben, reason="theirs")
    relationship.refresh_from_db()
    assert (relationship.closed_by_id, relationship.closed_reason) == (ana.pk, "mine")


def test_a_reason_that_is_too_long_is_refused_and_nothing_changes(relationship, ana):
    with pytest.raises(ValidationError, match="at most 1000 characters"):
        services.relationship_close(relationship=relationship, member=ana, reason="x" * 1001)

    relationship.refresh_from_db()
    assert relationship.state == Relationship.State.ACTIVE


def test_after_closing_the_two_may_start_again(relationship, ana, ben):
    services.relationship_close(relationship=relationship, member=ana)

    intro = services.intro_send(sender=ben, recipient=ana, message="Hi Ana, Kubernetes again?")
    again = services.intro_accept(intro=intro, member=ana)

    assert again.pk != relationship.pk
    assert Relationship.objects.count() == 2
