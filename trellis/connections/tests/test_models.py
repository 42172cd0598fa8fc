"""What the database itself guarantees about intros, relationships and exchanges."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from trellis.connections.models import Exchange, Intro, Relationship
from trellis.connections.tests.conftest import GROUNDED


def fails(**create) -> bool:
    model = create.pop("model")
    try:
        with transaction.atomic():
            model.objects.create(**create)
    except IntegrityError:
        return True
    return False


def test_a_relationship_is_stored_lower_id_first(ana, ben):
    low, high = sorted((ana, ben), key=lambda m: m.pk)

    assert fails(model=Relationship, member_a=high, member_b=low)


def test_two_relationships_of_a_pair_may_not_be_open_at_once(relationship, ana, ben):
    low, high = sorted((ana, ben), key=lambda m: m.pk)

    assert fails(model=Relationship, member_a=low, member_b=high)
    relationship.state = Relationship.State.CLOSED
    relationship.closed_at = timezone.now()
    relationship.save()
    assert not fails(model=Relationship, member_a=low, member_b=high)


def test_only_a_closed_relationship_has_a_closing_reason(ana, ben):
    low, high = sorted((ana, ben), key=lambda m: m.pk)

    assert fails(model=Relationship, member_a=low, member_b=high, closed_reason="secret")


def test_one_open_intro_per_sender_and_recipient(sent_intro, ana, ben):
    assert fails(model=Intro, sender=ana, recipient=ben, message=GROUNDED)


def test_an_intro_is_never_to_oneself(ana):
    assert fails(model=Intro, sender=ana, recipient=ana, message=GROUNDED)


def test_a_sent_intro_has_its_dates(ana, ben):
    assert fails(model=Intro, sender=ana, recipient=ben, message=GROUNDED, state="sent")


def test_only_a_declined_intro_has_a_reason(ana, ben):
    assert fails(model=Intro, sender=ana, recipient=ben, message=GROUNDED, decline_reason="no")


def test_an_exchange_says_something(relationship, ana):
    assert fails(model=Exchange, relationship=relationship, author=ana, date=timezone.localdate())


def test_nothing_names_a_reflections_words_when_printed(ana):
    from trellis.connections import services

    reflection = services.reflection_write(author=ana, body="A private thought.")

    assert "private" not in str(reflection)


@pytest.mark.parametrize("state", ["sent", "accepted", "withdrawn"])
def test_each_side_reads_the_state_it_may_know(sent_intro, ana, ben, state):
    sent_intro.state = state
    expected = {
        "sent": ("Waiting for an answer", "Waiting for your answer"),
        "accepted": ("Accepted", "Accepted"),
        "withdrawn": ("Withdrawn", "No longer open"),
    }[state]

    assert (sent_intro.state_for(ana.pk), sent_intro.state_for(ben.pk)) == expected
