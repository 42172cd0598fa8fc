"""Content-Security-Policy: django-csp's middleware, with one exception for the admin.

Trellis's own pages use no inline script, no inline style and no `eval` (htmx is told
so by the `htmx-config` meta tag in base.html), so the policy in settings allows none.
Django's admin writes a few `<style>` elements and `style=` attributes of its own (the
change list without actions, its widgets), so under /admin/ alone inline style is
allowed; scripts stay 'self' only there too.
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse

ADMIN_STYLE = {"style-src": [SELF, UNSAFE_INLINE]}


def _admin_prefix() -> str | None:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


class ContentSecurityPolicy(CSPMiddleware):
    """The policy from settings.CONTENT_SECURITY_POLICY; the admin may use inline style."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefix = _admin_prefix()
        if not report_only and prefix and request.path_info.startswith(prefix):
            parts.replace = {**(parts.replace or {}), **ADMIN_STYLE}
        return parts
