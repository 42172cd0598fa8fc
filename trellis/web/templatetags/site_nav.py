"""`{% site_nav_links %}`: the main navigation's links, rendered once per request.

base.html shows the same links twice (in the header at wide widths, in the phone menu),
and every page pays for them. The first use renders includes/nav_links.html; the second
reuses it. The links' addresses are reversed once per process (and script prefix), not on
every page: they never change while it runs.
"""

from functools import cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString

register = template.Library()

_RENDERED = "_site_nav_links_html"
# What includes/nav_links.html links to, by the name it uses (`nav_urls.directory`).
NAV_ROUTES = {
    "home": "home:home",
    "directory": "people:directory",
    "initiative_list": "initiatives:initiative_list",
    "intro_list": "connections:intro_list",
    "relationship_list": "connections:relationship_list",
    "visibility": "initiatives:visibility",
    "reflection_list": "connections:reflection_list",
    "notification_list": "notifications:notification_list",
    "roster_upload": "people:roster_upload",
    "round_list": "matching:round_list",
    "insights": "insights:overview",
    "chat": "chat:webhook_list",
    "provisioning": "scim:tokens",
    "unseen_contributors": "initiatives:unseen_contributors",
    "leaver_list": "home:leaver_list",
    "event_list": "audit:event_list",
    "admin_index": "admin:index",
}


@cache
def _nav_urls(script_prefix: str) -> dict[str, str]:
    return {name: reverse(route) for name, route in NAV_ROUTES.items()}


@register.simple_tag(takes_context=True)
def site_nav_links(context: template.Context) -> SafeString:
    request = context.get("request")
    rendered = getattr(request, _RENDERED, None)
    if rendered is None:
        # As `{% include %}` does: the page's own context, so the same variables are seen.
        nav = context.template.engine.get_template("includes/nav_links.html")
        # An integration switched off shows no link (read per request: tests switch it).
        switched_on = {
            "chat_webhooks_enabled": settings.CHAT_WEBHOOKS_ENABLED,
            "scim_enabled": settings.SCIM_ENABLED,
        }
        with context.push(nav_urls=_nav_urls(get_script_prefix()), **switched_on):
            rendered = nav.render(context)
        if request is not None:
            setattr(request, _RENDERED, rendered)
    return rendered
