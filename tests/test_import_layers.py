"""Imports go one way: down the layers, never up and never across to a sibling.

Trellis is layered, lowest first (DESIGN.md, "Layout"): pure text tools; the linter and
the matching engine; shared web helpers and database plumbing; logins; members;
notifications; the four areas (community, connections, initiatives, matching), which
never import each other; what reads across the areas (insights, integrations); the pages
that combine them (home); the JSON API over all of it (api); the demo; the project's own
modules. This test reads every module's imports (at the top and inside functions)
and fails on any import that goes up a layer or across to a sibling, so the rule keeps
itself. Tests and migrations are left out: tests may use any area's fixtures,
migrations are history.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first; the units of one layer are siblings.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"env", "text"}),
    frozenset({"lint", "engine"}),
    frozenset({"web", "db"}),
    frozenset({"audit"}),
    frozenset({"accounts"}),
    frozenset({"people"}),
    frozenset({"notifications"}),
    frozenset({"community", "connections", "initiatives", "matching"}),
    frozenset({"insights", "integrations"}),
    frozenset({"home"}),
    frozenset({"api"}),
    frozenset({"demo"}),
    frozenset({"project"}),
)
LAYER_OF = {unit: level for level, units in enumerate(LAYERS) for unit in units}
PURE = frozenset({"env", "text", "lint", "engine"})  # no Django at all
PROJECT_MODULES = frozenset({"settings", "urls", "wsgi", "cli", "__init__"})


def unit_of(module: str) -> str | None:
    """The unit a `trellis.…` module belongs to; None for anything outside Trellis."""
    parts = module.split(".")
    if parts[0] != "trellis":
        return None
    if len(parts) == 1 or parts[1] in PROJECT_MODULES:
        return "project"
    if parts[1] == "matching" and len(parts) > 2 and parts[2] == "engine":
        return "engine"
    return parts[1]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_checked(path: Path, root: Path) -> bool:
    return not ({"tests", "migrations"} & set(path.relative_to(root).parts))


def _imported(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, with the line it does so on (relative ones resolved)."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from trellis import demo` imports the sub-package, not just a name.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in (root / "trellis").rglob("*.py") if _is_checked(p, root))


def wrong_way_imports(root: Path = ROOT) -> list[str]:
    """Every import in `root`/trellis that goes up a layer or across, as a readable line."""
    problems = []
    for path in _modules(root):
        here = unit_of(_module_name(path, root))
        for line, name in _imported(path, root):
            there = unit_of(name)
            where = f"{path.relative_to(root)}:{line} imports {name}"
            if here in PURE and name.split(".")[0] == "django":
                problems.append(f"{where}: `{here}` is pure Python, no Django")
            if there is None or there == here:
                continue
            if LAYER_OF[there] > LAYER_OF[here]:
                problems.append(f"{where}: `{here}` may not import `{there}`, a layer above")
            elif LAYER_OF[there] == LAYER_OF[here]:
                problems.append(f"{where}: `{here}` may not import `{there}`, its sibling")
    return sorted(set(problems))


def test_every_part_of_trellis_has_a_layer():
    units = {unit_of(_module_name(path, ROOT)) for path in _modules(ROOT)}

    assert units - set(LAYER_OF) == set()


def test_no_import_goes_up_a_layer_or_across_to_a_sibling():
    assert wrong_way_imports() == []


@pytest.mark.parametrize(
    "module, name, problem",
    [
        ("trellis/people/views.py", "trellis.home.views", "a layer above"),
        ("trellis/community/views.py", "trellis.matching.services", "its sibling"),
        ("trellis/matching/engine/scores.py", "django.db", "no Django"),
        ("trellis/web/htmx.py", "trellis.people.models", "a layer above"),
    ],
)
def test_the_rule_catches_a_wrong_way_import(tmp_path, module, name, problem):
    """The check itself can fail: a planted import the wrong way is reported."""
    planted = tmp_path / module
    planted.parent.mkdir(parents=True)
    planted.write_text(f"import {name}\n", encoding="utf-8")

    problems = wrong_way_imports(tmp_path)

    assert len(problems) == 1 and problem in problems[0] and name in problems[0]
