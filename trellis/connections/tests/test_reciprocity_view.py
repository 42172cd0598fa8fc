"""The reciprocity page: how value flowed both ways across a member's relationships."""

from django.urls import reverse

from trellis.connections import services
from trellis.connections.tests.conftest import GROUNDED, record
from trellis.people.services import member_update

URL = reverse("connections:reciprocity")


def test_it_shows_a_chart_served_by_the_app_and_totals_per_relationship(
    client, relationship, ana, ben
):
    record(relationship, ana, shared="Checklist", learned="Usability tests")
    record(relationship, ben, learned="Node draining")
    client.force_login(ana.user)

    response = client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content and 'class="gave"' in content and 'class="received"' in content
    assert "<script" not in content.split("<main", 1)[1]  # no chart library
    assert "cdn" not in content.lower()
    (row,) = response.context["rows"]
    assert row[1] == ben
    assert (row[2], row[3]) == (2, 1)  # Ana gave twice (shared; Ben learned), received once


def test_it_nudges_on_a_one_way_relationship(client, relationship, ana):
    for n in range(3):
        record(relationship, ana, learned=f"Lesson {n}")
    client.force_login(ana.user)

    content = client.get(URL).content.decode()

    assert "You have learned a lot from Ben — what could you offer?" in content


def test_it_counts_only_the_members_own_relationships(client, relationship, ana, carla, dev):
    intro = services.intro_send(sender=carla, recipient=dev, message=GROUNDED)
    theirs = services.intro_accept(intro=intro, member=dev)
    record(theirs, carla, shared="Not Ana's business")
    client.force_login(ana.user)

    response = client.get(URL)

    assert [row[1] for row in response.context["rows"]] == [relationship.other(ana.pk)]
    assert (response.context["gave"], response.context["received"]) == (0, 0)


def test_it_costs_the_same_queries_whatever_the_number_of_relationships(
    client, ana, make_member, django_assert_num_queries
):
    member_update(member=ana, capacity=10)
    client.force_login(ana.user)

    def connect():
        other = make_member()
        intro = services.intro_send(sender=ana, recipient=other, message=GROUNDED)
        relationship = services.intro_accept(intro=intro, member=other)
        record(relationship, other, shared="x", learned="y")

    connect()
    with django_assert_num_queries(6):
        client.get(URL)
    for _ in range(3):
        connect()
    with django_assert_num_queries(6):
        assert len(client.get(URL).context["rows"]) == 4
