"""Every action Trellis records is in the documented list (`trellis.audit.actions`), so
the page's filter offers it and the README describes it."""

from __future__ import annotations

import re
from pathlib import Path

import trellis
from trellis.audit.actions import ACTIONS

ROOT = Path(trellis.__file__).parent
# record("area.verb", …) and ADMIN_ACTIONS-style tables of "admin.verb" names.
RECORDED = re.compile(r"""\brecord\(\s*["']([a-z_]+\.[a-z_]+)["']""")


def recorded_actions() -> dict[str, str]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for action in RECORDED.findall(path.read_text(encoding="utf-8")):
            found[action] = str(path.relative_to(ROOT))
    return found


def test_every_recorded_action_is_listed_with_a_description():
    found = recorded_actions()

    assert len(found) >= 10  # the pattern still finds the calls
    missing = {action: where for action, where in found.items() if action not in ACTIONS}
    assert not missing, f"add these to trellis/audit/actions.py: {missing}"


def test_every_listed_name_is_noun_dot_past_verb_and_described():
    for action, description in ACTIONS.items():
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", action), action
        assert description.endswith("."), action


def test_the_admin_and_sign_in_actions_are_listed():
    from trellis.audit.signals import ADMIN_ACTIONS

    assert set(ADMIN_ACTIONS.values()) <= set(ACTIONS)
