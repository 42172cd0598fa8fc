"""Operators (staff) use Django's admin; nobody else can."""

import pytest
from django.urls import reverse

CHANGELISTS = [
    "admin:accounts_user_changelist",
    "admin:people_member_changelist",
    "admin:people_topic_changelist",
    "admin:people_profiletopic_changelist",
    "admin:matching_helperlist_changelist",
]


@pytest.fixture
def operator(make_member):
    member = make_member("Opal Operator", email="opal@example.org")
    member.user.is_staff = member.user.is_superuser = True
    member.user.save()
    return member


@pytest.mark.parametrize("name", CHANGELISTS)
def test_an_operator_can_open_every_admin_list(client, operator, ana, name):
    client.force_login(operator.user)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_an_operator_can_open_a_member_and_a_topic(client, operator, ana):
    client.force_login(operator.user)
    topic = ana.topics.first()

    assert client.get(reverse("admin:people_member_change", args=[ana.pk])).status_code == 200
    assert client.get(reverse("admin:people_topic_change", args=[topic.pk])).status_code == 200


@pytest.mark.parametrize("who", ["ana", "organiser"])
def test_members_and_organisers_are_sent_to_the_admin_sign_in(client, request, who):
    client.force_login(request.getfixturevalue(who).user)

    response = client.get(reverse("admin:people_member_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
