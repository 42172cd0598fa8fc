"""trellis.css: button variants that win over the base rule, and a focus ring people can see.

The focus ring has two bands (WCAG technique C40): the inner band must stand out (3:1)
against every button and the dark header it can sit next to, the outer band against the
page's light backgrounds (WCAG 2.2 SC 1.4.11 and the spirit of 2.4.13). The browser
journey (tests/browser/test_polish_journey.py) checks the computed colours as well.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "trellis" / "trellis.css").read_text()
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS))


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG 2.2 defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_matches_wcags_worked_examples():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_focus_ring_is_drawn_from_its_two_bands():
    rule = re.search(r"^:focus-visible \{([^}]*)\}", CSS, re.M).group(1)
    assert "outline: 3px solid var(--focus-outer)" in rule
    assert "box-shadow: 0 0 0 2px var(--focus-inner)" in rule


@pytest.mark.parametrize("background", ["paper", "wash"])
def test_the_outer_band_stands_out_against_the_page(background):
    assert contrast(VARIABLES["focus-outer"], VARIABLES[background]) >= 3


@pytest.mark.parametrize("button", ["leaf", "leaf-dark", "danger", "danger-dark"])
def test_the_inner_band_stands_out_against_every_filled_button_and_the_header(button):
    assert contrast(VARIABLES["focus-inner"], VARIABLES[button]) >= 3


def test_the_two_bands_stand_out_against_each_other():
    # C40's condition: 9:1 between the bands, so one of them reaches 3:1 on any colour.
    assert contrast(VARIABLES["focus-inner"], VARIABLES["focus-outer"]) >= 9


def test_the_bare_submit_button_rule_weighs_nothing_so_variants_win():
    # `button[type=submit]:not(.link-button)` (0,2,1) once beat `.button-secondary` (0,1,0).
    assert re.search(r":where\(button\[type=submit\]:not\(\.link-button\)\) \{", CSS)
    assert not re.search(r"^\.button, button\[type=submit\]", CSS, re.M)


@pytest.mark.parametrize(
    "selector",
    [
        ".button-secondary",
        ":is(.button, button).secondary",
        ".button-danger",
        ":is(.button, button).danger",
    ],
)
def test_both_spellings_of_each_variant_are_styled(selector):
    assert re.search(rf"(^|, ){re.escape(selector)}[ ,]", CSS, re.M)


def test_disabled_buttons_and_aria_disabled_ones_look_disabled():
    assert ':is(:disabled, [aria-disabled="true"])' in CSS
    assert "cursor: not-allowed" in CSS
