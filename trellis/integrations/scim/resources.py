"""A member as a SCIM User, and a SCIM User as the roster's columns.

Between the two sits `UserState`: the attributes Trellis maps, as plain values. A
member's state is read from the database; a POST or PUT body replaces it, PATCH
operations change it (patching.py); then `roster_entry` hands it to the roster's service
in the roster's own columns, so SCIM and the CSV import clean and check alike.

| SCIM                                        | Trellis                         |
| userName                                    | the login e-mail (`email`)      |
| displayName, else name.formatted, else      | display name (`name`)           |
|   name.givenName + name.familyName          |                                 |
| active                                      | status: false => left           |
| enterprise department                       | team (`team`)                   |
| enterprise manager.value (a User's id)      | manager (`manager_email`)       |
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.urls import reverse

from trellis.integrations.scim.protocol import ENTERPRISE, USER, ScimError, invalid_value
from trellis.people.models import Member
from trellis.people.roster import RosterEntry, RosterProblem

# The roster's columns, named as a SCIM client knows them (in problems' details).
ATTRIBUTE_OF_COLUMN = {
    "email": "userName",
    "name": "displayName",
    "team": f"{ENTERPRISE}:department",
    "manager_email": f"{ENTERPRISE}:manager",
}
# SCIM attributes a client may send that Trellis has nowhere to keep: accepted, ignored.
IGNORED = frozenset(
    {
        "externalid",
        "nickname",
        "profileurl",
        "title",
        "usertype",
        "preferredlanguage",
        "locale",
        "timezone",
        "password",
        "emails",
        "phonenumbers",
        "addresses",
        "ims",
        "photos",
        "entitlements",
        "roles",
        "x509certificates",
        "groups",
        "id",
        "meta",
        "schemas",
    }
)
IGNORED_ENTERPRISE = frozenset({"employeenumber", "costcenter", "organization", "division"})


@dataclass(frozen=True)
class UserState:
    """What Trellis keeps of a SCIM User; `manager` is the manager's id ("" for none)."""

    user_name: str
    display_name: str = ""
    active: bool = True
    department: str = ""
    manager: str = ""


def state_of(member: Member) -> UserState:
    return UserState(
        user_name=member.user.email,
        display_name=member.display_name,
        active=member.status != Member.Status.LEFT,
        department=member.team,
        manager="" if member.manager_id is None else str(member.manager_id),
    )


def user_resource(member: Member, *, base: str) -> dict:
    """The member as a SCIM User (RFC 7643 §4.1), with the enterprise extension."""
    location = base + reverse("scim:v2:user", args=[member.pk])
    enterprise: dict = {"department": member.team}
    if member.manager_id is not None:
        enterprise["manager"] = {
            "value": str(member.manager_id),
            "$ref": base + reverse("scim:v2:user", args=[member.manager_id]),
        }
    return {
        "schemas": [USER, ENTERPRISE],
        "id": str(member.pk),
        "userName": member.user.email,
        "displayName": member.display_name,
        "name": {"formatted": member.display_name},
        "emails": [{"value": member.user.email, "type": "work", "primary": True}],
        "active": member.status != Member.Status.LEFT,
        ENTERPRISE: enterprise,
        "meta": {
            "resourceType": "User",
            "created": member.created_at.isoformat(),
            "lastModified": member.updated_at.isoformat(),
            "location": location,
        },
    }


def text_value(attribute: str, value: object) -> str:
    """A string attribute's value; null means empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid_value(f"{attribute} must be a string, not {type(value).__name__}.")
    return value


def boolean_value(attribute: str, value: object) -> bool:
    """A boolean; the strings "true" and "false" too, as Entra ID sends them in PATCH."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise invalid_value(f"{attribute} must be true or false, not {value!r}.")


def manager_value(value: object) -> str:
    """The manager's id from {"value": id}, an id alone (Entra ID's PATCH), or null."""
    attribute = f"{ENTERPRISE}:manager"
    if isinstance(value, dict):
        value = value.get("value")
        attribute += ".value"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return text_value(attribute, value).strip()


def name_value(value: object) -> str:
    """The display name a `name` complex attribute gives (formatted, else given + family)."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        raise invalid_value(f"name must be an object, not {type(value).__name__}.")
    formatted = text_value("name.formatted", value.get("formatted"))
    given = text_value("name.givenName", value.get("givenName"))
    family = text_value("name.familyName", value.get("familyName"))
    return formatted.strip() or " ".join(part.strip() for part in (given, family) if part)


def state_from_body(body: dict) -> UserState:
    """A POST or PUT body as a UserState; ScimError if its shape or a value is wrong."""
    schemas_problem(body, required=USER)
    state = UserState(user_name=text_value("userName", body.get("userName")).strip())
    if not state.user_name:
        raise invalid_value("userName is required: the member's e-mail address.")
    display = text_value("displayName", body.get("displayName"))
    state = replace(state, display_name=display.strip() or name_value(body.get("name")))
    if "active" in body:
        state = replace(state, active=boolean_value("active", body["active"]))
    extension = body.get(ENTERPRISE)
    if extension is not None:
        if not isinstance(extension, dict):
            raise invalid_value(f"{ENTERPRISE} must be an object.")
        department = text_value(f"{ENTERPRISE}:department", extension.get("department"))
        state = replace(
            state, department=department, manager=manager_value(extension.get("manager"))
        )
    return state


def schemas_problem(body: dict, *, required: str) -> None:
    """Refuse a body whose `schemas` do not include `required`, or name one we do not know."""
    schemas = body.get("schemas")
    if not isinstance(schemas, list) or not all(isinstance(s, str) for s in schemas):
        raise ScimError(
            400, f'"schemas" must be a list that includes "{required}".', "invalidSyntax"
        )
    if required not in schemas:
        raise ScimError(
            400, f'"schemas" must include "{required}"; it has {schemas}.', "invalidSyntax"
        )
    unknown = [s for s in schemas if s not in (USER, ENTERPRISE, required)]
    if unknown:
        raise ScimError(400, f"Unsupported schema {unknown[0]!r}.", "invalidSyntax")


def roster_entry(state: UserState, *, member: Member | None) -> RosterEntry:
    """The state in the roster's columns; the manager's id becomes their e-mail."""
    manager_email = ""
    if state.manager:
        manager = (
            Member.objects.filter(pk=int(state.manager)).values_list("user__email", flat=True)
            if state.manager.isdigit()
            else None
        )
        manager_email = manager.first() if manager is not None else None
        if not manager_email:
            attribute = f"{ENTERPRISE}:manager.value"
            raise invalid_value(f"{attribute} {state.manager!r} is not the id of any User.")
    values = {
        "email": state.user_name,
        "name": state.display_name,
        "team": state.department,
        "manager_email": manager_email,
    }
    email_was = member.user.email if member is not None else None
    return RosterEntry(values=values, active=state.active, email_was=email_was)


def problem_detail(problem: RosterProblem) -> str:
    """A roster problem in SCIM's words: the attribute, then what is wrong with it."""
    attribute = ATTRIBUTE_OF_COLUMN.get(problem.column or "", problem.column)
    return f"{attribute}: {problem.message}" if attribute else problem.message
