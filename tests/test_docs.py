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
