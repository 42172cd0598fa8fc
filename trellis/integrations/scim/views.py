"""The SCIM endpoints at /scim/v2/: discovery and Users (RFC 7644 §3, §4).

Every endpoint answers 404 while TRELLIS_SCIM_ENABLED is off, and 401 in SCIM's error
format without a live provisioning token. A bad request gets SCIM's error JSON with a
scimType and a detail naming the attribute, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from trellis.integrations.scim import discovery
from trellis.integrations.scim.filtering import parse_filter
from trellis.integrations.scim.models import ScimToken
from trellis.integrations.scim.patching import patched
from trellis.integrations.scim.protocol import (
    LIST,
    ScimError,
    error_response,
    scim_response,
)
from trellis.integrations.scim.resources import state_from_body, state_of, user_resource
from trellis.integrations.scim.services import scim_user_deactivate, scim_user_write
from trellis.integrations.scim.tokens import scim_token_for_secret, scim_token_used
from trellis.people.models import Member

View = Callable[..., HttpResponse]
JSON_TYPES = ("application/scim+json", "application/json")


def scim_endpoint(*methods: str) -> Callable[[View], View]:
    """Off => 404; then the bearer token, the method, and ScimError as SCIM's error body."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not settings.SCIM_ENABLED:
                raise Http404("SCIM provisioning is off.")
            try:
                request.scim_source = f"scim token {_authenticate(request).pk}"
                if request.method not in methods:
                    allowed = ", ".join(methods)
                    raise ScimError(405, f"{request.method} is not supported here; use {allowed}.")
                return view(request, *args, **kwargs)
            except ScimError as error:
                response = error_response(error)
                if error.status == 405:
                    response["Allow"] = ", ".join(methods)
                return response

        return wrapped

    return decorate


def _authenticate(request: HttpRequest) -> ScimToken:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ScimError(401, "Send a provisioning token: Authorization: Bearer <token>.")
    token = scim_token_for_secret(secret.strip())
    if token is None:
        raise ScimError(401, "This provisioning token is not valid: it is unknown or revoked.")
    scim_token_used(token)
    return token


def _base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _body(request: HttpRequest) -> dict:
    content_type = request.content_type or ""
    if content_type not in JSON_TYPES:
        detail = f"Send the body as application/scim+json, not {content_type or 'nothing'}."
        raise ScimError(400, detail, "invalidSyntax")
    try:
        body = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScimError(400, f"The body is not valid JSON: {error}.", "invalidSyntax") from None
    if not isinstance(body, dict):
        raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
    return body


def _member(user_id: str) -> Member:
    if not user_id.isdigit():
        raise ScimError(404, f"No User has the id {user_id!r}.")
    member = Member.objects.select_related("user").filter(pk=int(user_id)).first()
    if member is None:
        raise ScimError(404, f"No User has the id {user_id!r}.")
    return member


@scim_endpoint("GET")
def service_provider_config(request: HttpRequest) -> HttpResponse:
    return scim_response(discovery.service_provider_config(base=_base(request)))


@scim_endpoint("GET")
def resource_types(request: HttpRequest) -> HttpResponse:
    return scim_response(discovery.listed([discovery.user_resource_type(base=_base(request))]))


@scim_endpoint("GET")
def resource_type(request: HttpRequest, name: str) -> HttpResponse:
    if name != "User":
        raise ScimError(404, f"No resource type {name!r}: Trellis provisions Users only.")
    return scim_response(discovery.user_resource_type(base=_base(request)))


@scim_endpoint("GET")
def schemas(request: HttpRequest) -> HttpResponse:
    return scim_response(discovery.listed(discovery.schemas(base=_base(request))))


@scim_endpoint("GET")
def schema(request: HttpRequest, urn: str) -> HttpResponse:
    for document in discovery.schemas(base=_base(request)):
        if document["id"] == urn:
            return scim_response(document)
    raise ScimError(404, f"No schema {urn!r}.")


@scim_endpoint("GET", "POST")
def users(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        state = state_from_body(_body(request))
        member = scim_user_write(state=state, member=None, source=request.scim_source)
        resource = user_resource(member, base=_base(request))
        return scim_response(resource, status=201, location=resource["meta"]["location"])
    return _user_list(request)


def _whole_number(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ScimError(
            400, f"{name} must be a whole number, not {raw!r}.", "invalidValue"
        ) from None


def _user_list(request: HttpRequest) -> HttpResponse:
    """Members by id, a page at a time (startIndex from 1, count capped by the setting)."""
    start = max(1, _whole_number(request, "startIndex", 1))
    count = min(
        max(0, _whole_number(request, "count", settings.SCIM_MAX_RESULTS)),
        settings.SCIM_MAX_RESULTS,
    )
    members = Member.objects.order_by("pk")
    if "filter" in request.GET:
        equals = parse_filter(request.GET["filter"])
        if equals.attribute == "userName":
            members = members.filter(user__email=equals.value.strip().lower())
        else:
            members = members.filter(pk=int(equals.value) if equals.value.isdigit() else None)
    total = members.count()
    page = list(members.select_related("user")[start - 1 : start - 1 + count]) if count else []
    base = _base(request)
    return scim_response(
        {
            "schemas": [LIST],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": [user_resource(member, base=base) for member in page],
        }
    )


@scim_endpoint("GET", "PUT", "PATCH", "DELETE")
def user(request: HttpRequest, user_id: str) -> HttpResponse:
    member = _member(user_id)
    if request.method == "DELETE":
        scim_user_deactivate(member=member, source=request.scim_source)
        return HttpResponse(status=204)
    if request.method == "PUT":
        state = state_from_body(_body(request))
        member = scim_user_write(state=state, member=member, source=request.scim_source)
    elif request.method == "PATCH":
        state = patched(state_of(member), _body(request))
        member = scim_user_write(state=state, member=member, source=request.scim_source)
    return scim_response(user_resource(member, base=_base(request)))


EVERY_METHOD = ("GET", "POST", "PUT", "PATCH", "DELETE")


@scim_endpoint(*EVERY_METHOD)
def groups(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Trellis has no groups: 404 in SCIM's format (ResourceTypes does not list them)."""
    raise ScimError(404, "Trellis provisions Users only; it has no Groups.")


@scim_endpoint(*EVERY_METHOD)
def bulk(request: HttpRequest) -> HttpResponse:
    """Bulk is advertised as unsupported; 501, as RFC 7644 §3.12 says."""
    raise ScimError(501, "Bulk operations are not supported; send one request at a time.")


@scim_endpoint(*EVERY_METHOD)
def unknown(request: HttpRequest) -> HttpResponse:
    raise ScimError(404, f"Trellis's SCIM service has no {request.path}.")
