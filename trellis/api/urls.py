from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from trellis.api.api import api
from trellis.api.errors import NOT_FOUND


def no_such_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/: the API's 404 body, not the site's HTML page."""
    return JsonResponse({"detail": NOT_FOUND, "errors": []}, status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", no_such_endpoint, name="api-no-such-endpoint"),
]
