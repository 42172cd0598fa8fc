"""A page that finds derived data missing asks for it by POST once loaded (issue 14, item 6:
a GET writes nothing): home asks for a new member's recommendations and who could help
them, a topic page for who could help with it; a page whose data is there asks nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_and_a_topic_page_ask_the_worker_once_loaded(signed_in_page, maya):
    from trellis.matching.models import HelperList, RecommendationRefresh

    assert not RecommendationRefresh.objects.filter(member=maya).exists()
    page = signed_in_page(maya)  # signing in lands on home
    expect(page.get_by_text("We are looking for people you might meet")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert RecommendationRefresh.objects.filter(member=maya).exists()
    assert HelperList.objects.filter(member=maya).exists()

    with page.expect_response(lambda r: r.url.endswith("/topics/terraform/working-out/")) as ask:
        page.goto("/topics/terraform/")
    assert ask.value.status == 204
    assert HelperList.objects.filter(topic__slug="terraform").exists()

    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else 0)
    page.goto("/topics/terraform/")
    page.wait_for_load_state("networkidle")
    assert posts == []  # asked for already: nothing more is posted
