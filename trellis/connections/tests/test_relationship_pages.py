"""A relationship's page: both profiles, what they share, exchanges, reciprocity, closing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.connections import services
from trellis.connections.models import Exchange, Relationship
from trellis.connections.tests.conftest import record

LIST = reverse("connections:relationship_list")


def detail(relationship) -> str:
    return reverse("connections:relationship_detail", args=[relationship.pk])


def exchanges(relationship) -> str:
    return reverse("connections:exchange_new", args=[relationship.pk])


def close(relationship) -> str:
    return reverse("connections:relationship_close", args=[relationship.pk])


def page(client, member, url) -> str:
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def form(**fields) -> dict:
    return {"date": timezone.localdate().isoformat(), "topics": ""} | fields


def test_the_page_shows_both_profiles_and_what_they_share(client, relationship, ana, ben):
    content = page(client, ana, detail(relationship))

    assert "You and Ben Okafor" in content
    assert "accessibility audit of the checkout" in content  # Ben's profile
    assert "Kubernetes upgrades, on-call load" in content  # Ana's own
    assert "Your intro was grounded in:" in content and "k8s" in content
    assert "<svg" in content and 'role="img"' in content  # the reciprocity chart


@pytest.mark.parametrize("who", ["ana", "ben"])
def test_both_members_list_it(client, relationship, request, who):
    member = request.getfixturevalue(who)
    other = "Ben Okafor" if who == "ana" else "Ana Lima"

    assert other in page(client, member, LIST)


def test_recording_an_exchange_where_one_shared_offers_a_reflection(client, relationship, ana):
    client.force_login(ana.user)

    response = client.post(
        exchanges(relationship),
        form(what_i_shared="Our node-drain checklist", topics="k8s, Terraform", note="Thanks!"),
    )

    exchange = Exchange.objects.get()
    assert response.url == f"{reverse('connections:reflection_new')}?exchange={exchange.pk}"
    assert sorted(t.name for t in exchange.topics.all()) == ["Kubernetes", "Terraform"]


def test_recording_only_what_one_learned_goes_back_to_the_relationship(client, relationship, ben):
    client.force_login(ben.user)

    response = client.post(exchanges(relationship), form(what_i_learned="How to drain nodes"))

    assert response.url == detail(relationship)


def test_both_see_every_exchange_and_its_note(client, relationship, ana, ben):
    record(relationship, ana, shared="Our node-drain checklist", note="Let's pair next week")

    for member in (ana, ben):
        content = page(client, member, detail(relationship))
        assert "Our node-drain checklist" in content
        assert "Let&#x27;s pair next week" in content


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({}, "Say what you shared, what you learned, or both."),
        ({"what_i_shared": "x", "topics": "knitting"}, "Not a topic we know: “knitting”."),
        ({"what_i_shared": "x", "date": "not a date"}, "Enter a valid date."),
        ({"what_i_shared": "x", "date": "2999-01-01"}, "This date is in the future."),
        ({"what_i_shared": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_bad_exchanges_are_refused_with_a_reason_and_nothing_is_written(
    client, relationship, ana, fields, problem
):
    client.force_login(ana.user)

    response = client.post(exchanges(relationship), form(**fields))

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not Exchange.objects.exists()


def test_closing_keeps_the_reason_for_the_one_who_closed(client, relationship, ana, ben):
    client.force_login(ana.user)
    client.post(close(relationship), {"reason": "We drifted apart"})

    assert Relationship.objects.get().state == Relationship.State.CLOSED
    assert "We drifted apart" in page(client, ana, detail(relationship))
    theirs = page(client, ben, detail(relationship))
    assert "This relationship is closed" in theirs
    assert "We drifted apart" not in theirs
    assert exchanges(relationship) not in theirs


def test_a_closing_reason_that_is_too_long_is_refused(client, relationship, ana):
    client.force_login(ana.user)

    response = client.post(close(relationship), {"reason": "x" * 1001})

    assert "at most 1000 characters" in response.content.decode()
    assert Relationship.objects.get().state == Relationship.State.ACTIVE


def test_a_one_way_relationship_gets_a_gentle_prompt(client, relationship, ana, ben):
    for day in range(3):
        record(relationship, ana, learned=f"Lesson {day}")

    mine = page(client, ana, detail(relationship))
    theirs = page(client, ben, detail(relationship))

    assert "You have learned a lot from Ben — what could you offer?" in mine
    assert "Ben is learning: k8s." in mine
    assert "You have shared a lot with Ana — what could you learn from them?" in theirs


def test_a_two_way_relationship_gets_no_prompt(client, relationship, ana, ben):
    for day in range(3):
        record(relationship, ana, learned=f"Lesson {day}")
    record(relationship, ben, learned="Ana's checklist")

    assert "what could you offer" not in page(client, ana, detail(relationship))


@pytest.mark.parametrize("who", ["carla", "organiser"])
def test_anyone_else_gets_not_found_for_every_relationship_url(client, request, relationship, who):
    client.force_login(request.getfixturevalue(who).user)
    missing = Relationship(pk=relationship.pk + 1000)

    for target in (relationship, missing):
        assert client.get(detail(target)).status_code == 404
        assert client.post(exchanges(target), form(what_i_shared="x")).status_code == 404
        assert client.post(close(target), {"reason": "x"}).status_code == 404
    assert not Exchange.objects.exists()
    assert Relationship.objects.get().state == Relationship.State.ACTIVE


def test_the_page_costs_the_same_queries_whatever_the_number_of_exchanges(
    client, relationship, ana, ben, django_assert_num_queries
):
    client.force_login(ana.user)
    record(relationship, ana, shared="one", topics=[])
    # Session, user, member, unread count, the relationship with both members and its
    # intro, each member's topics (2), exchanges, their topics, the times proposed. (No
    # write: a GET writes nothing; the page posts that it was seen.)
    with django_assert_num_queries(10):
        client.get(detail(relationship))
    from trellis.people.models import Topic

    topics = list(Topic.objects.all()[:3])
    for n in range(6):
        record(relationship, ben if n % 2 else ana, shared=f"s{n}", learned=f"l{n}", topics=topics)
    with django_assert_num_queries(10):
        response = client.get(detail(relationship))
    assert len(response.context["exchanges"]) == 7


def test_the_list_costs_the_same_queries_whatever_its_length(
    client, ana, make_member, django_assert_num_queries
):
    from trellis.connections.tests.conftest import GROUNDED
    from trellis.people.services import member_update

    member_update(member=ana, capacity=10)
    client.force_login(ana.user)

    def connect():
        other = make_member()
        services.intro_accept(
            intro=services.intro_send(sender=ana, recipient=other, message=GROUNDED), member=other
        )

    connect()
    with django_assert_num_queries(5):
        client.get(LIST)
    for _ in range(4):
        connect()
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.context["relationships"]) == 5


def test_the_list_shows_active_then_resting_then_closed(client, ana, make_member):
    from trellis.connections.tests.conftest import GROUNDED
    from trellis.people.services import member_update

    member_update(member=ana, capacity=5)
    made = {}
    for name in ("Closed Cleo", "Resting Rui", "Active Ada"):
        other = make_member(name)
        intro = services.intro_send(sender=ana, recipient=other, message=GROUNDED)
        made[name] = services.intro_accept(intro=intro, member=other)
    services.relationship_close(relationship=made["Closed Cleo"], member=ana)
    Relationship.objects.filter(pk=made["Resting Rui"].pk).update(state="dormant")
    client.force_login(ana.user)

    shown = client.get(LIST).context["relationships"]

    assert [r.other_member.display_name for r in shown] == [
        "Active Ada",
        "Resting Rui",
        "Closed Cleo",
    ]
