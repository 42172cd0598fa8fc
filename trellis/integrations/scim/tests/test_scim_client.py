"""A real SCIM client (scim2-client, over HTTP) against a live Trellis: the request sequence
an identity provider runs, checked by the client's own models of RFC 7643/7644."""

from __future__ import annotations

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import (
    EnterpriseUser,
    Error,
    InvalidFilterException,
    PatchOp,
    PatchOperation,
    SearchRequest,
    User,
)

from trellis.integrations.scim.tokens import scim_token_create
from trellis.people.models import Member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scim_client(live_server, settings, organiser):
    settings.SCIM_ENABLED = True
    secret = scim_token_create(name="scim2-client", by=organiser.user).secret
    http = httpx2.Client(
        base_url=f"{live_server.url}/scim/v2",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=10,
    )
    client = SyncSCIMClient(http)
    client.discover()
    yield client
    http.close()


def test_an_identity_providers_sequence_create_find_patch_deactivate(scim_client, ana):
    Resource = User[EnterpriseUser]
    found = scim_client.query(
        Resource, query_parameters=SearchRequest(filter='userName eq "zoe@example.org"')
    )
    assert found.total_results == 0

    zoe = Resource(user_name="zoe@example.org", display_name="Zoe Kim", active=True)
    zoe[EnterpriseUser] = EnterpriseUser(department="Platform", manager={"value": str(ana.pk)})
    created = scim_client.create(zoe)
    assert created.id and created.user_name == "zoe@example.org"
    assert created[EnterpriseUser].manager.value == str(ana.pk)

    found = scim_client.query(
        Resource, query_parameters=SearchRequest(filter='userName eq "zoe@example.org"')
    )
    assert [user.id for user in found.resources] == [created.id]

    rename = PatchOp[Resource](
        operations=[
            PatchOperation(op="replace", path="displayName", value="Zoë Kim"),
            PatchOperation(op="replace", path="active", value=False),
        ]
    )
    changed = scim_client.modify(Resource, created.id, rename)
    assert changed.active is False and changed.display_name == "Zoë Kim"

    member = Member.objects.select_related("user").get(pk=int(created.id))
    assert (member.display_name, member.team, member.manager_id) == ("Zoë Kim", "Platform", ana.pk)
    assert (member.status, member.user.is_active) == ("left", False)

    scim_client.delete(Resource, created.id)
    assert Member.objects.filter(pk=int(created.id), status="left").exists()


def test_the_client_reads_trellis_errors_as_scim_errors(scim_client, ana):
    Resource = User[EnterpriseUser]
    before = Member.objects.count()

    error = scim_client.create(
        Resource(user_name="ana@example.org", display_name="Another Ana"),
        raise_scim_errors=False,
    )

    assert isinstance(error, Error)
    assert (error.status, error.scim_type) == (409, "uniqueness")
    assert "userName" in error.detail
    assert Member.objects.count() == before
    with pytest.raises(InvalidFilterException):
        scim_client.query(Resource, query_parameters=SearchRequest(filter='emails co "ana"'))
