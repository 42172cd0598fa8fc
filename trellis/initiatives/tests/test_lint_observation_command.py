"""`trellis lint-observation`: one note on standard input, one JSON line per finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

VAGUE = "\u201cGreat job\u201d \U0001f44f 10/10!"
SPECIFIC = (
    "Led the data migration and caught the duplicate-invoice bug before launch, "
    "so finance closed March on time."
)
TRELLIS = Path(sys.executable).with_name("trellis")


def lint(text: str, *args: str) -> list[dict]:
    out = StringIO()
    call_command("lint_observation", *args, stdin=StringIO(text), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_json_line_per_finding_with_offsets_into_the_note():
    findings = lint(VAGUE)

    assert [f["rule"] for f in findings] == ["vague-praise", "rating"]
    assert all(set(f) == {"rule", "start", "end", "why", "suggestion", "also"} for f in findings)
    assert [VAGUE[f["start"] : f["end"]] for f in findings] == ["Great job", "10/10"]


def test_it_prints_nothing_for_a_specific_note():
    assert lint(SPECIFIC) == []


def test_it_prints_nothing_for_an_empty_note():
    assert lint("") == []
    assert lint("   \n") == []


def test_the_subject_names_the_person_in_the_suggestion():
    (finding,) = lint("Great job!", "--subject", "Ana")

    assert "say what you saw Ana do" in finding["suggestion"]
    assert "\u201cGreat job\u201d" in finding["suggestion"]


def test_without_a_subject_the_suggestion_still_reads_well():
    (finding,) = lint("Great job!")

    assert "say what you saw them do" in finding["suggestion"]


def test_a_judgement_of_the_person_is_found_beside_specific_work():
    text = "She is so smart. Rewrote the deploy scripts in Go and halved release time."

    findings = lint(text)

    assert [(f["rule"], text[f["start"] : f["end"]]) for f in findings] == [
        ("about-the-person", "She is so smart")
    ]


def test_the_help_lists_the_rules_and_an_example(capsys):
    with pytest.raises(SystemExit):
        call_command("lint_observation", "--help")
    help_text = " ".join(capsys.readouterr().out.split())

    for words in ("vague-praise", "about-the-person", "rating", "--subject NAME", "never blocks"):
        assert words in help_text
    assert "echo 'Great job, 10/10!' | trellis lint-observation" in help_text


def run_script(*args: str, text: str, tmp_path) -> subprocess.CompletedProcess:
    if not TRELLIS.exists():
        pytest.skip(f"the trellis console script is not installed beside {sys.executable}")
    return subprocess.run(
        [str(TRELLIS), *args],
        input=text.encode("utf-8"),
        capture_output=True,
        env={"TRELLIS_DATA_DIR": str(tmp_path), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        timeout=120,
    )


@pytest.mark.slow
def test_the_console_script_reads_utf8_stdin_and_exits_zero_with_findings(tmp_path):
    result = run_script("lint-observation", "--subject", "Jos\u00e9", text=VAGUE, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr.decode()
    findings = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [f["rule"] for f in findings] == ["vague-praise", "rating"]
    assert VAGUE[findings[0]["start"] : findings[0]["end"]] == "Great job"
    assert "Jos\u00e9" in findings[0]["suggestion"]


@pytest.mark.slow
def test_the_console_script_prints_nothing_and_exits_zero_for_a_specific_note(tmp_path):
    result = run_script("lint-observation", text=SPECIFIC, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
