"""Suggestions and helpers never show someone the member cannot act on now; a member at
capacity is told so first, and offered no way to introduce themselves."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services as connections
from trellis.connections.tests.conftest import GROUNDED
from trellis.matching import services as matching
from trellis.matching.models import HelperList, PossibleHelper, Round, Suggestion
from trellis.people.models import Member, Topic

HOME = reverse("home:home")
FULL = "as many as your profile allows"


@pytest.fixture
def suggestion(ana, ben) -> Suggestion:
    """A published round's suggestion that Ana and Ben meet."""
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    round_obj = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    sides = {"explanation_for_a": "You both work on it.", "explanation_for_b": "You both do."}
    return Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5, **sides)


def shown(client, member) -> list[int]:
    client.force_login(member.user)
    return [s.other_member.pk for s in client.get(HOME).context["suggestions"]]


def test_a_suggestion_is_shown_to_both_members(client, suggestion, ana, ben):
    assert shown(client, ana) == [ben.pk]
    assert shown(client, ben) == [ana.pk]


@pytest.mark.parametrize("sender", ["ana", "ben"])
def test_an_open_intro_either_way_hides_the_suggestion_from_both(
    client, suggestion, ana, ben, sender
):
    people = {"ana": (ana, ben), "ben": (ben, ana)}[sender]
    connections.intro_send(sender=people[0], recipient=people[1], message=GROUNDED)

    assert shown(client, ana) == []
    assert shown(client, ben) == []


def test_a_relationship_hides_the_suggestion(client, suggestion, relationship, ana):
    assert shown(client, ana) == []


@pytest.mark.parametrize("status", [Member.Status.PAUSED, Member.Status.LEFT])
def test_someone_paused_or_gone_is_not_suggested(client, suggestion, ana, ben, status):
    Member.objects.filter(pk=ben.pk).update(status=status)

    assert shown(client, ana) == []


def test_someone_at_capacity_is_not_suggested(client, suggestion, ana, ben, carla, dev):
    Member.objects.filter(pk=ben.pk).update(capacity=1)
    intro = connections.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ben)

    assert shown(client, ana) == []
    assert dev.pk not in shown(client, dev)  # nobody else's view changes for it


def test_the_other_members_dismissal_is_never_revealed(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)

    assert shown(client, ana) == []
    assert shown(client, ben) == [ana.pk]


def test_a_member_at_capacity_is_told_first_and_offered_no_introduction(
    client, suggestion, ana, carla
):
    Member.objects.filter(pk=ana.pk).update(capacity=1)
    intro = connections.intro_send(sender=carla, recipient=ana, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ana)
    client.force_login(ana.user)

    content = client.get(HOME).content.decode()

    assert "You have no room for another relationship." in content
    assert FULL in content
    assert reverse("people:profile_edit") in content
    assert content.index(FULL) < content.index(f'id="suggestion-{suggestion.pk}"')
    assert f"?suggestion={suggestion.pk}" not in content  # no "Introduce yourself"


def test_a_member_with_room_is_not_told_about_capacity(client, suggestion, ana):
    client.force_login(ana.user)

    content = client.get(HOME).content.decode()

    assert FULL not in content
    assert f"?suggestion={suggestion.pk}" in content


def test_a_profile_tells_a_member_at_capacity_why_they_cannot_introduce_themselves(
    client, ana, ben, carla
):
    Member.objects.filter(pk=ana.pk).update(capacity=1)
    intro = connections.intro_send(sender=carla, recipient=ana, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ana)
    client.force_login(ana.user)

    content = client.get(reverse("home:profile", args=[ben.pk])).content.decode()

    assert FULL in content
    assert reverse("home:compose", args=[ben.pk]) not in content


def test_a_topics_helpers_tell_a_member_at_capacity_why_they_cannot_write(client, ana, ben, carla):
    topic = Topic.objects.get(slug="terraform")
    listed = HelperList.objects.create(about="topic", topic=topic, computed_at=timezone.now())
    entry = PossibleHelper.objects.create(
        helper_list=listed, helper=ben, position=1, score=1.0, explanation="Terraform."
    )
    topic_page = reverse("home:topic_detail", args=["terraform"])
    client.force_login(ana.user)
    assert f"?helper={entry.pk}" in client.get(topic_page).content.decode()
    Member.objects.filter(pk=ana.pk).update(capacity=1)
    intro = connections.intro_send(sender=carla, recipient=ana, message=GROUNDED)
    connections.intro_accept(intro=intro, member=ana)

    content = client.get(topic_page).content.decode()

    assert FULL in content
    assert "Ben Okafor" in content and f"?helper={entry.pk}" not in content
