from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest

from trellis.people.context_processors import current_member
from trellis.people.models import Member


def member_or_404(request: HttpRequest) -> Member:
    """The signed-in member; a login without a profile has no connections (404).

    Read once per request: the site layout's `current_member` is the same row.
    """
    member = current_member(request)["current_member"]
    if member is None:
        raise Http404("You have no member profile.")
    return member


def is_partial(request: HttpRequest) -> bool:
    """An htmx swap (not a history restore), which wants a fragment rather than a page."""
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request


def errors_onto(form: Form, error: ValidationError) -> None:
    """A service's ValidationError on the form: named fields on them, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)
