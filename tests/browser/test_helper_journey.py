"""A member finds someone who could help at home and introduces themselves from there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_member_introduces_themselves_to_someone_who_could_help(
    signed_in_page, screenshot, maya, noor, give_help
):
    from trellis.connections.models import Intro, Origin
    from trellis.matching import helping

    give_help(noor, "Terraform")  # Noor has helped someone with Terraform, which Maya learns
    helping.helpers_refresh(member_ids=[maya.pk])

    page = signed_in_page(maya)
    helpers = page.get_by_role("list", name="People who could help")
    card = helpers.get_by_role("listitem").filter(has_text="Noor Haddad")
    expect(card).to_contain_text("Helped 1 person with Terraform since")
    screenshot(page, "home")

    card.get_by_role("link", name="Introduce yourself to Noor Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduce yourself to Noor Haddad")
    expect(page.get_by_text("Noor Haddad could help with Terraform")).to_be_visible()
    draft = page.get_by_label("Message").input_value()
    assert draft.startswith(
        "Hi Noor,\n\nI'm learning Terraform, and Trellis suggested you as someone who has "
        "helped people with it."
    )
    screenshot(page, "composer")

    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("Sent to Noor Haddad.")
    intro = Intro.objects.get(sender=maya)
    assert (intro.recipient, intro.origin) == (noor, Origin.HELP)
