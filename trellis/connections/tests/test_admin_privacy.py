"""Operators see that connections exist in the admin, never what members wrote."""

import pytest
from django.urls import NoReverseMatch, reverse

from trellis.connections import services
from trellis.connections.tests.conftest import GROUNDED, record

DECLINE_REASON = "Private: the sender's tone put me off."
CLOSED_REASON = "Private: we drifted apart."
NOTE = "Private note between the two."
REFLECTION = "Private: I never test rollbacks."


@pytest.fixture
def operator(make_member):
    member = make_member("Opal Operator", email="opal@example.org")
    member.user.is_staff = member.user.is_superuser = True
    member.user.save()
    return member


@pytest.fixture
def private_things(relationship, ana, ben, carla):
    exchange = record(relationship, ana, shared="Checklist", note=NOTE)
    services.reflection_write(author=ana, body=REFLECTION, exchange=exchange)
    declined = services.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    services.intro_decline(intro=declined, member=ben, reason=DECLINE_REASON)
    services.relationship_close(relationship=relationship, member=ana, reason=CLOSED_REASON)
    return {"intro": declined, "relationship": relationship, "exchange": exchange}


PRIVATE = (DECLINE_REASON, CLOSED_REASON, NOTE, REFLECTION, GROUNDED[:40])


@pytest.mark.parametrize(
    "app, model",
    [
        ("connections", "intro"),
        ("connections", "relationship"),
        ("connections", "exchange"),
        ("notifications", "notification"),
    ],
)
def test_the_admin_lists_and_pages_show_no_private_words(
    client, operator, private_things, app, model
):
    client.force_login(operator.user)

    pages = [reverse(f"admin:{app}_{model}_changelist")]
    if model in private_things:
        pages.append(reverse(f"admin:{app}_{model}_change", args=[private_things[model].pk]))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert not [words for words in PRIVATE if words in content]


def test_reflections_are_not_in_the_admin_at_all(client, operator, private_things):
    client.force_login(operator.user)

    with pytest.raises(NoReverseMatch):
        reverse("admin:connections_reflection_changelist")
    assert REFLECTION not in client.get(reverse("admin:index")).content.decode()


def test_the_admin_cannot_change_or_add_connections(client, operator, private_things):
    client.force_login(operator.user)

    assert client.get(reverse("admin:connections_intro_add")).status_code == 403
    url = reverse("admin:connections_intro_change", args=[private_things["intro"].pk])
    assert client.post(url, {"state": "sent"}).status_code == 403
