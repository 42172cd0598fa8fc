"""Who may call /scim/v2/: nobody while it is off, only a live provisioning token when on;
and what the discovery documents promise."""

from __future__ import annotations

import pytest

from trellis.integrations.scim.models import ScimToken
from trellis.integrations.scim.protocol import CONTENT_TYPE, ENTERPRISE, USER
from trellis.integrations.scim.tests.calls import Scim, error_of, user_body, written
from trellis.integrations.scim.tokens import scim_token_revoke

pytestmark = pytest.mark.django_db


def test_while_scim_is_off_every_address_is_not_found_even_with_a_token(scim, settings, ana):
    settings.SCIM_ENABLED = False
    before = written()

    answers = [
        scim.get("ServiceProviderConfig"),
        scim.get(f"Users/{ana.pk}"),
        scim.send("POST", "Users", user_body("zoe@example.org", "Zoe")),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert all(answer["Content-Type"] != CONTENT_TYPE for answer in answers)
    assert written() == before


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer scim_not-a-token", "Bearer trl_api"],
    ids=["none", "basic", "empty", "unknown", "an API token's shape"],
)
def test_without_a_live_token_scim_answers_401_in_its_error_format(
    client, scim_on, ana, authorization
):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    before = written()

    read = client.get(f"/scim/v2/Users/{ana.pk}", **headers)
    create = client.post(
        "/scim/v2/Users",
        user_body("zoe@example.org", "Zoe"),
        content_type=CONTENT_TYPE,
        **headers,
    )

    for answer in (read, create):
        assert answer.status_code == 401
        assert "token" in error_of(answer)["detail"]
        assert answer["WWW-Authenticate"] == 'Bearer realm="scim"'
    assert written() == before


def test_a_revoked_token_no_longer_works(client, scim_token, organiser, ana):
    scim = Scim(client, scim_token)
    assert scim.get(f"Users/{ana.pk}").status_code == 200
    scim_token_revoke(token_id=ScimToken.objects.get().pk, by=organiser.user)

    answer = scim.get(f"Users/{ana.pk}")
    assert answer.status_code == 401
    assert "revoked" in error_of(answer)["detail"]


def test_groups_are_not_offered_and_bulk_is_not_supported(scim):
    groups = scim.get("Groups")
    one_group = scim.send("POST", "Groups", {"schemas": [], "displayName": "Admins"})
    bulk = scim.send("POST", "Bulk", {})

    assert groups.status_code == one_group.status_code == 404
    assert "Users only" in error_of(groups)["detail"]
    assert bulk.status_code == 501
    assert "not supported" in error_of(bulk)["detail"]


def test_an_address_scim_does_not_have_is_its_own_404(scim):
    answer = scim.get("Nothing/here")

    assert answer.status_code == 404
    assert "/scim/v2/Nothing/here" in error_of(answer)["detail"]


def test_a_method_an_endpoint_does_not_take_is_405_with_allow(scim):
    answer = scim.send("DELETE", "Users", {})

    assert answer.status_code == 405
    assert answer["Allow"] == "GET, POST"
    error_of(answer)


def test_a_body_that_is_not_json_is_refused_naming_the_content_type(scim):
    before = written()
    answer = scim.client.post(
        "/scim/v2/Users",
        "userName=zoe@example.org",
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Bearer {scim.token}",
    )

    assert answer.status_code == 400
    body = error_of(answer)
    assert body["scimType"] == "invalidSyntax"
    assert "application/scim+json" in body["detail"]
    assert written() == before


def test_service_provider_config_advertises_patch_and_filter_but_not_bulk_or_sort(scim, settings):
    settings.SCIM_MAX_RESULTS = 50

    config = scim.get("ServiceProviderConfig").json()

    assert config["patch"]["supported"] is True
    assert config["filter"] == {"supported": True, "maxResults": 50}
    assert config["bulk"]["supported"] is False
    assert config["sort"]["supported"] is False
    assert config["etag"]["supported"] is False
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_resource_types_and_schemas_describe_users_with_the_enterprise_extension(scim):
    types = scim.get("ResourceTypes").json()
    schemas = scim.get("Schemas").json()
    enterprise = scim.get(f"Schemas/{ENTERPRISE}").json()

    assert [t["id"] for t in types["Resources"]] == ["User"]
    assert types["Resources"][0]["schemaExtensions"] == [{"schema": ENTERPRISE, "required": False}]
    assert scim.get("ResourceTypes/Group").status_code == 404
    assert [s["id"] for s in schemas["Resources"]] == [USER, ENTERPRISE]
    assert [a["name"] for a in enterprise["attributes"]] == ["department", "manager"]
    assert scim.get("Schemas/urn:example:nothing").status_code == 404
