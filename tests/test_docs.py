"""The README and .env.example must describe every setting the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTING = re.compile(r"""env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)\"""")


def settings_read_by_code() -> set[str]:
    names = set(SETTING.findall((ROOT / "trellis" / "settings.py").read_text()))
    return names | {"DATABASE_URL"}


def test_the_settings_module_reads_its_variables_through_the_typed_helpers():
    assert {"TRELLIS_SECRET_KEY", "DATABASE_URL", "TRELLIS_DEBUG"} <= settings_read_by_code()


def test_every_setting_is_documented_in_env_example():
    documented = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert settings_read_by_code() - documented == set()


def test_env_example_documents_nothing_the_code_does_not_read():
    documented = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert documented - settings_read_by_code() == set()


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert {name for name in settings_read_by_code() if f"`{name}`" not in readme} == set()


def test_the_readme_quickstart_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", quickstart, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["python3 dev.py demo", "python3 dev.py test"]


def test_every_roster_column_is_documented_in_the_readme():
    from trellis.people import roster

    readme = (ROOT / "README.md").read_text()
    assert {c for c in roster.COLUMNS if f"`{c}`" not in readme} == set()


def development_map() -> set[str]:
    """Every path the README's development map names ("trellis/matching/engine/", …).

    An entry's names come before the first run of two spaces; an entry indented below
    a folder is inside it.
    """
    section = (ROOT / "README.md").read_text().split("## Development", 1)[1]
    block = section.split("```\n", 2)[1]
    paths, parents = set(), []
    for line in block.splitlines():
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent >= 20:  # a blank or a continued description
            continue
        names = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0].split()
        parents = [(level, path) for level, path in parents if level < indent]
        base = parents[-1][1] if parents else ""
        paths |= {base + name for name in names}
        folders = [name for name in names if name.endswith("/")]
        if len(folders) == 1:
            parents.append((indent, base + folders[0]))
    return paths


def test_every_path_in_the_development_map_exists():
    assert {path for path in development_map() if not (ROOT / path).exists()} == set()


def test_every_app_and_package_is_in_the_development_map():
    engine = ROOT / "trellis" / "matching" / "engine"
    packages = [p.parent for p in (ROOT / "trellis").glob("*/__init__.py")]
    packages += [engine, *(p.parent for p in engine.glob("*/__init__.py"))]
    wanted = {f"{p.relative_to(ROOT)}/" for p in packages if p.name != "tests"}
    wanted |= {"trellis/", "bench/", "data/", "tests/", ".ci/", "trellis/templates/"}
    assert wanted - development_map() == set()
