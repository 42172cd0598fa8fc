"""Every form that does something that cannot be undone asks first (`data-confirm`).

The shared script (trellis/static/trellis/trellis.js) turns the attribute into a dialog;
this reads the templates, so a new irreversible button without a question fails here.
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "trellis"
FORM = re.compile(r"<form\b[^>]*>", re.S)
# URL names whose POST cannot be undone (dismissing a suggestion offers Undo instead).
IRREVERSIBLE = [
    "community:post_delete",
    "community:reply_delete",
    "connections:relationship_close",
    "connections:intro_withdraw",
    "connections:reflection_delete",
    "initiatives:volunteer_withdraw",
    "initiatives:observation_delete",
    "initiatives:contribution_delete",
    "matching:round_publish",
    "matching:round_withdraw",
    "matching:round_pair_remove",
    "home:my_account_delete",
    "home:leaver_delete",
    "accounts:token_revoke",
]


def _forms_posting_to(url_name: str) -> list[str]:
    forms = []
    for template in TEMPLATES.rglob("*.html"):
        forms += [f for f in FORM.findall(template.read_text()) if f"'{url_name}'" in f]
    return forms


@pytest.mark.parametrize("url_name", IRREVERSIBLE)
def test_a_form_for_an_irreversible_action_asks_first(url_name):
    forms = _forms_posting_to(url_name)

    assert forms, f"no form posts to {url_name}; update IRREVERSIBLE"
    assert all("data-confirm=" in form for form in forms), forms


def test_cancelling_an_initiative_asks_first_but_its_other_moves_do_not():
    (form,) = _forms_posting_to("initiatives:initiative_move")

    assert '{% if state == "cancelled" %} data-confirm=' in form
