"""One error body for every API answer that is not a success, and the handlers that make it.

Every error reads `{"detail": "what went wrong", "errors": [{"field": ..., "message": ...}]}`:
`detail` a sentence for a person, `errors` one entry per field the request got wrong (empty
when no one field is to blame). Each operation declares these answers in the schema
(`answers`), so a client knows before it calls what it may get back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

NOT_FOUND = "Not found."


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError]


class ApiError(Exception):
    """An answer other than success, raised anywhere below an operation."""

    def __init__(
        self, status: int, detail: str, errors: Mapping[str, Iterable[str] | str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = _field_errors(errors or {})


def _field_errors(errors: Mapping[str, Iterable[str] | str]) -> list[dict[str, str]]:
    found = []
    for field, messages in errors.items():
        for message in [messages] if isinstance(messages, str) else messages:
            found.append({"field": field or "__all__", "message": str(message)})
    return found


# Where a value came from is not part of its name for a client.
_LOCATIONS = frozenset({"body", "payload", "query", "path", "header", "cookie", "form", "file"})


def _validation_entries(error: Any) -> list[dict[str, str]]:
    """Ninja's validation errors (pydantic's `loc`/`msg`, or `{field: message}`) as ours."""
    if isinstance(error, dict) and "loc" in error:
        field = ".".join(str(part) for part in error["loc"] if part not in _LOCATIONS)
        message = str(error.get("msg", "is not valid"))
        if field and not message.lower().startswith(field.lower()):
            message = f"{field}: {message}"
        return [{"field": field or "__all__", "message": message}]
    if isinstance(error, dict):
        return [{"field": str(field), "message": str(message)} for field, message in error.items()]
    return [{"field": "__all__", "message": str(error)}]


def not_found() -> ApiError:
    """The one answer for something that is not there or not the caller's: never a hint."""
    return ApiError(404, NOT_FOUND)


def refused(error: DjangoValidationError) -> ApiError:
    """A service's ValidationError as a 422 naming each field it found wrong."""
    if hasattr(error, "error_dict"):
        errors = {
            field: [m for e in errs for m in e.messages] for field, errs in error.error_dict.items()
        }
    else:
        errors = {"__all__": error.messages}
    first = next((m for messages in errors.values() for m in messages), "The request was refused.")
    return ApiError(422, first, errors)


def answers(ok: Any, *, status: int = 200, reads_object: bool = True) -> dict[int, Any]:
    """The schema's answers for one operation: its success and every error it can give."""
    declared: dict[int, Any] = {
        status: ok,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    }
    if reads_object:
        declared[404] = ErrorOut
    return declared


def _body(
    request: HttpRequest, api: NinjaAPI, status: int, detail: str, errors: list[dict[str, str]]
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every failure into the one error body."""

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _body(request, api, exc.status, exc.detail, exc.errors)

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [entry for error in exc.errors for entry in _validation_entries(error)]
        detail = errors[0]["message"] if errors else "The request was not valid."
        return _body(request, api, 422, detail, errors)

    @api.exception_handler(DjangoValidationError)
    def service_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        error = refused(exc)
        return _body(request, api, 422, error.detail, error.errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = "Sign in, or send a personal access token as `Authorization: Bearer <token>`."
        return _body(request, api, 401, detail, [])

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return _body(request, api, 429, "Too many requests with this token; wait and retry.", [])

    @api.exception_handler(Http404)
    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _body(request, api, 404, NOT_FOUND, [])

    @api.exception_handler(ObjectDoesNotExist)
    def missing_object(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return _body(request, api, 404, NOT_FOUND, [])

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _body(request, api, 403, str(exc) or "You may not do this.", [])

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _body(request, api, exc.status_code, str(exc), [])
