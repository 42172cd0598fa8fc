from django.urls import path

from trellis.api.api import api
from trellis.api.routers import UPLOADS
from trellis.web.request_size import takes_upload

api_patterns, *api_names = api.urls
# An operation that receives a file may receive that file's bytes; every other body stays
# within the small limit (trellis.web.request_size).
for pattern in api_patterns:
    if pattern.name in UPLOADS:
        takes_upload(UPLOADS[pattern.name])(pattern.callback)

urlpatterns = [path("api/v1/", (api_patterns, *api_names))]
