"""An organiser reads the insights: opens them from the navigation, narrows the period and
the cohort, downloads a week-by-week table as CSV, and opens the network picture on a phone."""

from __future__ import annotations

import csv
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MESSAGE = "Hi, could we compare notes on Kubernetes upgrades? I can share our Terraform."


@pytest.fixture
def history(make_member):
    """Six members in two disciplines and three teams, and relationships between them that
    began 3, 5, 9 and 20 weeks ago, each with an exchange; the figures worked out."""
    from trellis.connections import bulk
    from trellis.connections.models import Origin

    people = [
        make_member(f"Eng {n}", discipline="Engineering", team=team, level=level)
        for n, (team, level) in enumerate((("Platform", 2), ("Platform", 4), ("Payments", 3)))
    ]
    people += [
        make_member(f"Design {n}", discipline="Design", team="Checkout", level=level)
        for n, level in enumerate((1, 3, 5))
    ]
    pairs = [(0, 2, 3, Origin.PROFILE), (1, 3, 5, Origin.HELP), (4, 0, 9, Origin.POST)]
    pairs += [(5, 1, 20, Origin.PROFILE)]
    now = timezone.now()
    intros = [
        bulk.NewIntro(
            people[a].pk,
            people[b].pk,
            MESSAGE,
            "accepted",
            ("Kubernetes",),
            sent_at=now - timedelta(weeks=weeks, days=1),
            answered_at=now - timedelta(weeks=weeks),
            origin=origin,
        )
        for a, b, weeks, origin in pairs
    ]
    intro_ids = bulk.intros_create(intros)
    relationship_ids = bulk.relationships_create(
        [bulk.NewRelationship(pk, "active") for pk in intro_ids]
    )
    bulk.exchanges_create(
        [
            bulk.NewExchange(pk, people[a].pk, timezone.localdate(), what_i_shared="Our runbook")
            for pk, (a, *_) in zip(relationship_ids, pairs, strict=True)
        ]
    )
    from trellis.insights.services import work_out_insights

    work_out_insights()
    return people


def asked(page: Page) -> dict[str, list[str]]:
    """The page's query, empty fields left out."""
    return parse_qs(urlsplit(page.url).query)


def cells(page: Page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def test_an_organiser_narrows_the_insights_downloads_a_table_and_reads_the_network_on_a_phone(
    signed_in_page, screenshot, organiser, history, tmp_path
):
    page = signed_in_page(organiser)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Insights").click()
    expect(page).to_have_url(re.compile(r"/organise/insights/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")

    # The last 26 weeks, for Engineering only: a plain GET form, its choices kept in the URL.
    page.get_by_label("Period").select_option("26")
    page.get_by_label("Discipline").select_option("Engineering")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/organise/insights/\?.*discipline=Engineering"))
    assert asked(page) == {"weeks": ["26"], "discipline": ["Engineering"]}
    expect(page.get_by_label("Period")).to_have_value("26")
    expect(page.get_by_label("Discipline")).to_have_value("Engineering")
    expect(page.locator("main")).to_contain_text("26 weeks")
    screenshot(page, "overview")

    # One question's page keeps the period and the cohort, and its table downloads as CSV.
    page.locator("nav[aria-label=Insights] a[href*='/organise/insights/growing/']").click()
    expect(page).to_have_url(re.compile(r"/organise/insights/growing/\?"))
    assert asked(page) == {"weeks": ["26"], "discipline": ["Engineering"]}
    table = ".insight-table >> nth=0"
    columns = cells(page, f"{table} >> thead th")
    weeks = page.locator(f"{table} >> tbody th time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )
    assert len(weeks) == 26 and len(columns) >= 2
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".csv") and "26-weeks" in saved.name
    with saved.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    assert len(header) == len(columns)  # the page's columns: the week, then each figure
    assert [row[0] for row in rows] == weeks
    assert all(len(row) == len(header) for row in rows)

    # On a phone, the network picture fits the screen: nothing scrolls sideways.
    phone = signed_in_page(organiser, **PHONE)
    phone.goto("/organise/insights/network/?weeks=26")
    picture = phone.locator("figure.network svg")
    expect(picture).to_be_visible()
    box = picture.bounding_box()
    assert box is not None and 0 < box["width"] <= PHONE["width"]
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    expect(phone.locator("main")).to_contain_text("Platform")
    screenshot(phone, "network-phone")
