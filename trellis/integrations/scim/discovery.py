"""The discovery documents (RFC 7644 §4): what Trellis supports, described to the client."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from trellis.integrations.scim.protocol import (
    ENTERPRISE,
    LIST,
    RESOURCE_TYPE,
    SCHEMA,
    SERVICE_PROVIDER_CONFIG,
    USER,
)

DOCS = "https://datatracker.ietf.org/doc/html/rfc7644"


def service_provider_config(*, base: str) -> dict:
    """Supported: PATCH, the `userName eq` filter. Not: bulk, sorting, ETags, passwords."""
    return {
        "schemas": [SERVICE_PROVIDER_CONFIG],
        "documentationUri": DOCS,
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": settings.SCIM_MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A provisioning token an organiser makes on /organise/scim/.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": base + reverse("scim:v2:service_provider_config"),
        },
    }


def user_resource_type(*, base: str) -> dict:
    """Users only: Trellis has no groups to provision."""
    return {
        "schemas": [RESOURCE_TYPE],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A member of the mentorship network",
        "schema": USER,
        "schemaExtensions": [{"schema": ENTERPRISE, "required": False}],
        "meta": {
            "resourceType": "ResourceType",
            "location": base + reverse("scim:v2:resource_type", args=["User"]),
        },
    }


def _attribute(name: str, kind: str = "string", **extra) -> dict:
    described = {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
    }
    return described | extra


USER_ATTRIBUTES = [
    _attribute(
        "userName",
        required=True,
        uniqueness="server",
        description="The member's e-mail address: their login in Trellis.",
    ),
    _attribute("displayName", description="The name Trellis shows."),
    _attribute(
        "name",
        "complex",
        description="formatted, or givenName and familyName: the displayName when none is sent.",
        subAttributes=[_attribute("formatted"), _attribute("givenName"), _attribute("familyName")],
    ),
    _attribute("active", "boolean", description="false: the member has left (status 'left')."),
    _attribute(
        "emails",
        "complex",
        multiValued=True,
        mutability="readOnly",
        description="The login (userName), as the one work address; set userName to change it.",
        subAttributes=[
            _attribute("value", mutability="readOnly"),
            _attribute("type", mutability="readOnly"),
            _attribute("primary", "boolean", mutability="readOnly"),
        ],
    ),
]
ENTERPRISE_ATTRIBUTES = [
    _attribute("department", description="The member's team."),
    _attribute(
        "manager",
        "complex",
        description="The member's manager in the reporting line, by their User id.",
        subAttributes=[
            _attribute("value", description="The manager's User id."),
            _attribute("$ref", "reference", referenceTypes=["User"], mutability="readOnly"),
        ],
    ),
]


def schemas(*, base: str) -> list[dict]:
    documents = []
    for urn, name, attributes in (
        (USER, "User", USER_ATTRIBUTES),
        (ENTERPRISE, "EnterpriseUser", ENTERPRISE_ATTRIBUTES),
    ):
        documents.append(
            {
                "schemas": [SCHEMA],
                "id": urn,
                "name": name,
                "attributes": attributes,
                "meta": {
                    "resourceType": "Schema",
                    "location": base + reverse("scim:v2:schema", args=[urn]),
                },
            }
        )
    return documents


def listed(resources: list[dict]) -> dict:
    return {
        "schemas": [LIST],
        "totalResults": len(resources),
        "startIndex": 1,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }
