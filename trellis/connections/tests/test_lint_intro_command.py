"""`trellis lint-intro`: one message on standard input, one JSON line per finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

MENTOR_ASK = "Hi Dana, will you be my mentor? \U0001f64f"
CLEAN = (
    "Hi Sam \u2014 I saw your post about zero-downtime k8s upgrades. We're moving our "
    "clusters from 1.27 to 1.29 next month. Did you drain node pools one at a time or "
    "surge them? I'm happy to send you our pre-flight checklist."
)
TRELLIS = Path(sys.executable).with_name("trellis")


def lint(message: str, *args: str) -> list[dict]:
    out = StringIO()
    call_command("lint_intro", *args, stdin=StringIO(message), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_json_line_per_finding_with_offsets_into_the_message():
    findings = lint(MENTOR_ASK)

    # One finding per span: the vague ask and the taking fold into the mentor ask.
    assert [(f["rule"], f["also"]) for f in findings] == [
        ("mentor-ask", ["only-takes", "no-specific-ask"])
    ]
    assert all(set(f) == {"rule", "start", "end", "why", "suggestion", "also"} for f in findings)
    assert MENTOR_ASK[findings[0]["start"] : findings[0]["end"]] == "will you be my mentor"


def test_it_prints_nothing_for_a_clean_message():
    assert lint(CLEAN, "--shared", "Kubernetes upgrades") == []


def test_it_prints_nothing_for_an_empty_message():
    assert lint("") == []


def test_shared_items_turn_on_the_shared_mention_rule():
    message = "Hi Alex, how did you size the Kafka cluster for Black Friday? Happy to share ours."

    assert lint(message) == []
    findings = lint(message, "--shared", "Kubernetes upgrades", "--shared", "Terraform")
    assert [f["rule"] for f in findings] == ["no-shared-mention"]
    assert "Kubernetes upgrades" in findings[0]["suggestion"]


def test_what_the_sender_offers_shapes_the_suggestion():
    (finding,) = [
        f
        for f in lint("Could you explain how you price wholesale orders?", "--offer", "glazing")
        if f["rule"] == "only-takes"
    ]
    assert "glazing" in finding["suggestion"]


def run_script(*args: str, message: str, tmp_path) -> subprocess.CompletedProcess:
    if not TRELLIS.exists():
        pytest.skip(f"the trellis console script is not installed beside {sys.executable}")
    return subprocess.run(
        [str(TRELLIS), *args],
        input=message.encode("utf-8"),
        capture_output=True,
        env={"TRELLIS_DATA_DIR": str(tmp_path), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        timeout=120,
    )


@pytest.mark.slow
def test_the_console_script_reads_stdin_and_exits_zero_with_findings(tmp_path):
    result = run_script(
        "lint-intro", "--shared", "Terraform", message=MENTOR_ASK, tmp_path=tmp_path
    )

    assert result.returncode == 0, result.stderr.decode()
    findings = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert {rule for f in findings for rule in (f["rule"], *f["also"])} == {
        "mentor-ask",
        "no-specific-ask",
        "only-takes",
        "no-shared-mention",
    }
    mentor = next(f for f in findings if f["rule"] == "mentor-ask")
    assert MENTOR_ASK[mentor["start"] : mentor["end"]] == "will you be my mentor"


@pytest.mark.slow
def test_the_console_script_prints_nothing_and_exits_zero_for_a_clean_message(tmp_path):
    result = run_script("lint-intro", message=CLEAN, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""


@pytest.mark.slow
def test_the_console_script_explains_the_command(tmp_path):
    result = run_script("lint-intro", "--help", message="", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr.decode()
    help_text = result.stdout.decode()
    assert "standard input" in help_text
    assert "--shared TOPIC" in help_text
    assert "never blocks" in help_text


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\u202e", "\r\n"])
def test_control_characters_on_standard_input_are_linted_not_a_crash(char):
    """The command only explains, so it stays permissive (issue 14, item 5)."""
    findings = lint(f"Hi Dana,{char} will you be my mentor?{char}")

    assert [f["rule"] for f in findings] == ["mentor-ask"]
