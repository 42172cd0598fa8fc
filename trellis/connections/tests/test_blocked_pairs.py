"""blocked_pairs, and matching never suggesting those pairs in rounds or recommendations."""

import pytest

from trellis.connections import selectors, services
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED, days_ago
from trellis.matching import runs as matching_runs
from trellis.matching import selectors as matching_selectors
from trellis.matching import services as matching_services
from trellis.matching.models import Cohort, Suggestion


def pair(a, b) -> tuple[str, str]:
    low, high = sorted((a.pk, b.pk))
    return (str(low), str(high))


def test_a_pair_with_an_active_or_resting_relationship_is_blocked(relationship, ana, ben):
    assert selectors.blocked_pairs() == {pair(ana, ben)}

    relationship.state = relationship.State.DORMANT
    relationship.save()
    assert selectors.blocked_pairs() == {pair(ana, ben)}


def test_a_closed_relationship_no_longer_blocks(relationship, ana):
    services.relationship_close(relationship=relationship, member=ana)

    assert selectors.blocked_pairs() == set()


def test_an_intro_declined_recently_blocks_the_pair(sent_intro, ana, ben, settings):
    settings.DECLINE_BLOCK_DAYS = 90
    services.intro_decline(intro=sent_intro, member=ben)

    assert selectors.blocked_pairs() == {pair(ana, ben)}


def test_a_decline_older_than_the_block_no_longer_blocks(sent_intro, ana, ben, settings):
    settings.DECLINE_BLOCK_DAYS = 90
    services.intro_decline(intro=sent_intro, member=ben)
    # The block runs from when the intro would have expired, as its sender saw it end.
    Intro.objects.filter(pk=sent_intro.pk).update(expires_at=days_ago(91))

    assert selectors.blocked_pairs() == set()


def test_a_block_of_zero_days_turns_it_off(sent_intro, ben, settings):
    settings.DECLINE_BLOCK_DAYS = 0
    services.intro_decline(intro=sent_intro, member=ben)

    assert selectors.blocked_pairs() == set()


def test_an_intro_waiting_for_an_answer_blocks_the_pair(sent_intro, ana, ben):
    assert selectors.blocked_pairs() == {pair(ana, ben)}


@pytest.mark.parametrize("state", ["withdrawn", "expired"])
def test_a_withdrawn_or_expired_intro_blocks_as_a_declined_one_does(sent_intro, ana, ben, state):
    # Alike, or the block would tell a sender which of their intros was declined.
    if state == "withdrawn":
        services.intro_withdraw(intro=sent_intro, member=ana)
    elif state == "expired":
        Intro.objects.filter(pk=sent_intro.pk).update(state=Intro.State.EXPIRED)

    assert selectors.blocked_pairs() == {pair(ana, ben)}


def test_an_accepted_intro_blocks_only_through_its_relationship(relationship, ana):
    services.relationship_close(relationship=relationship, member=ana)

    assert selectors.blocked_pairs() == set()


def test_only_pairs_with_one_of_the_members_asked_for(relationship, ana, ben, carla, dev):
    intro = services.intro_send(sender=carla, recipient=dev, message=GROUNDED)
    services.intro_accept(intro=intro, member=dev)

    assert selectors.blocked_pairs(member_ids=[carla.pk]) == {pair(carla, dev)}
    assert selectors.blocked_pairs(member_ids=[ana.pk, dev.pk]) == {
        pair(ana, ben),
        pair(carla, dev),
    }


def test_a_round_keeps_connected_and_declined_pairs_apart(
    fake_engine,
    relationship,
    ana,
    ben,
    carla,
    dev,
    organiser,
):
    declined = services.intro_send(sender=carla, recipient=dev, message=GROUNDED)
    services.intro_decline(intro=declined, member=dev)

    cohort = matching_selectors.cohort_people(cohort=Cohort("all"))
    assert {pair(ana, ben), pair(carla, dev)} <= cohort.blocked

    round_obj = matching_services.round_create(
        organiser=organiser.user, cohort="all", enqueue=False
    )
    matching_runs.round_run(round_id=round_obj.pk)
    paired = set(
        Suggestion.objects.filter(round=round_obj).values_list("member_a_id", "member_b_id")
    )
    assert paired  # the stand-in engine paired someone
    assert not {tuple(sorted((ana.pk, ben.pk))), tuple(sorted((carla.pk, dev.pk)))} & paired


def test_recommendations_never_suggest_someone_already_connected(
    fake_engine,
    relationship,
    ana,
    ben,
    carla,
):
    matching_runs.recommendations_refresh(member_ids=[ana.pk])

    assert pair(ana, ben) in fake_engine.calls[-1]["blocked"]
    recommended = Suggestion.objects.filter(recommended_to=ana)
    others = {s.member_b_id if s.member_a_id == ana.pk else s.member_a_id for s in recommended}
    assert carla.pk in others
    assert ben.pk not in others
