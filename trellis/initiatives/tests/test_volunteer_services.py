"""Offering to help, and the lead's answer within the places the initiative has."""

import pytest
from django.core.exceptions import ValidationError

from trellis.initiatives import services
from trellis.initiatives.models import Initiative, Volunteer
from trellis.initiatives.tests.conftest import snapshot
from trellis.notifications.models import Notification
from trellis.people.models import Member


def offer(initiative, member, brings="SQL and Go", wants="Terraform"):
    return services.volunteer_offer(
        initiative=initiative, member=member, brings=brings, wants_to_learn=wants
    )


def test_a_member_offers_to_help_and_the_lead_is_told(initiative, ana, carla):
    volunteer = offer(initiative, ana)

    assert volunteer.state == Volunteer.State.APPLIED
    told = Notification.objects.get(recipient=carla, kind=Notification.Kind.VOLUNTEER_OFFERED)
    assert told.text == "Ana Lima offered to help with “Kubernetes cost reports”."
    assert told.url == f"/initiatives/{initiative.pk}/volunteers/"


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("carla", "You lead this initiative: volunteers offer to help you."),
        ("twice", "You have already offered to help with this initiative."),
    ],
)
def test_volunteering_for_ones_own_initiative_or_twice_is_refused(
    initiative, ana, carla, who, message
):
    member = carla if who == "carla" else ana
    if who == "twice":
        offer(initiative, ana)
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        offer(initiative, member)

    assert refused.value.messages == [message]
    assert snapshot() == before


@pytest.mark.parametrize("state", ["draft", "done", "cancelled"])
def test_an_initiative_not_open_takes_no_offers(make_initiative, carla, ana, state):
    initiative = make_initiative(publish=state != "draft")
    if state != "draft":
        services.initiative_move(initiative=initiative, member=carla, to=state)
    before = snapshot()

    with pytest.raises(ValidationError, match="it takes no offers"):
        offer(initiative, ana)
    assert snapshot() == before


def test_an_offer_says_what_the_volunteer_brings(initiative, ana):
    with pytest.raises(ValidationError) as refused:
        offer(initiative, ana, brings="   ")

    assert refused.value.message_dict["brings"] == [
        "Say what you bring: the lead reads it to see where you fit."
    ]
    assert not Volunteer.objects.exists()


def test_a_paused_member_cannot_volunteer(initiative, ana):
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.PAUSED)
    ana.refresh_from_db()

    with pytest.raises(ValidationError, match="not active"):
        offer(initiative, ana)


def test_offering_again_after_withdrawing_reuses_the_offer(initiative, ana):
    first = offer(initiative, ana)
    services.volunteer_withdraw(volunteer=first, member=ana)

    again = offer(initiative, ana, brings="Now with dashboards")

    assert again.pk == first.pk
    assert again.state == Volunteer.State.APPLIED
    assert again.brings == "Now with dashboards"


def test_only_the_volunteer_withdraws_an_offer(offer, ben, carla):
    for other in (ben, carla):
        with pytest.raises(Volunteer.DoesNotExist):
            services.volunteer_withdraw(volunteer=offer, member=other)
    offer.refresh_from_db()
    assert offer.state == Volunteer.State.APPLIED


def test_the_lead_welcomes_a_volunteer_who_is_told(offer, carla, ana):
    services.volunteer_accept(volunteer=offer, lead=carla)

    offer.refresh_from_db()
    assert offer.state == Volunteer.State.ACCEPTED
    assert offer.answered_at is not None
    assert Notification.objects.filter(
        recipient=ana, kind=Notification.Kind.VOLUNTEER_ACCEPTED
    ).exists()


def test_only_the_lead_answers_an_offer(offer, ana, ben):
    for other in (ana, ben):
        for answer in (services.volunteer_accept, services.volunteer_decline):
            with pytest.raises(Initiative.DoesNotExist):
                answer(volunteer=offer, lead=other)
    offer.refresh_from_db()
    assert offer.state == Volunteer.State.APPLIED


def test_a_decline_is_told_to_the_volunteer_only(offer, carla, ana, ben):
    services.volunteer_decline(volunteer=offer, lead=carla)

    offer.refresh_from_db()
    assert offer.state == Volunteer.State.DECLINED
    told = Notification.objects.filter(kind=Notification.Kind.VOLUNTEER_DECLINED)
    assert list(told.values_list("recipient_id", flat=True)) == [ana.pk]
    assert offer.state_for(ana.pk) == "Declined"
    assert offer.state_for(ben.pk) == "Not on the team"


def test_an_answered_offer_cannot_be_answered_again(on_team, carla):
    before = snapshot()

    with pytest.raises(ValidationError, match="answered already or withdrawn"):
        services.volunteer_decline(volunteer=on_team, lead=carla)
    assert snapshot() == before


def test_a_full_team_welcomes_nobody_else(make_initiative, carla, ana, ben):
    initiative = make_initiative(helpers_wanted=1)
    services.volunteer_accept(volunteer=offer(initiative, ana), lead=carla)
    second = offer(initiative, ben)
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.volunteer_accept(volunteer=second, lead=carla)

    assert refused.value.messages == [
        "The team is full: you asked for 1 helper. Ask for more on the initiative to welcome "
        "another."
    ]
    assert snapshot() == before


def test_leaving_the_team_frees_a_place(make_initiative, carla, ana, ben):
    initiative = make_initiative(helpers_wanted=1)
    first = offer(initiative, ana)
    services.volunteer_accept(volunteer=first, lead=carla)
    second = offer(initiative, ben)

    services.volunteer_withdraw(volunteer=first, member=ana)
    services.volunteer_accept(volunteer=second, lead=carla)

    assert list(
        initiative.volunteers.filter(state="accepted").values_list("member_id", flat=True)
    ) == [ben.pk]


def test_a_cancelled_initiative_welcomes_nobody(offer, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="cancelled")

    with pytest.raises(ValidationError, match="This initiative is cancelled"):
        services.volunteer_accept(volunteer=offer, lead=carla)
