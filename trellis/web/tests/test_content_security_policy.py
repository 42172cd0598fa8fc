"""Every response carries a Content-Security-Policy with no inline script or style.

The browser journey (tests/browser/test_csp_journey.py) checks that no page breaks
under it; these check the header itself and that no template brings inline code back.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TRELLIS = Path(__file__).resolve().parents[2]
# Inline code a strict policy refuses: style attributes and elements, inline scripts,
# on… handler attributes, htmx's hx-on (which evaluates code) and javascript: URLs.
INLINE_CODE = re.compile(
    r"""\sstyle=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=|hx-on|javascript:""", re.IGNORECASE
)

HTMX_CONFIG = (
    """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>"""
)


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


@pytest.mark.django_db
def test_a_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))

    assert directives(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_a_signed_in_page_sends_it_too(client, ana):
    client.force_login(ana.user)

    response = client.get(reverse("home:home"))

    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert directives(response)["script-src"] == "'self'"


def test_the_admin_alone_may_use_inline_style_and_never_inline_script(client, django_user_model):
    operator = django_user_model.objects.create_superuser("root@example.org", password="pw")
    client.force_login(operator)

    admin = directives(client.get(reverse("admin:index")))

    assert admin["style-src"] == "'self' 'unsafe-inline'"
    assert admin["script-src"] == "'self'"


def test_htmx_is_told_to_add_no_style_and_run_no_eval(client, ana):
    client.force_login(ana.user)

    html = client.get(reverse("home:home")).content.decode()

    assert HTMX_CONFIG in html


# HTML e-mails are never served as pages, and mail programs drop <style> and linked
# stylesheets: their styles must be inline (the CSP governs pages, not mail).
EMAIL_BODIES = frozenset({"integrations/digest/templates/digest/email.html"})


def test_no_template_or_chart_has_inline_script_style_or_handlers():
    sources = [
        *(
            path
            for path in TRELLIS.rglob("templates/**/*.html")
            if str(path.relative_to(TRELLIS)) not in EMAIL_BODIES
        ),
        *TRELLIS.rglob("templatetags/*.py"),  # markup written by Python: tags, filters
        TRELLIS / "web" / "charts.py",
    ]
    found = [
        f"{path.relative_to(TRELLIS)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if INLINE_CODE.search(line) and "{#" not in line
    ]

    assert len(sources) > 50
    assert found == []
