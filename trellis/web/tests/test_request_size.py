"""Request bodies are bounded before they are read: 256 KiB for every form, more only for a
view that takes an upload; a refusal is a 413 page in the site's layout (issue 14, item 2)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse
from django.test import RequestFactory

from trellis.web.errors import bad_request
from trellis.web.request_size import (
    UPLOAD_FORM_ROOM,
    RequestSizeLimit,
    request_bytes_limit,
    takes_upload,
)


def plain_view(request):
    return HttpResponse("read")


@takes_upload("ROSTER_MAX_BYTES")
def upload_view(request):
    return HttpResponse("read")


def refusal(view, size: int):
    request = RequestFactory().post("/", data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = str(size)
    return RequestSizeLimit(lambda r: HttpResponse()).process_view(request, view, (), {})


def test_every_form_may_send_256_kib():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 256 * 1024
    assert request_bytes_limit(plain_view) == 256 * 1024


def test_a_body_at_the_limit_is_let_through_and_one_byte_more_is_a_413(db):
    assert refusal(plain_view, 256 * 1024) is None

    response = refusal(plain_view, 256 * 1024 + 1)

    assert response.status_code == 413
    assert "Too much to send at once" in response.content.decode()


def test_only_a_view_that_takes_an_upload_may_receive_its_setting_s_bytes(db):
    limit = settings.ROSTER_MAX_BYTES + UPLOAD_FORM_ROOM

    assert request_bytes_limit(upload_view) == limit
    assert refusal(upload_view, limit) is None
    assert refusal(upload_view, limit + 1).status_code == 413


def test_a_missing_or_malformed_length_is_left_to_django(db):
    assert refusal(plain_view, 0) is None
    request = RequestFactory().post("/", data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = "lots"
    assert (
        RequestSizeLimit(lambda r: HttpResponse()).process_view(request, plain_view, (), {}) is None
    )


def test_a_body_django_finds_too_big_while_reading_is_the_413_page_too(db):
    request = RequestFactory().post("/")

    assert bad_request(request, RequestDataTooBig("too big")).status_code == 413
    assert bad_request(request, SuspiciousOperation("odd")).status_code == 400
