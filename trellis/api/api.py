"""The JSON API at /api/v1/: one NinjaAPI, its authentication, errors and routers.

Every operation goes through the same selectors and services as the pages; nothing here
decides who may see or do what. A router per area lives in `trellis/api/routers/`.
"""

from __future__ import annotations

from ninja import NinjaAPI

from trellis.api import errors
from trellis.api.auth import AUTH, PerTokenRate
from trellis.api.routers import ROUTERS

api = NinjaAPI(
    title="Trellis API",
    version="1",
    description=(
        "Read and act on Trellis as yourself: your suggestions, intros, relationships and "
        "the rest, with the same rules as the pages. Authenticate with a personal access "
        "token (`Authorization: Bearer trl_…`, made at /accounts/tokens/) or the signed-in "
        "session (writes need the `X-CSRFToken` header). Errors read "
        '`{"detail": ..., "errors": [{"field": ..., "message": ...}]}`.'
    ),
    auth=AUTH,
    throttle=[PerTokenRate()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)
