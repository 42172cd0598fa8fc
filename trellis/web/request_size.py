"""Request bodies bounded before anything reads them: small everywhere, larger only where
a file is uploaded.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE (256 KiB here, `trellis.text.limits.REQUEST_BYTES`)
bounds a form's fields but not the files of a multipart body, so on its own a 50 MB
"file" sent to any form would still be received. `RequestSizeLimit` refuses by the
declared Content-Length, before the CSRF check reads the body: every view gets the
small limit, except one marked `@takes_upload("SETTING")`, which may receive the
setting's bytes plus room for the form around the file. A refusal is a 413 page in the
site's layout (`errors.request_too_large`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from trellis.web.errors import request_too_large

# Room for the multipart boundaries, the part headers and the small fields beside a file.
UPLOAD_FORM_ROOM = 1024 * 1024

View = Callable[..., HttpResponse]


def takes_upload(setting: str) -> Callable[[View], View]:
    """Mark a view that receives a file of up to `settings.<setting>` bytes."""

    def mark(view: View) -> View:
        view.request_bytes_setting = setting  # type: ignore[attr-defined]
        return view

    return mark


def request_bytes_limit(view: View) -> int:
    """The most bytes a request body to `view` may have."""
    setting = getattr(view, "request_bytes_setting", None)
    if setting is None:
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return getattr(settings, setting) + UPLOAD_FORM_ROOM


def declared_length(request: HttpRequest) -> int:
    """The body's length as the client declared it (0 when it did not, or not as a number:
    Django then reads no body at all)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestSizeLimit:
    """Middleware (before CsrfViewMiddleware): a body over its view's limit is refused
    with 413 before a byte of it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        limit = request_bytes_limit(view)
        if declared_length(request) > limit:
            return request_too_large(request, limit=limit)
        return None
