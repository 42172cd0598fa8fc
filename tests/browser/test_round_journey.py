"""An organiser reviews a finished round (figures in words), removes a pair, pairs two
people by hand with the type-ahead (and is refused when a hard rule is broken), publishes;
a member is told and sees the suggestion; the organiser withdraws and it is gone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trellis.matching import runs
from trellis.matching.config import round_config_clean
from trellis.matching.engine.tests.test_report import STORED
from trellis.matching.models import Round, Suggestion

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def finished_round(organiser, ana, ben, carla, dev) -> Round:
    """A round ready to review: Ana+Ben and Carla+Ben, with the figures an engine stores."""
    round_obj = Round.objects.create(
        organiser=organiser.user,
        cohort={"kind": "all", "value": ""},
        config=round_config_clean(None),
        state=Round.State.DONE,
        progress=1.0,
        finished_at=timezone.now(),
        metrics={**STORED, "objective": 168.07875165253876},
    )
    for one, other in ((ana, ben), (carla, ben)):
        low, high = sorted((one, other), key=lambda m: m.pk)
        Suggestion.objects.create(
            round=round_obj,
            member_a=low,
            member_b=high,
            score=0.8123456,
            shared=0.4,
            explanation=f"{one.display_name} and {other.display_name} both work on Kubernetes.",
        )
    return round_obj


def confirm(page: Page, question_starts: str) -> None:
    """Answer yes in the confirmation dialog the shared script opens (trellis.js)."""
    dialog = page.get_by_role("dialog", name=re.compile("^" + re.escape(question_starts)))
    expect(dialog).to_be_visible()
    dialog.get_by_role("button").filter(has_not_text="Cancel").click()


def choose(page: Page, slot: str, typed: str, name: str) -> None:
    page.get_by_role("group", name=slot).get_by_role("searchbox").fill(typed)
    page.get_by_role("group", name=slot).get_by_role("radio", name=name).check()


def test_an_organiser_reviews_edits_publishes_and_withdraws_a_round(
    signed_in_page, screenshot, organiser, ana, ben, carla, dev, finished_round
):
    page = signed_in_page(organiser)
    page.goto(finished_round.get_absolute_url())

    review = page.get_by_role("region", name="Review")
    expect(page.get_by_text("The cohort has 40 people; 36 of them are active")).to_be_visible()
    expect(page.get_by_text("mutual value 1 (0 to 10)")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("168.07875165253876")
    expect(review).to_be_visible()
    screenshot(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name=f"Remove the pair {ana.display_name} and").click()
    confirm(page, f"Remove the pair {ana.display_name}")
    expect(page.get_by_text("The pair was removed")).to_be_visible()
    unpaired = page.get_by_role("region", name="People without a pair, and why")
    expect(unpaired).to_contain_text("Ana Lima")
    expect(unpaired).to_contain_text("Their pair was removed by hand")

    page.wait_for_function("typeof htmx === 'object'")
    choose(page, "One person", "Ana", "Ana Lima")
    choose(page, "The other person", "Ana", "Ana Lima")
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("Not paired: Choose two different people.")).to_be_visible()
    assert not Suggestion.objects.filter(round=finished_round, paired_by_hand=True).exists()

    choose(page, "One person", "Ana", "Ana Lima")
    choose(page, "The other person", "Dev", "Dev Patel")
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("Paired by hand;")).to_be_visible()
    expect(page.get_by_role("region", name="The round's pairs")).to_contain_text("Dev Patel")
    screenshot(page, "paired-by-hand")

    page.get_by_role("button", name="Publish").click()
    confirm(page, "Publish this round?")
    expect(page.get_by_text("Published: both members")).to_be_visible()
    runs.round_tell_members(round_id=finished_round.pk)  # the worker's task, queued on publish

    member = signed_in_page(ana)
    member.goto("/notifications/")
    expect(member.get_by_text("A matching round suggests you meet Dev Patel.")).to_be_visible()
    screenshot(member, "member-told")
    member.goto("/")
    expect(member.get_by_role("list", name="Suggestions")).to_contain_text("Dev Patel")

    page.get_by_role("button", name="Withdraw the round").click()
    confirm(page, "Withdraw this round?")
    expect(page.get_by_text("Withdrawn: its suggestions no longer show")).to_be_visible()
    screenshot(page, "withdrawn")

    member.reload()
    # The round's suggestion is gone (Dev may still be among the recommendations).
    expect(member.get_by_role("list", name="Suggestions")).to_have_count(0)
    member.set_viewport_size(PHONE)
    screenshot(member, "member-after-withdrawal-phone")
