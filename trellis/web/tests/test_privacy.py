"""Private pages are not kept by shared caches or the browser's store."""

import pytest
from django.urls import reverse

PRIVATE_PAGES = [
    "connections:reflection_list",
    "connections:intro_list",
    "connections:relationship_list",
    "notifications:notification_list",
    "home:home",
]


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_a_signed_in_members_page_is_private_and_not_stored(client, ana, name):
    client.force_login(ana.user)

    response = client.get(reverse(name))

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_relationship_page_is_not_stored(client, ana, ben):
    from trellis.connections import services

    intro = services.intro_send(sender=ben, recipient=ana, message="Hi Ana, about Kubernetes…")
    relationship = services.intro_accept(intro=intro, member=ana)
    client.force_login(ben.user)

    response = client.get(relationship.get_absolute_url())

    assert "no-store" in response["Cache-Control"]
