"""Users over SCIM: what an identity provider's calls create, change and refuse."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trellis.audit.models import AuditEvent
from trellis.integrations.scim.models import ScimToken
from trellis.integrations.scim.protocol import CONTENT_TYPE, ENTERPRISE
from trellis.integrations.scim.tests.calls import error_of, patch_body, user_body, written
from trellis.people.models import Member

pytestmark = pytest.mark.django_db


def member_of(email: str) -> Member:
    return Member.objects.select_related("user").get(user__email=email)


def test_a_user_created_over_scim_is_a_member_with_the_mapped_attributes(scim):
    body = user_body("Zoe.Kim@Example.org", "Zoë Kim", department="Platform")

    response = scim.send("POST", "Users", body)

    assert response.status_code == 201
    assert response["Content-Type"] == CONTENT_TYPE
    zoe = member_of("zoe.kim@example.org")
    created = response.json()
    assert created["id"] == str(zoe.pk)
    assert response["Location"] == created["meta"]["location"]
    assert created["meta"]["location"].endswith(f"/scim/v2/Users/{zoe.pk}")
    assert created["userName"] == "zoe.kim@example.org"
    assert created["displayName"] == "Zoë Kim"
    assert created["active"] is True
    assert created[ENTERPRISE]["department"] == "Platform"
    assert (zoe.display_name, zoe.team, zoe.status) == ("Zoë Kim", "Platform", "active")
    assert not zoe.user.has_usable_password()  # they claim their account, as after a roster
    event = AuditEvent.objects.get(action="roster.provisioned")
    token = ScimToken.objects.get()
    assert event.details["source"] == f"scim token {token.pk}" and event.details["created"] == 1


def test_a_user_without_a_display_name_is_named_from_given_and_family_name(scim):
    body = user_body("yan@example.org") | {"name": {"givenName": "Yan", "familyName": "Wu"}}

    assert scim.send("POST", "Users", body).status_code == 201
    assert member_of("yan@example.org").display_name == "Yan Wu"


def test_a_user_is_found_by_user_name_whatever_its_case(scim, ana, ben):
    response = scim.get("Users", filter='userName eq "ANA@example.org"')

    assert response.status_code == 200
    listed = response.json()
    assert listed["totalResults"] == 1
    assert [user["id"] for user in listed["Resources"]] == [str(ana.pk)]


def test_filtering_on_an_unknown_user_name_finds_nobody(scim, ana):
    listed = scim.get("Users", filter='userName eq "nobody@example.org"').json()

    assert listed["totalResults"] == 0 and listed["Resources"] == []


def test_users_are_listed_a_page_at_a_time_and_count_is_capped(scim, settings, ana, ben, carla):
    settings.SCIM_MAX_RESULTS = 2
    everyone = sorted(Member.objects.values_list("pk", flat=True))

    first = scim.get("Users", startIndex=1, count=50).json()
    second = scim.get("Users", startIndex=3, count=2).json()

    assert first["totalResults"] == len(everyone) == 4  # with the organiser
    assert [int(u["id"]) for u in first["Resources"]] == everyone[:2]
    assert first["itemsPerPage"] == 2
    assert [int(u["id"]) for u in second["Resources"]] == everyone[2:4]
    assert second["startIndex"] == 3


def test_a_page_of_users_costs_the_same_queries_for_three_or_thirty(
    scim, make_member, django_assert_num_queries
):
    for _ in range(3):
        make_member()
    # The token look-up, the count and the page (its logins joined).
    with django_assert_num_queries(4):
        assert len(scim.get("Users").json()["Resources"]) == 4
    for _ in range(27):
        make_member()
    with django_assert_num_queries(3):  # the token's last use was just written
        assert len(scim.get("Users").json()["Resources"]) == 31


def test_one_user_is_read_by_id_and_an_unknown_id_is_not_found(scim, ana):
    found = scim.get(f"Users/{ana.pk}")
    missing = scim.get(f"Users/{ana.pk + 1000}")

    assert found.json()["userName"] == "ana@example.org"
    assert missing.status_code == 404
    assert "No User has the id" in error_of(missing)["detail"]


def test_patch_with_paths_as_entra_id_sends_it_changes_name_and_team(scim, ana):
    body = patch_body(
        {"op": "Replace", "path": "displayName", "value": "Ana L. Lima"},
        {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Reliability"},
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "ignored@x.org"},
    )

    response = scim.send("PATCH", f"Users/{ana.pk}", body)

    assert response.status_code == 200
    ana = member_of("ana@example.org")
    assert (ana.display_name, ana.team) == ("Ana L. Lima", "Reliability")
    assert response.json()[ENTERPRISE]["department"] == "Reliability"


def test_patch_without_a_path_as_okta_sends_it_changes_the_attributes_given(scim, ana):
    body = patch_body({"op": "replace", "value": {"displayName": "Ana Lima-Sousa"}})

    assert scim.send("PATCH", f"Users/{ana.pk}", body).status_code == 200
    assert member_of("ana@example.org").display_name == "Ana Lima-Sousa"


def test_read_only_attributes_sent_along_in_a_patch_value_are_ignored(scim, ana):
    value = {"id": "something else", "meta": {}, "active": True, "externalId": "e-1"}
    body = patch_body({"op": "replace", "value": value | {"displayName": "Ana B. Lima"}})

    response = scim.send("PATCH", f"Users/{ana.pk}", body)

    assert response.status_code == 200
    assert response.json()["id"] == str(ana.pk)
    assert member_of("ana@example.org").display_name == "Ana B. Lima"


def test_active_false_means_the_member_left_and_cannot_sign_in(scim, client, ana):
    body = patch_body({"op": "Replace", "path": "active", "value": "False"})

    response = scim.send("PATCH", f"Users/{ana.pk}", body)

    assert response.json()["active"] is False
    ana = member_of("ana@example.org")
    assert ana.status == Member.Status.LEFT
    assert ana.user.is_active is False
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "ana@example.org", "password": "correct horse battery staple"},
    )
    assert signed_in.status_code == 200  # the form again, not a redirect
    assert "_auth_user_id" not in client.session


def test_a_leavers_open_session_stops_working(scim, client, ana):
    browser = client.__class__()
    browser.force_login(ana.user)
    assert browser.get(reverse("people:profile_edit")).status_code == 200

    scim.send(
        "PATCH", f"Users/{ana.pk}", patch_body({"op": "replace", "path": "active", "value": False})
    )

    assert browser.get(reverse("people:profile_edit")).status_code == 302


def test_active_true_brings_a_member_back(scim, ana):
    scim.send("PATCH", f"Users/{ana.pk}", patch_body({"op": "replace", "value": {"active": False}}))

    response = scim.send(
        "PATCH", f"Users/{ana.pk}", patch_body({"op": "replace", "value": {"active": True}})
    )

    assert response.json()["active"] is True
    ana = member_of("ana@example.org")
    assert (ana.status, ana.user.is_active) == ("active", True)


def test_delete_deactivates_and_never_deletes(scim, ana):
    response = scim.send("DELETE", f"Users/{ana.pk}", raw="")

    assert response.status_code == 204
    ana = member_of("ana@example.org")
    assert (ana.status, ana.user.is_active) == ("left", False)
    assert scim.get(f"Users/{ana.pk}").json()["active"] is False


def test_put_replaces_the_mapped_attributes(scim, ana):
    body = user_body("ana@example.org", "Ana Lima", department="")

    assert scim.send("PUT", f"Users/{ana.pk}", body).status_code == 200
    assert member_of("ana@example.org").team == ""


def test_a_new_user_name_becomes_the_members_login(scim, ana):
    body = user_body("ana.lima@example.org", "Ana Lima")

    response = scim.send("PUT", f"Users/{ana.pk}", body)

    assert response.json()["userName"] == "ana.lima@example.org"
    assert member_of("ana.lima@example.org").pk == ana.pk


def test_a_manager_is_set_by_their_id_and_changed_by_patch(scim, ana, ben, carla):
    body = user_body("zoe@example.org", "Zoe", manager={"value": str(ana.pk)})
    created = scim.send("POST", "Users", body).json()
    assert member_of("zoe@example.org").manager_id == ana.pk
    assert created[ENTERPRISE]["manager"]["value"] == str(ana.pk)

    change = patch_body({"op": "Replace", "path": f"{ENTERPRISE}:manager", "value": str(ben.pk)})
    assert scim.send("PATCH", f"Users/{created['id']}", change).status_code == 200
    assert member_of("zoe@example.org").manager_id == ben.pk

    remove = patch_body({"op": "Remove", "path": f"{ENTERPRISE}:manager"})
    assert scim.send("PATCH", f"Users/{created['id']}", remove).status_code == 200
    assert member_of("zoe@example.org").manager_id is None


# Refused: a SCIM error naming the attribute, and nothing written.


def refused(response, status: int, scim_type: str | None, *words: str) -> dict:
    body = error_of(response)
    assert response.status_code == status, body
    assert body.get("scimType") == scim_type
    for word in words:
        assert word in body["detail"]
    return body


def test_a_manager_who_would_make_a_reporting_cycle_is_refused(scim, ana, ben):
    Member.objects.filter(pk=ben.pk).update(manager=ana)
    before = written()
    body = patch_body({"op": "replace", "path": f"{ENTERPRISE}:manager", "value": str(ben.pk)})

    response = scim.send("PATCH", f"Users/{ana.pk}", body)

    refused(response, 400, "invalidValue", f"{ENTERPRISE}:manager", "reporting cycle")
    assert "ana@example.org → ben@example.org → ana@example.org" in response.json()["detail"]
    assert written() == before


def test_an_unknown_manager_is_refused(scim, ana):
    before = written()
    body = user_body("zoe@example.org", "Zoe", manager={"value": "999999"})

    response = scim.send("POST", "Users", body)

    refused(response, 400, "invalidValue", f"{ENTERPRISE}:manager.value", "'999999'")
    assert written() == before


def test_a_member_cannot_be_their_own_manager(scim, ana):
    before = written()
    body = patch_body({"op": "add", "path": f"{ENTERPRISE}:manager", "value": str(ana.pk)})

    response = scim.send("PATCH", f"Users/{ana.pk}", body)

    refused(response, 400, "invalidValue", "cannot be their own manager")
    assert written() == before


def test_a_user_name_taken_is_a_uniqueness_conflict(scim, ana, ben):
    before = written()

    created = scim.send("POST", "Users", user_body("ANA@example.org", "Another Ana"))
    renamed = scim.send("PUT", f"Users/{ben.pk}", user_body("ana@example.org", "Ben"))

    refused(created, 409, "uniqueness", "userName", "ana@example.org")
    refused(renamed, 409, "uniqueness", "userName")
    assert written() == before


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ('{"schemas": [', ["not valid JSON"]),
        ("[1, 2]", ["must be a JSON object"]),
    ],
    ids=["cut short", "not an object"],
)
def test_a_body_that_is_not_a_json_object_is_invalid_syntax(scim, raw, words):
    before = written()

    refused(scim.send("POST", "Users", raw=raw), 400, "invalidSyntax", *words)
    assert written() == before


def test_a_body_of_the_wrong_schema_is_refused(scim, ana):
    before = written()
    body = user_body("zoe@example.org", "Zoe") | {"schemas": ["urn:example:Person"]}
    patch = {"schemas": [ENTERPRISE], "Operations": [{"op": "replace", "value": {}}]}

    refused(scim.send("POST", "Users", body), 400, "invalidSyntax", "schemas")
    refused(scim.send("PATCH", f"Users/{ana.pk}", patch), 400, "invalidSyntax", "PatchOp")
    assert written() == before


@pytest.mark.parametrize(
    ("change", "scim_type", "words"),
    [
        ({"userName": "not-an-address"}, "invalidValue", ["userName", "not a valid e-mail"]),
        ({"userName": ""}, "invalidValue", ["userName is required"]),
        ({"displayName": "x" * 151}, "invalidValue", ["displayName", "the limit is 150"]),
        ({"displayName": "Zoe\x07"}, "invalidValue", ["displayName", "character"]),
        ({"active": "maybe"}, "invalidValue", ["active must be true or false"]),
        ({"displayName": 7}, "invalidValue", ["displayName must be a string"]),
        ({ENTERPRISE: {"department": "t" * 101}}, "invalidValue", ["department", "limit"]),
    ],
    ids=["bad e-mail", "no e-mail", "long name", "control character", "active", "number", "team"],
)
def test_a_bad_value_is_refused_with_the_rosters_own_words(scim, change, scim_type, words):
    before = written()

    response = scim.send("POST", "Users", user_body("zoe@example.org", "Zoe") | change)

    refused(response, 400, scim_type, *words)
    assert written() == before


@pytest.mark.parametrize(
    ("operation", "scim_type", "words"),
    [
        (
            {"op": "move", "path": "active", "value": True},
            "invalidSyntax",
            ["add, replace or remove"],
        ),
        (
            {"op": "replace", "path": "favouriteColour", "value": "teal"},
            "invalidPath",
            ["favouriteColour"],
        ),
        ({"op": "replace", "path": "id", "value": "7"}, "mutability", ["read-only"]),
        ({"op": "remove", "path": "userName"}, "mutability", ["userName"]),
        ({"op": "remove"}, "noTarget", ["path"]),
        ({"op": "replace", "path": "active"}, "invalidSyntax", ["needs a value"]),
    ],
    ids=["unknown op", "unknown path", "read-only", "required", "remove without path", "no value"],
)
def test_a_bad_patch_operation_writes_nothing_even_after_good_ones(
    scim, ana, operation, scim_type, words
):
    before = written()
    body = patch_body({"op": "replace", "path": "displayName", "value": "Changed"}, operation)

    refused(scim.send("PATCH", f"Users/{ana.pk}", body), 400, scim_type, *words)
    assert written() == before


@pytest.mark.parametrize(
    "expression",
    ['userName eq "ana', 'emails co "ana"', 'userName sw "a"', 'userName eq "a" or id eq "1"'],
    ids=["unclosed quote", "unsupported attribute", "unsupported operator", "two clauses"],
)
def test_a_filter_trellis_cannot_read_is_an_invalid_filter(scim, expression):
    response = scim.get("Users", filter=expression)

    refused(response, 400, "invalidFilter", 'userName eq "…"')


def test_a_bad_page_number_is_an_invalid_value(scim):
    refused(scim.get("Users", startIndex="one"), 400, "invalidValue", "startIndex")
