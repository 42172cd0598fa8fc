from django.contrib import admin
from django.urls import include, path

from trellis.db import health

admin.site.site_header = "Trellis administration"
admin.site.site_title = "Trellis"

urlpatterns = [
    # For load balancers and orchestrators: open to anyone, no database / database ready.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("trellis.home.urls")),
    path("", include("trellis.people.urls")),
    path("", include("trellis.matching.urls")),
    path("", include("trellis.connections.urls")),
    path("", include("trellis.notifications.urls")),
    path("", include("trellis.community.urls")),
    path("", include("trellis.initiatives.urls")),
    path("", include("trellis.insights.urls")),
    path("", include("trellis.integrations.digest.urls")),
    path("", include("trellis.integrations.scim.urls")),
    path("", include("trellis.integrations.chat.urls")),
    path("", include("trellis.integrations.sso.urls")),
    path("", include("trellis.integrations.calendars.urls")),
    path("", include("trellis.audit.urls")),
    path("accounts/", include("trellis.accounts.urls")),
    path("", include("trellis.api.urls")),
    path("admin/", admin.site.urls),
]

# Error pages in the site's layout, saying what to do next (trellis/web/errors.py).
handler400 = "trellis.web.errors.bad_request"
handler403 = "trellis.web.errors.permission_denied"
handler404 = "trellis.web.errors.page_not_found"
handler500 = "trellis.web.errors.server_error"
