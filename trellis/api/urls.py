from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from trellis.api.api import api
from trellis.api.errors import NOT_FOUND
from trellis.api.routers import UPLOADS
from trellis.web.request_size import takes_upload

api_patterns, *api_names = api.urls
# An operation that receives a file may receive that file's bytes (the roster's, say);
# every other body stays within the small limit (trellis.web.request_size).
for pattern in api_patterns:
    if pattern.name in UPLOADS:
        takes_upload(UPLOADS[pattern.name])(pattern.callback)


# It writes nothing and reads no session: a DELETE to a wrong address (/posts/-1) is the
# API's 404, not the site's CSRF page.
@csrf_exempt
def no_such_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/: the API's 404 body, not the site's HTML page."""
    return JsonResponse({"detail": NOT_FOUND, "errors": []}, status=404)


urlpatterns = [
    path("api/v1/", (api_patterns, *api_names)),
    # [\s\S], not ".": an address with an encoded line break (%0A) is under /api/ too.
    re_path(r"^api/(?P<rest>[\s\S]*)$", no_such_endpoint, name="api-no-such-endpoint"),
]
