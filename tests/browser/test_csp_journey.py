"""Under the Content-Security-Policy nothing on Trellis's pages is blocked (issue 14, item 7).

The policy allows no inline script or style and no eval. A member and an organiser open
every page the route matrix says they may read, with real objects behind the ids, and
an operator opens the admin; the browser reports every blocked script, style or image
as a `securitypolicyviolation` event and a console error, and there must be none.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.test_routes_by_role import (  # noqa: F401 (fixtures)
    OK,
    ROUTES,
    integrations_on,
    real_ids,
)

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def watch_for_violations(page: Page) -> list[str]:
    """Start collecting this page's CSP violations; returns the list they are added to."""
    found: list[str] = []
    page.add_init_script(COLLECT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def is_a_page(page: Page, path: str) -> bool:
    """Whether `path` answers HTML (not a download: a calendar file, an export)."""
    return page.request.get(path).headers.get("content-type", "").startswith("text/html")


def visit(page: Page, path: str, found: list[str]) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("load")
    found.extend(f"{path}: {text}" for text in page.evaluate("window.__cspViolations"))


def readable_paths(role: str, ids: dict[str, int]) -> list[str]:
    return [
        reverse(name, kwargs={key: ids.get(key, value) for key, value in route.kwargs.items()})
        for name, route in sorted(ROUTES.items())
        if getattr(route, role) == OK
    ]


@pytest.mark.parametrize("who", ["ana", "organiser"])
def test_every_page_a_member_or_organiser_reads_loads_without_a_csp_violation(
    request,
    signed_in_page,
    real_ids,  # noqa: F811 (the fixture imported above)
    who,
):
    page = signed_in_page(request.getfixturevalue(who))
    found = watch_for_violations(page)
    paths = readable_paths("member" if who == "ana" else "organiser", real_ids)

    pages = [path for path in paths if is_a_page(page, path)]
    for path in pages:
        visit(page, path, found)

    assert len(pages) > 20
    assert found == []


def test_the_sign_in_and_lockout_pages_load_without_a_csp_violation(page, ana):
    found = watch_for_violations(page)
    visit(page, reverse("accounts:login"), found)
    for attempt in range(10):
        page.get_by_label("E-mail address").fill("ana@example.org")
        page.get_by_label("Password").fill(f"guess {attempt}")
        page.get_by_role("button", name="Sign in").click()

    assert page.get_by_text("Too many attempts. Try again in 15 minutes").is_visible()
    found.extend(page.evaluate("window.__cspViolations"))
    assert found == []


def test_the_admin_works_under_its_policy(new_page, sign_in, django_user_model, ana):
    operator = django_user_model.objects.create_superuser("root@example.org", password="pw")
    page = new_page()
    found = watch_for_violations(page)
    page.goto(reverse("admin:login"))
    page.get_by_label("E-mail address").fill(operator.email)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()

    for path in [
        reverse("admin:index"),
        reverse("admin:people_member_changelist"),
        reverse("admin:people_member_change", args=[ana.pk]),
        reverse("admin:accounts_user_changelist"),
    ]:
        visit(page, path, found)

    assert found == []


def test_the_collector_does_report_a_blocked_inline_style(page, ana):
    """The check above can fail: an inline <style> is refused and reported."""
    found = watch_for_violations(page)
    visit(page, reverse("accounts:login"), found)

    page.evaluate("document.head.appendChild(document.createElement('style')).textContent = 'p{}'")
    page.wait_for_function("window.__cspViolations.length > 0")

    assert page.evaluate("window.__cspViolations")[0].startswith("style-src")
