"""The site's URLs plus three that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from trellis.urls import handler403, handler404, handler500
from trellis.urls import urlpatterns as site_patterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only organisers see this.")


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("No such intro.")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database went away")


urlpatterns = [
    path("test-errors/forbidden/", forbidden),
    path("test-errors/missing/", missing),
    path("test-errors/broken/", broken),
    *site_patterns,
]
